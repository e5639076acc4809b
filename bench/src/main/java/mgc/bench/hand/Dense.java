package mgc.bench.hand;

/** The loops a hand-written dense layer is made of, over the flat parameter and gradient arrays. */
final class Dense {

    private Dense() {}

    /** {@code out[i] = b[i] + sum_j W[i, j] in[inOff + j]}, summed left to right as micrograd does. */
    static void affine(double[] p, int w, int b, double[] in, int inOff, int nin, double[] out, int nout) {
        for (int i = 0; i < nout; i++) {
            int row = w + i * nin;
            double a = p[b + i];
            for (int j = 0; j < nin; j++) a += p[row + j] * in[inOff + j];
            out[i] = a;
        }
    }

    static void tanh(double[] v, int n) {
        for (int i = 0; i < n; i++) v[i] = Tanh.tanh(v[i]);
    }

    /** {@code delta[i] *= 1 - t[i]^2}: back through {@code t = tanh(a)}. */
    static void backTanh(double[] delta, double[] t, int n) {
        for (int i = 0; i < n; i++) delta[i] *= 1 - t[i] * t[i];
    }

    /**
     * Back through {@code out = W in + b} given {@code delta = d(loss)/d(out)}: adds into the gradients
     * of {@code W} and {@code b} and, when {@code dIn} is not null, overwrites it with d(loss)/d(in).
     * Rows with a zero delta (a dead relu) are skipped.
     */
    static void backAffine(double[] p, double[] g, int w, int b, double[] delta, int nout,
                           double[] in, int inOff, int nin, double[] dIn) {
        if (dIn != null) java.util.Arrays.fill(dIn, 0, nin, 0);
        for (int i = 0; i < nout; i++) {
            double d = delta[i];
            if (d == 0) continue;
            g[b + i] += d;
            int row = w + i * nin;
            for (int j = 0; j < nin; j++) g[row + j] += d * in[inOff + j];
            if (dIn != null) for (int j = 0; j < nin; j++) dIn[j] += d * p[row + j];
        }
    }

    /** {@code sum p^2} over all parameters, times {@code alpha}, with its gradient added into {@code g}. */
    static double l2Penalty(double[] p, double[] g, double alpha) {
        double s = 0;
        double twoAlpha = 2 * alpha;
        for (int i = 0; i < p.length; i++) {
            s += p[i] * p[i];
            g[i] += twoAlpha * p[i];
        }
        return alpha * s;
    }
}
