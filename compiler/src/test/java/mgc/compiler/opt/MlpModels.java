package mgc.compiler.opt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.GraphBuilder;
import mgc.compiler.ir.Op;
import mgc.compiler.ir.OutputKind;
import mgc.runtime.Initializer;
import mgc.runtime.ModelSignature;
import mgc.runtime.TensorSpec;

/**
 * Forward graphs of two multilayer perceptrons built directly with {@link GraphBuilder}, as the front
 * end would lower them: micrograd's moons network (2-16-16-1 relu, hinge loss, L2 penalty) and a
 * 64-64-64-1 tanh network with squared error.
 */
final class MlpModels {
    private MlpModels() {}

    /** 2-16-16-1 relu, loss relu(1 - y * score), penalty 1e-4 * sum of squared parameters. */
    static Graph moons() {
        return mlp("moons", new int[]{2, 16, 16, 1}, Op.RELU, true);
    }

    /** 64-64-64-1 tanh, loss (score - y)^2, penalty 1e-4 * sum of squared parameters. */
    static Graph tanh64() {
        return mlp("tanh64", new int[]{64, 64, 64, 1}, Op.TANH, false);
    }

    private static Graph mlp(String name, int[] widths, Op activation, boolean hinge) {
        List<TensorSpec> params = new ArrayList<>();
        int offset = 0;
        for (int l = 1; l < widths.length; l++) {
            TensorSpec w = new TensorSpec("W" + l, new int[]{widths[l], widths[l - 1]}, offset, new Initializer.Uniform(-1, 1));
            offset += w.size();
            TensorSpec b = new TensorSpec("b" + l, new int[]{widths[l]}, offset, new Initializer.Uniform(-1, 1));
            offset += b.size();
            params.add(w);
            params.add(b);
        }
        ModelSignature sig = new ModelSignature(name, params,
                List.of(new TensorSpec("x", new int[]{widths[0]}, 0, null)),
                List.of(new TensorSpec("y", new int[0], 0, null)),
                List.of(new TensorSpec("score", new int[0], 0, null)),
                true, Map.of());
        GraphBuilder g = new GraphBuilder(sig);
        int[] h = new int[widths[0]];
        for (int i = 0; i < h.length; i++) h[i] = g.input(i);
        int p = 0;
        int penalty = -1;
        for (int l = 1; l < widths.length; l++) {
            int[] next = new int[widths[l]];
            int wBase = p, bBase = p + widths[l] * widths[l - 1];
            for (int i = 0; i < widths[l]; i++) {
                int acc = -1;
                for (int j = 0; j < widths[l - 1]; j++) {
                    int term = g.mul(g.param(wBase + i * widths[l - 1] + j), h[j]);
                    acc = acc < 0 ? term : g.add(acc, term);
                }
                acc = g.add(acc, g.param(bBase + i));
                next[i] = l == widths.length - 1 ? acc : g.unary(activation, acc);
            }
            p = bBase + widths[l];
            h = next;
        }
        for (int i = 0; i < p; i++) {
            int sq = g.powc(g.param(i), 2.0);
            penalty = penalty < 0 ? sq : g.add(penalty, sq);
        }
        penalty = g.mul(g.constant(1e-4), penalty);
        int score = h[0];
        int y = g.target(0);
        int loss = hinge
                ? g.unary(Op.RELU, g.sub(g.constant(1.0), g.mul(y, score)))
                : g.powc(g.sub(score, y), 2.0);
        g.output(OutputKind.OUTPUT, "score", 0, score);
        g.output(OutputKind.LOSS, "", -1, loss);
        g.output(OutputKind.PENALTY, "", -1, penalty);
        return g.build();
    }
}
