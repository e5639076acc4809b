package mgc.compiler.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.GraphBuilder;
import mgc.compiler.ir.Op;
import mgc.compiler.ir.OutputKind;
import mgc.runtime.Initializer;
import mgc.runtime.ModelSignature;
import mgc.runtime.TensorSpec;

/**
 * Forward graphs of small networks built directly with {@link GraphBuilder}, the way lowering
 * would build them from a {@code .mg} model: {@code W @ x + b} as a left-to-right sum of products
 * plus the bias, {@code sum(W^2)} as a left-to-right sum of squares.
 */
public final class ModelGraphs {
    private ModelGraphs() {}

    /** How the scalar score and the target make the per-example loss. */
    public enum Loss {
        /** relu(1 - y * score), micrograd's max-margin loss. */
        HINGE,
        /** (score - y)^2. */
        SQUARED
    }

    /**
     * A fully connected network {@code sizes[0] -> ... -> sizes[last] = 1} with the given activation
     * on the hidden layers and a linear last layer, its loss, and the penalty
     * {@code 1e-4 * (sum of every parameter squared)}, as in micrograd's moons demo.
     */
    public static Graph mlp(String name, int[] sizes, Op activation, Loss loss) {
        if (sizes[sizes.length - 1] != 1) throw new IllegalArgumentException("the last layer must have one unit");
        List<TensorSpec> params = new ArrayList<>();
        int offset = 0;
        for (int l = 1; l < sizes.length; l++) {
            params.add(new TensorSpec("W" + l, new int[]{sizes[l], sizes[l - 1]}, offset, new Initializer.Uniform(-1, 1)));
            offset += sizes[l] * sizes[l - 1];
            params.add(new TensorSpec("b" + l, new int[]{sizes[l]}, offset, new Initializer.Fill(0)));
            offset += sizes[l];
        }
        ModelSignature sig = new ModelSignature(name, params,
                List.of(new TensorSpec("x", new int[]{sizes[0]}, 0, null)),
                List.of(new TensorSpec("y", new int[0], 0, null)),
                List.of(new TensorSpec("score", new int[0], 0, null)),
                true, Map.of());
        GraphBuilder g = new GraphBuilder(sig);
        int[] h = new int[sizes[0]];
        for (int i = 0; i < h.length; i++) h[i] = g.input(i);
        int p = 0;
        for (int l = 1; l < sizes.length; l++) {
            int[] next = new int[sizes[l]];
            int bias = p + sizes[l] * sizes[l - 1];
            for (int i = 0; i < sizes[l]; i++) {
                int acc = GraphBuilder.NONE;
                for (int j = 0; j < h.length; j++) {
                    int term = g.mul(g.param(p + i * h.length + j), h[j]);
                    acc = acc == GraphBuilder.NONE ? term : g.add(acc, term);
                }
                acc = g.add(acc, g.param(bias + i));
                next[i] = l == sizes.length - 1 ? acc : g.unary(activation, acc);
            }
            p = bias + sizes[l];
            h = next;
        }
        int score = h[0];
        int y = g.target(0);
        int lossNode = switch (loss) {
            case HINGE -> g.unary(Op.RELU, g.sub(g.constant(1.0), g.mul(y, score)));
            case SQUARED -> g.powc(g.sub(score, y), 2.0);
        };
        int sum = GraphBuilder.NONE;
        for (int i = 0; i < sig.paramSize(); i++) {
            int sq = g.powc(g.param(i), 2.0);
            sum = sum == GraphBuilder.NONE ? sq : g.add(sum, sq);
        }
        g.output(OutputKind.OUTPUT, "score", 0, score);
        g.output(OutputKind.LOSS, "", -1, lossNode);
        g.output(OutputKind.PENALTY, "", -1, g.mul(g.constant(1e-4), sum));
        return g.build();
    }

    /** micrograd's moons network: 2 -> 16 -> 16 -> 1 relu, hinge loss, 1e-4 * sum of squares. */
    public static Graph moons() {
        return mlp("moons", new int[]{2, 16, 16, 1}, Op.RELU, Loss.HINGE);
    }

    /** Parameters drawn from each tensor's initialiser (uniform or fill), for tests. */
    public static double[] initialParams(ModelSignature sig, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] p = new double[sig.paramSize()];
        for (TensorSpec s : sig.params()) {
            for (int i = 0; i < s.size(); i++) {
                if (s.init() instanceof Initializer.Uniform u) p[s.offset() + i] = r.nextDouble(u.lo(), u.hi());
                else if (s.init() instanceof Initializer.Fill f) p[s.offset() + i] = f.value();
                else throw new IllegalArgumentException(s.init().toString());
            }
        }
        return p;
    }
}
