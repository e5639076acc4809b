package mgc.bench.mnist;

/**
 * The hand-written Java loop nest baseline (issue 15): one example at a time, weights stored [in, out] so that
 * the forward pass and the weight gradient are axpy loops over the output axis ({@code z[o] += x * w[i][o]}, which
 * C2's SuperWord vectorises), skipping inputs that are exactly zero (pixels, dead relu units); the backward pass
 * to a hidden layer is a dot product per live unit. Adam is elementwise, so the layout is this class's choice.
 */
public final class MlpByHand extends MlpTraining {

    private final double[][] act;     // act[l]: layer l's output (act[0] unused: the input row is read in place)
    private final double[][] delta;   // delta[l]: d(loss)/d(pre-activation of layer l)

    public MlpByHand(int[] widths, MnistLikeData data, long seed) {
        super(widths, data, seed);
        act = new double[widths.length][];
        delta = new double[widths.length][];
        for (int l = 1; l < widths.length; l++) {
            act[l] = new double[widths[l]];
            delta[l] = new double[widths[l]];
        }
    }

    @Override
    protected double lossAndGradient(int first, int count) {
        int layers = widths.length - 1;
        double loss = 0;
        for (int e = first; e < first + count; e++) {
            for (int l = 0; l < layers; l++) {
                double[] in = l == 0 ? data.x() : act[l];
                int inOff = l == 0 ? e * MnistLikeData.PIXELS : 0;
                forward(w[l], b[l], in, inOff, widths[l], act[l + 1], widths[l + 1], l + 1 < layers);
            }
            double[] z = act[layers];
            System.arraycopy(z, 0, delta[layers], 0, z.length);
            loss += softmaxCrossEntropy(delta[layers], 0, data.labels()[e], count);
            for (int l = layers - 1; l >= 0; l--) {
                double[] in = l == 0 ? data.x() : act[l];
                int inOff = l == 0 ? e * MnistLikeData.PIXELS : 0;
                backward(w[l], gw[l], gb[l], in, inOff, widths[l], delta[l + 1], widths[l + 1], l == 0 ? null : delta[l]);
            }
        }
        return loss / count;
    }

    private static void forward(double[] w, double[] b, double[] in, int inOff, int nin, double[] out, int nout, boolean relu) {
        System.arraycopy(b, 0, out, 0, nout);
        for (int i = 0; i < nin; i++) {
            double x = in[inOff + i];
            if (x == 0) continue;
            int row = i * nout;
            for (int o = 0; o < nout; o++) out[o] += x * w[row + o];
        }
        if (relu) for (int o = 0; o < nout; o++) out[o] = Math.max(out[o], 0);
    }

    /** Adds this example's weight and bias gradients; fills dIn (through the relu that made {@code in}) unless null. */
    private static void backward(double[] w, double[] gw, double[] gb, double[] in, int inOff, int nin,
                                 double[] d, int nout, double[] dIn) {
        for (int o = 0; o < nout; o++) gb[o] += d[o];
        for (int i = 0; i < nin; i++) {
            double x = in[inOff + i];
            if (x == 0) continue;
            int row = i * nout;
            for (int o = 0; o < nout; o++) gw[row + o] += x * d[o];
        }
        if (dIn == null) return;
        for (int i = 0; i < nin; i++) {
            if (in[inOff + i] <= 0) { dIn[i] = 0; continue; }
            int row = i * nout;
            double s = 0;
            for (int o = 0; o < nout; o++) s += w[row + o] * d[o];
            dIn[i] = s;
        }
    }
}
