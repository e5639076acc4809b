package mgc.compiler.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mgc.compiler.diff.Differentiator;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.GraphBuilder;
import mgc.compiler.ir.Op;
import mgc.compiler.ir.OutputKind;
import mgc.runtime.Initializer;
import mgc.runtime.ModelSignature;
import mgc.runtime.TensorSpec;

/** Models built directly with {@link GraphBuilder}, for tests and measurements (no front end needed). */
final class TestModels {
    private TestModels() {}

    /** micrograd's moons network: 2-16-16-1 relu, hinge loss relu(1 - y score), 1e-4 L2 penalty on every parameter. */
    static Graph moons() {
        return mlp("moons", 2, new int[]{16, 16}, 1, Op.RELU, true, false);
    }

    /** A relu MLP of the given widths with moons' hinge loss (one output) or squared error. */
    static Graph reluMlp(int in, int[] hidden, int out, boolean hinge) {
        return mlp("relu_mlp", in, hidden, hinge ? 1 : out, Op.RELU, hinge, false);
    }

    /** in-h-out tanh MLP with a linear output layer and squared-error loss (and an L2 penalty). */
    static Graph tanhMlp(int in, int hidden, int out) {
        return mlp("tanh_mlp", in, new int[]{hidden}, out, Op.TANH, false, false);
    }

    /** The same with every dot product summed pairwise (a tree of adds) instead of left to right. */
    static Graph tanhMlpPairwise(int in, int hidden, int out) {
        return mlp("tanh_mlp", in, new int[]{hidden}, out, Op.TANH, false, true);
    }

    static Graph joint(Graph forward) {
        return Differentiator.reverse(forward, false);
    }

    private static Graph mlp(String name, int in, int[] hidden, int out, Op activation, boolean hinge, boolean pairwise) {
        List<TensorSpec> params = new ArrayList<>();
        int offset = 0;
        int[] widths = new int[hidden.length + 2];
        widths[0] = in;
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = out;
        int[] wOff = new int[widths.length - 1], bOff = new int[widths.length - 1];
        for (int l = 0; l + 1 < widths.length; l++) {
            params.add(new TensorSpec("W" + (l + 1), new int[]{widths[l + 1], widths[l]}, offset, new Initializer.Uniform(-1, 1)));
            wOff[l] = offset;
            offset += widths[l + 1] * widths[l];
            params.add(new TensorSpec("b" + (l + 1), new int[]{widths[l + 1]}, offset, new Initializer.Fill(0)));
            bOff[l] = offset;
            offset += widths[l + 1];
        }
        ModelSignature sig = new ModelSignature(name, params,
                List.of(new TensorSpec("x", new int[]{in}, 0, null)),
                List.of(new TensorSpec("y", out == 1 ? new int[0] : new int[]{out}, 0, null)),
                List.of(new TensorSpec("score", out == 1 ? new int[0] : new int[]{out}, 0, null)),
                true, Map.of("steps", "100", "optimizer", "sgd(lr = 1.0 to 0.1)"));
        GraphBuilder g = new GraphBuilder(sig);
        int[] h = new int[in];
        for (int i = 0; i < in; i++) h[i] = g.input(i);
        for (int l = 0; l + 1 < widths.length; l++) {
            boolean last = l + 2 == widths.length;
            int[] next = new int[widths[l + 1]];
            for (int i = 0; i < next.length; i++) {
                int acc;
                if (pairwise) {
                    int[] terms = new int[h.length + 1];
                    for (int j = 0; j < h.length; j++) terms[j] = g.mul(g.param(wOff[l] + i * h.length + j), h[j]);
                    terms[h.length] = g.param(bOff[l] + i);
                    acc = pairwiseSum(g, terms, 0, terms.length);
                } else {
                    acc = g.param(bOff[l] + i);
                    for (int j = 0; j < h.length; j++) acc = g.add(g.mul(g.param(wOff[l] + i * h.length + j), h[j]), acc);
                }
                next[i] = last ? acc : g.unary(activation, acc);
            }
            h = next;
        }
        int loss;
        if (hinge) {
            loss = g.unary(Op.RELU, g.sub(g.constant(1.0), g.mul(g.target(0), h[0])));
        } else {
            loss = g.constant(0.0);
            for (int k = 0; k < out; k++) {
                int d = g.sub(h[k], g.target(k));
                loss = g.add(loss, g.mul(d, d));
            }
            loss = g.mul(g.constant(1.0 / out), loss);
        }
        int sq = g.constant(0.0);
        for (int p = 0; p < offset; p++) sq = g.add(sq, g.powc(g.param(p), 2.0));
        for (int k = 0; k < out; k++) g.output(OutputKind.OUTPUT, out == 1 ? "score" : "score[" + k + "]", k, h[k]);
        g.output(OutputKind.LOSS, "", -1, loss);
        g.output(OutputKind.PENALTY, "", -1, g.mul(g.constant(1e-4), sq));
        return g.build();
    }

    private static int pairwiseSum(GraphBuilder g, int[] terms, int from, int to) {
        if (to - from == 1) return terms[from];
        int mid = (from + to) >>> 1;
        return g.add(pairwiseSum(g, terms, from, mid), pairwiseSum(g, terms, mid, to));
    }

    /**
     * A wide model for the big-model paths: {@code n} parameters (indices far above 32767), each with its
     * own distinct constant (more than the constant pool takes): loss = sum_i c_i p_i^2 x_0 + p_i.
     */
    static Graph wide(int n) {
        ModelSignature sig = new ModelSignature("wide",
                List.of(new TensorSpec("p", new int[]{n}, 0, new Initializer.Values(valuesFor(n)))),
                List.of(new TensorSpec("x", new int[]{1}, 0, null)), List.of(new TensorSpec("y", new int[0], 0, null)),
                List.of(new TensorSpec("out", new int[0], 0, null)), true, Map.of());
        GraphBuilder g = new GraphBuilder(sig);
        int x = g.input(0);
        int sum = g.constant(0.0);
        for (int i = 0; i < n; i++) {
            int p = g.param(i);
            sum = g.add(sum, g.add(g.mul(g.mul(g.constant(1.0 + i * 1e-7), g.powc(p, 2.0)), x), p));
        }
        g.output(OutputKind.OUTPUT, "out", 0, sum);
        g.output(OutputKind.LOSS, "", -1, g.mul(sum, g.target(0)));
        g.output(OutputKind.PENALTY, "", -1, g.param(n - 1));
        return g.build();
    }

    private static double[] valuesFor(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = Math.sin(i);
        return v;
    }
}
