package mgc.compiler.interp;

import java.util.Arrays;
import java.util.List;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.Output;
import mgc.compiler.ir.OutputKind;
import mgc.runtime.CompiledModel;
import mgc.runtime.ModelSignature;

/**
 * A {@link CompiledModel} that runs the joint graph on the reference {@link Interpreter}: slow, but
 * obviously right. {@code mgc eval --interpret}, the tests and the NaN hunt use it; its results are
 * bit-for-bit those of the generated code.
 */
public final class InterpretedModel implements CompiledModel {
    private final Graph joint;
    private final ModelSignature signature;
    private final Output loss, penalty;
    private final List<Output> outputs, grads, penaltyGrads;

    public InterpretedModel(Graph joint) {
        this.joint = joint;
        this.signature = joint.signature();
        this.loss = joint.output(OutputKind.LOSS);
        this.penalty = joint.output(OutputKind.PENALTY);
        this.outputs = joint.outputs(OutputKind.OUTPUT);
        this.grads = joint.outputs(OutputKind.GRAD);
        this.penaltyGrads = joint.outputs(OutputKind.GRAD_PENALTY);
    }

    public Graph graph() { return joint; }

    @Override public ModelSignature signature() { return signature; }

    @Override public int scratchSize() { return 0; }

    /** {@code targets} null for forward, which has none: a target then reads NaN, as in generated code. */
    private double[] run(double[] params, double[] inputs, double[] targets, int example) {
        int in = example * signature.inputSize();
        if (targets == null) {
            double[] absent = new double[signature.targetSize()];
            Arrays.fill(absent, Double.NaN);
            return Interpreter.run(joint, params, inputs, in, absent, 0, null);
        }
        return Interpreter.run(joint, params, inputs, in, targets, example * signature.targetSize(), null);
    }

    @Override
    public void forward(double[] params, double[] inputs, int from, int to, double[] out, double[] scratch) {
        int k = signature.outputSize();
        for (int e = from; e < to; e++) {
            double[] v = run(params, inputs, null, e);
            for (Output o : outputs) out[(e - from) * k + o.element()] = v[o.node()];
        }
    }

    @Override
    public double loss(double[] params, double[] inputs, double[] targets, int from, int to, double[] scratch) {
        double sum = 0;
        for (int e = from; e < to; e++) sum += run(params, inputs, targets, e)[loss.node()];
        return sum;
    }

    @Override
    public double lossAndGradient(double[] params, double[] inputs, double[] targets, int from, int to,
                                  double[] grad, double[] scratch) {
        if (grads.size() != signature.paramSize()) throw new IllegalStateException("graph has no gradient outputs");
        double sum = 0;
        for (int e = from; e < to; e++) {
            double[] v = run(params, inputs, targets, e);
            sum += v[loss.node()];
            for (Output o : grads) grad[o.element()] += v[o.node()];
        }
        return sum;
    }

    @Override
    public double penalty(double[] params, double[] scratch) {
        return Interpreter.run(joint, params, new double[signature.inputSize()], new double[signature.targetSize()], null)[penalty.node()];
    }

    @Override
    public double penaltyAndGradient(double[] params, double[] grad, double[] scratch) {
        double[] v = Interpreter.run(joint, params, new double[signature.inputSize()], new double[signature.targetSize()], null);
        for (Output o : penaltyGrads) grad[o.element()] += v[o.node()];
        return v[penalty.node()];
    }
}
