package mgc.compiler.check;

import mgc.compiler.interp.Interpreter;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.Output;
import mgc.compiler.ir.OutputKind;
import mgc.runtime.CompiledModel;
import mgc.runtime.ModelSignature;

/**
 * What {@link GradientCheck} checks: a model's loss and penalty for one example, and their gradients
 * with respect to the parameters. The interpreter of the joint graph is one implementation; the
 * generated code (a {@code CompiledModel}) is another, so the same check runs on compiled code.
 */
public interface ModelEvaluator {

    /** Loss, penalty and both gradients (indexed by flat parameter element) at one example. */
    record Evaluation(double loss, double penalty, double[] lossGradient, double[] penaltyGradient) {}

    /** The loss, the penalty and their gradients: what is being checked. */
    Evaluation evaluate(double[] params, double[] inputs, double[] targets);

    /** The loss alone (finite differences call it four times per parameter element). */
    double loss(double[] params, double[] inputs, double[] targets);

    /** The penalty alone. */
    double penalty(double[] params);

    /** {loss, penalty}; an implementation that computes both in one pass may say so here. */
    default double[] lossAndPenalty(double[] params, double[] inputs, double[] targets) {
        return new double[]{loss(params, inputs, targets), penalty(params)};
    }

    /** A compiled model (generated code, or the interpreter behind the same interface), one example at a time. */
    static ModelEvaluator of(CompiledModel m) {
        int p = m.signature().paramSize();
        double[] scratch = m.newScratch();
        return new ModelEvaluator() {
            @Override
            public Evaluation evaluate(double[] params, double[] inputs, double[] targets) {
                double[] g = new double[p], pg = new double[p];
                double loss = m.lossAndGradient(params, inputs, targets, 0, 1, g, scratch);
                double pen = m.penaltyAndGradient(params, pg, scratch);
                return new Evaluation(loss, pen, g, pg);
            }

            @Override
            public double loss(double[] params, double[] inputs, double[] targets) {
                return m.loss(params, inputs, targets, 0, 1, scratch);
            }

            @Override
            public double penalty(double[] params) {
                return m.penalty(params, scratch);
            }
        };
    }

    /** The reference interpreter: values from {@code forward}, gradients from {@code joint}'s grad outputs. */
    static ModelEvaluator interpreted(Graph forward, Graph joint) {
        ModelSignature sig = forward.signature();
        int lossNode = forward.output(OutputKind.LOSS).node();
        int penaltyNode = forward.output(OutputKind.PENALTY).node();
        double[] noInputs = new double[sig.inputSize()], noTargets = new double[sig.targetSize()];
        return new ModelEvaluator() {
            @Override
            public Evaluation evaluate(double[] params, double[] inputs, double[] targets) {
                double[] v = Interpreter.run(joint, params, inputs, targets, null);
                return new Evaluation(v[joint.output(OutputKind.LOSS).node()], v[joint.output(OutputKind.PENALTY).node()],
                        gather(joint, OutputKind.GRAD, v, sig.paramSize()),
                        gather(joint, OutputKind.GRAD_PENALTY, v, sig.paramSize()));
            }

            @Override
            public double loss(double[] params, double[] inputs, double[] targets) {
                return Interpreter.run(forward, params, inputs, targets, null)[lossNode];
            }

            @Override
            public double penalty(double[] params) {
                return Interpreter.run(forward, params, noInputs, noTargets, null)[penaltyNode];
            }

            @Override
            public double[] lossAndPenalty(double[] params, double[] inputs, double[] targets) {
                double[] v = Interpreter.run(forward, params, inputs, targets, null);
                return new double[]{v[lossNode], v[penaltyNode]};
            }
        };
    }

    private static double[] gather(Graph joint, OutputKind kind, double[] values, int size) {
        double[] r = new double[size];
        for (Output o : joint.outputs(kind)) r[o.element()] = values[o.node()];
        return r;
    }
}
