package mgc.runtime.testing;

import java.util.List;
import java.util.Map;
import mgc.runtime.CompiledModel;
import mgc.runtime.Initializer;
import mgc.runtime.ModelSignature;
import mgc.runtime.TensorSpec;

/** Linear regression {@code score = w . x + b}, loss {@code (score - y)^2}, no penalty; hand-coded gradient. */
public final class Linear implements CompiledModel {
    private final int d;
    private final ModelSignature sig;

    public Linear() {
        this(2);
    }

    public Linear(int d) {
        this(d, Map.of("optimizer", "sgd(lr = 0.1)", "steps", "50"));
    }

    /** With the given {@code train { }} defaults. */
    public Linear(int d, Map<String, String> trainDefaults) {
        this.d = d;
        this.sig = new ModelSignature("linear",
                List.of(new TensorSpec("w", new int[] {d}, 0, new Initializer.Uniform(-1, 1)),
                        new TensorSpec("b", new int[0], d, new Initializer.Fill(0))),
                List.of(new TensorSpec("x", new int[] {d}, 0, null)),
                List.of(new TensorSpec("y", new int[0], 0, null)),
                List.of(new TensorSpec("score", new int[0], 0, null)),
                false, trainDefaults);
    }

    @Override public ModelSignature signature() { return sig; }

    @Override public int scratchSize() { return 0; }

    private double score(double[] p, double[] in, int i) {
        double s = p[d];
        for (int j = 0; j < d; j++) s += p[j] * in[i * d + j];
        return s;
    }

    @Override
    public void forward(double[] params, double[] inputs, int from, int to, double[] outputs, double[] scratch) {
        for (int i = from; i < to; i++) outputs[i - from] = score(params, inputs, i);
    }

    @Override
    public double loss(double[] params, double[] inputs, double[] targets, int from, int to, double[] scratch) {
        double l = 0;
        for (int i = from; i < to; i++) {
            double r = score(params, inputs, i) - targets[i];
            l += r * r;
        }
        return l;
    }

    @Override
    public double lossAndGradient(double[] params, double[] inputs, double[] targets, int from, int to,
                                  double[] grad, double[] scratch) {
        double l = 0;
        for (int i = from; i < to; i++) {
            double r = score(params, inputs, i) - targets[i];
            l += r * r;
            for (int j = 0; j < d; j++) grad[j] += 2 * r * inputs[i * d + j];
            grad[d] += 2 * r;
        }
        return l;
    }

    @Override public double penalty(double[] params, double[] scratch) { return 0; }

    @Override public double penaltyAndGradient(double[] params, double[] grad, double[] scratch) { return 0; }
}
