package mgc.compiler.tensor;

import java.util.Arrays;
import mgc.compiler.ir.OutputKind;
import mgc.runtime.CompiledModel;
import mgc.runtime.ModelSignature;
import mgc.runtime.TensorSpec;

/**
 * A {@link CompiledModel} that runs a joint tensor graph on the {@link TInterpreter}, example by
 * example, summing in example order: the oracle of the loop back end (equal to its results up to the
 * sign of zeros, see docs/tensor-ir.md), and what {@code --interpret} runs for a loop-kernel model.
 */
public final class TensorInterpretedModel implements CompiledModel {
    private final TGraph joint;
    private final ModelSignature signature;

    public TensorInterpretedModel(TGraph joint) {
        this.joint = joint;
        this.signature = joint.signature();
    }

    @Override public ModelSignature signature() { return signature; }

    @Override public int scratchSize() { return 0; }

    /** {@code targets} null for forward, which has none: a target then reads NaN, as in generated code. */
    private double[][] run(double[] params, double[] inputs, double[] targets, int example) {
        double[] in = Arrays.copyOfRange(inputs, example * signature.inputSize(), (example + 1) * signature.inputSize());
        double[] tg = new double[signature.targetSize()];
        if (targets == null) Arrays.fill(tg, Double.NaN);
        else System.arraycopy(targets, example * signature.targetSize(), tg, 0, tg.length);
        return TInterpreter.run(joint, params, in, tg, null);
    }

    @Override
    public void forward(double[] params, double[] inputs, int from, int to, double[] out, double[] scratch) {
        int k = signature.outputSize();
        for (int e = from; e < to; e++) {
            double[][] v = run(params, inputs, null, e);
            for (TOutput o : joint.outputs(OutputKind.OUTPUT)) {
                double[] x = v[o.node()];
                System.arraycopy(x, 0, out, (e - from) * k + spec(signature.outputs(), o.name()).offset(), x.length);
            }
        }
    }

    @Override
    public double loss(double[] params, double[] inputs, double[] targets, int from, int to, double[] scratch) {
        double sum = 0;
        int loss = joint.output(OutputKind.LOSS).node();
        for (int e = from; e < to; e++) sum += run(params, inputs, targets, e)[loss][0];
        return sum;
    }

    @Override
    public double lossAndGradient(double[] params, double[] inputs, double[] targets, int from, int to,
                                  double[] grad, double[] scratch) {
        double sum = 0;
        int loss = joint.output(OutputKind.LOSS).node();
        for (int e = from; e < to; e++) {
            double[][] v = run(params, inputs, targets, e);
            sum += v[loss][0];
            add(v, OutputKind.GRAD, grad);
        }
        return sum;
    }

    @Override
    public double penalty(double[] params, double[] scratch) {
        return penaltyValues(params)[joint.output(OutputKind.PENALTY).node()][0];
    }

    @Override
    public double penaltyAndGradient(double[] params, double[] grad, double[] scratch) {
        double[][] v = penaltyValues(params);
        add(v, OutputKind.GRAD_PENALTY, grad);
        return v[joint.output(OutputKind.PENALTY).node()][0];
    }

    private double[][] penaltyValues(double[] params) {
        return TInterpreter.run(joint, params, new double[signature.inputSize()], new double[signature.targetSize()], null);
    }

    private void add(double[][] v, OutputKind kind, double[] grad) {
        for (TOutput o : joint.outputs(kind)) {
            double[] x = v[o.node()];
            int off = spec(signature.params(), o.name()).offset();
            for (int i = 0; i < x.length; i++) grad[off + i] += x[i];
        }
    }

    private static TensorSpec spec(java.util.List<TensorSpec> specs, String name) {
        return java.util.Objects.requireNonNull(TensorSpec.named(specs, name), name);
    }
}
