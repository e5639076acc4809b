package mgc.compiler.diff;

import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import mgc.compiler.interp.Interpreter;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.GraphBuilder;
import mgc.compiler.ir.OutputKind;
import mgc.runtime.Initializer;
import mgc.runtime.ModelSignature;
import mgc.runtime.TensorSpec;

/**
 * Tiny models of {@code n} scalar parameters whose loss is one expression, for hand-worked
 * derivative tests: the loss is also the model's output and the penalty is 0.
 */
final class ScalarModels {
    private ScalarModels() {}

    static ModelSignature signature(int params) {
        return new ModelSignature("scalar",
                List.of(new TensorSpec("p", new int[]{params}, 0, new Initializer.Fill(0))),
                List.of(), List.of(), List.of(new TensorSpec("out", new int[0], 0, null)), false, Map.of());
    }

    /** The forward graph of {@code loss} built over parameters p[0..params). */
    static Graph forward(int params, ToIntFunction<GraphBuilder> loss) {
        GraphBuilder g = new GraphBuilder(signature(params));
        for (int i = 0; i < params; i++) g.param(i);
        int l = loss.applyAsInt(g);
        g.output(OutputKind.OUTPUT, "out", 0, l);
        g.output(OutputKind.LOSS, "", -1, l);
        g.output(OutputKind.PENALTY, "", -1, g.constant(0.0));
        return g.build();
    }

    /** Loss value followed by the gradient, by reverse mode and the interpreter. */
    static double[] valueAndGradient(Graph forward, double... params) {
        Graph joint = Differentiator.reverse(forward, false);
        double[] v = Interpreter.run(joint, params, new double[0], new double[0], null);
        double[] r = new double[params.length + 1];
        r[0] = v[joint.output(OutputKind.LOSS).node()];
        for (var o : joint.outputs(OutputKind.GRAD)) r[1 + o.element()] = v[o.node()];
        return r;
    }

    /** The full Hessian, row-major, by reverse over reverse mode. */
    static double[] hessian(Graph forward, double... params) {
        Graph h = Differentiator.hessian(forward);
        double[] v = Interpreter.run(h, params, new double[0], new double[0], null);
        double[] r = new double[params.length * params.length];
        for (var o : h.outputs(OutputKind.HESSIAN)) r[o.element()] = v[o.node()];
        return r;
    }

    /** The directional derivative of the loss along {@code direction}, by forward mode. */
    static double jvp(Graph forward, double[] params, double[] direction) {
        Graph j = Differentiator.jvp(forward);
        double[] v = Interpreter.run(j, params, new double[0], new double[0], direction);
        for (var o : j.outputs(OutputKind.JVP)) if (o.name().equals("loss")) return v[o.node()];
        throw new IllegalStateException("no jvp of the loss");
    }
}
