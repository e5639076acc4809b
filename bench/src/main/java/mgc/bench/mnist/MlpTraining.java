package mgc.bench.mnist;

import java.util.SplittableRandom;

/**
 * One training step of a relu MLP classifier (softmax cross-entropy, mean over the batch, Adam), float64,
 * the shape of issue 15's MNIST benchmark. Subclasses compute the batch's loss and add its gradient into
 * {@code gw}/{@code gb}; this class owns the parameters, the data and the optimiser, shared by all of them.
 * Weights are {@code w[l][o * in + i]} (row-major [out, in], mgc's layout).
 */
public abstract class MlpTraining {

    public static final int BATCH = 64;
    private static final double LR = 1e-3, BETA1 = 0.9, BETA2 = 0.999, EPS = 1e-8;

    protected final int[] widths;
    protected final double[][] w, b, gw, gb;
    private final double[][] mw, vw, mb, vb;
    protected final MnistLikeData data;
    private int step;
    private int nextBatch;

    protected MlpTraining(int[] widths, MnistLikeData data, long seed) {
        this.widths = widths;
        this.data = data;
        int layers = widths.length - 1;
        w = new double[layers][]; b = new double[layers][]; gw = new double[layers][]; gb = new double[layers][];
        mw = new double[layers][]; vw = new double[layers][]; mb = new double[layers][]; vb = new double[layers][];
        SplittableRandom r = new SplittableRandom(seed);
        for (int l = 0; l < layers; l++) {
            int in = widths[l], out = widths[l + 1];
            w[l] = new double[out * in];
            double scale = Math.sqrt(6.0 / in);   // He-uniform keeps relu activations alive
            for (int i = 0; i < w[l].length; i++) w[l][i] = scale * (2 * r.nextDouble() - 1);
            b[l] = new double[out];
            gw[l] = new double[out * in]; gb[l] = new double[out];
            mw[l] = new double[out * in]; vw[l] = new double[out * in]; mb[l] = new double[out]; vb[l] = new double[out];
        }
    }

    /** Parses "784-128-10" into layer widths. */
    public static int[] widths(String model) {
        String[] parts = model.split("-");
        int[] widths = new int[parts.length];
        for (int i = 0; i < parts.length; i++) widths[i] = Integer.parseInt(parts[i]);
        return widths;
    }

    /** One Adam step on the next batch of {@link #BATCH} examples (cycling through the data); returns the batch's mean loss. */
    public final double step() {
        int first = nextBatch * BATCH;
        nextBatch = (nextBatch + 1) % (data.examples() / BATCH);
        double loss = lossAndGradient(first, BATCH);
        step++;
        // the runtime's Adam arithmetic (mgc.runtime.optim.Adam), so both sides do the same work
        double c1 = LR / (1 - Math.pow(BETA1, step)), c2 = 1 / Math.sqrt(1 - Math.pow(BETA2, step));
        for (int l = 0; l < w.length; l++) {
            adam(w[l], gw[l], mw[l], vw[l], c1, c2);
            adam(b[l], gb[l], mb[l], vb[l], c1, c2);
        }
        return loss;
    }

    /** {@code c1} = lr / (1 - b1^t), {@code c2} = 1 / sqrt(1 - b2^t). */
    private static void adam(double[] p, double[] g, double[] m, double[] v, double c1, double c2) {
        for (int i = 0; i < p.length; i++) {
            double gi = g[i];
            m[i] = BETA1 * m[i] + (1 - BETA1) * gi;
            v[i] = BETA2 * v[i] + (1 - BETA2) * gi * gi;
            p[i] -= c1 * m[i] / (Math.sqrt(v[i]) * c2 + EPS);
            g[i] = 0;
        }
    }

    /** Mean loss of examples [first, first + count) and its gradient, added into gw and gb. */
    protected abstract double lossAndGradient(int first, int count);

    /**
     * Softmax cross-entropy of one example's logits {@code z[at .. at+10)} against {@code label}; overwrites the
     * logits with d(mean loss)/d(logits) = (softmax - onehot) / batch and returns the example's loss.
     */
    protected static double softmaxCrossEntropy(double[] z, int at, int label, int batch) {
        int k = MnistLikeData.CLASSES;
        double max = z[at];
        for (int i = 1; i < k; i++) max = Math.max(max, z[at + i]);
        double sum = 0;
        for (int i = 0; i < k; i++) {
            double e = Math.exp(z[at + i] - max);
            z[at + i] = e;
            sum += e;
        }
        double loss = Math.log(sum) - Math.log(z[at + label]);
        for (int i = 0; i < k; i++) z[at + i] = (z[at + i] / sum - (i == label ? 1 : 0)) / batch;
        return loss;
    }
}
