package mgc.bench.mnist;

import java.util.Arrays;

import mgc.runtime.kernel.Kernels;

/**
 * The same training step written the way the loop back end will emit it: the batch in tiles of {@code tile}
 * examples, the three contractions per layer as {@link Kernels#contract} calls (forward over the tile, weight
 * gradient accumulated across the tile, backward to the layer below), the elementwise work by hand.
 * Weights are [out, in] (mgc's layout) or, with {@code inMajor}, [in, out] (the hand-written baseline's layout,
 * which spares the kernels a transposed copy of W in the forward pass and of G in the weight gradient).
 */
public final class MlpByKernels extends MlpTraining {

    private final int tile;
    private final boolean inMajor;
    private final double[][] act;     // act[l]: [tile, widths[l]], layer l's output
    private final double[][] delta;   // delta[l]: [tile, widths[l]], d(loss)/d(pre-activation of layer l)
    private final double[] work;

    public MlpByKernels(int[] widths, MnistLikeData data, long seed, int tile, boolean inMajor) {
        super(widths, data, seed);
        this.tile = tile;
        this.inMajor = inMajor;
        act = new double[widths.length][];
        delta = new double[widths.length][];
        int workSize = 0;
        for (int l = 1; l < widths.length; l++) {
            act[l] = new double[tile * widths[l]];
            delta[l] = new double[tile * widths[l]];
            int in = widths[l - 1], out = widths[l];
            workSize = Math.max(workSize, Math.max(Kernels.workspaceSize(tile, 1, in, out),
                    Math.max(Kernels.workspaceSize(tile, out, 1, in), Math.max(Kernels.workspaceSize(tile, in, 1, out),
                            Kernels.workspaceSize(tile, 1, out, in)))));
        }
        work = new double[workSize];
    }

    @Override
    protected double lossAndGradient(int first, int count) {
        double loss = 0;
        for (int t0 = first; t0 < first + count; t0 += tile) loss += tile(t0, Math.min(tile, first + count - t0), count);
        return loss / count;
    }

    private double tile(int t0, int T, int batch) {
        int layers = widths.length - 1;
        double[] x = data.x();
        int xOff = t0 * MnistLikeData.PIXELS;
        for (int l = 0; l < layers; l++) {
            int in = widths[l], out = widths[l + 1];
            double[] src = l == 0 ? x : act[l];
            int srcOff = l == 0 ? xOff : 0;
            double[] z = act[l + 1];
            Arrays.fill(z, 0, T * out, -0.0);
            // Z[t,o] = sum_i X[t,i] W[o,i], zero inputs skipped
            Kernels.contract(T, 1, in, out, src, srcOff, in, 0, 1, w[l], 0, 0, inMajor ? out : 1, inMajor ? 1 : in,
                    z, 0, out, out, true, false, work, 0);
            boolean relu = l + 1 < layers;
            for (int t = 0; t < T; t++)
                for (int o = 0; o < out; o++) {
                    double v = z[t * out + o] + b[l][o];
                    z[t * out + o] = relu ? Math.max(v, 0) : v;
                }
        }
        double loss = 0;
        int k = widths[layers];
        System.arraycopy(act[layers], 0, delta[layers], 0, T * k);
        for (int t = 0; t < T; t++) loss += softmaxCrossEntropy(delta[layers], t * k, data.labels()[t0 + t], batch);
        for (int l = layers - 1; l >= 0; l--) {
            int in = widths[l], out = widths[l + 1];
            double[] src = l == 0 ? x : act[l];
            int srcOff = l == 0 ? xOff : 0;
            double[] d = delta[l + 1];
            // G[o,i] += sum_t D[t,o] X[t,i]: zero adjoints and zero inputs skipped
            if (inMajor) // G[i,o] += sum_t X[t,i] D[t,o]
                Kernels.contract(T, in, 1, out, src, srcOff, in, 1, 0, d, 0, out, 0, 1, gw[l], 0, 0, out, true, true, work, 0);
            else
                Kernels.contract(T, out, 1, in, d, 0, out, 1, 0, src, srcOff, in, 0, 1, gw[l], 0, 0, in, true, true, work, 0);
            for (int t = 0; t < T; t++)
                for (int o = 0; o < out; o++) gb[l][o] += d[t * out + o];
            if (l == 0) continue;
            double[] dIn = delta[l];
            Arrays.fill(dIn, 0, T * in, -0.0);
            // dX[t,i] = sum_o D[t,o] W[o,i], zero adjoints skipped; then back through the relu
            Kernels.contract(T, 1, out, in, d, 0, out, 0, 1, w[l], 0, 0, inMajor ? 1 : in, inMajor ? out : 1,
                    dIn, 0, in, in, true, false, work, 0);
            double[] h = act[l];
            for (int i = 0; i < T * in; i++) if (h[i] <= 0) dIn[i] = 0;
        }
        return loss;
    }
}
