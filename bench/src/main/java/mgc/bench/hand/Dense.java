package mgc.bench.hand;

/** The loops a hand-written dense layer is made of, over the flat parameter and gradient arrays. */
final class Dense {

    private Dense() {}

    /**
     * {@code out[i] = b[i] + sum_j W[i, j] in[inOff + j]}, each row summed left to right as micrograd
     * does. Four rows at a time: four independent dependency chains keep the FP adders busy (one
     * row's sum is a chain of adds, each waiting for the last) and share each load of {@code in[j]}.
     */
    static void affine(double[] p, int w, int b, double[] in, int inOff, int nin, double[] out, int nout) {
        int i = 0;
        for (; i + 3 < nout; i += 4) {
            int r0 = w + i * nin;
            int r1 = r0 + nin;
            int r2 = r1 + nin;
            int r3 = r2 + nin;
            double a0 = p[b + i];
            double a1 = p[b + i + 1];
            double a2 = p[b + i + 2];
            double a3 = p[b + i + 3];
            for (int j = 0; j < nin; j++) {
                double x = in[inOff + j];
                a0 += p[r0 + j] * x;
                a1 += p[r1 + j] * x;
                a2 += p[r2 + j] * x;
                a3 += p[r3 + j] * x;
            }
            out[i] = a0;
            out[i + 1] = a1;
            out[i + 2] = a2;
            out[i + 3] = a3;
        }
        for (; i < nout; i++) {
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
     * Four rows at a time, so that each {@code in[j]} and {@code dIn[j]} is loaded and stored once per
     * four rows (the loop is bound by loads and stores, not arithmetic).
     */
    static void backAffine(double[] p, double[] g, int w, int b, double[] delta, int nout,
                           double[] in, int inOff, int nin, double[] dIn) {
        if (dIn != null) java.util.Arrays.fill(dIn, 0, nin, 0);
        int i = 0;
        for (; i + 3 < nout; i += 4) {
            double d0 = delta[i];
            double d1 = delta[i + 1];
            double d2 = delta[i + 2];
            double d3 = delta[i + 3];
            g[b + i] += d0;
            g[b + i + 1] += d1;
            g[b + i + 2] += d2;
            g[b + i + 3] += d3;
            int r0 = w + i * nin;
            int r1 = r0 + nin;
            int r2 = r1 + nin;
            int r3 = r2 + nin;
            for (int j = 0; j < nin; j++) {
                double x = in[inOff + j];
                g[r0 + j] += d0 * x;
                g[r1 + j] += d1 * x;
                g[r2 + j] += d2 * x;
                g[r3 + j] += d3 * x;
            }
            if (dIn != null)
                for (int j = 0; j < nin; j++) dIn[j] += d0 * p[r0 + j] + d1 * p[r1 + j] + d2 * p[r2 + j] + d3 * p[r3 + j];
        }
        for (; i < nout; i++) {
            double d = delta[i];
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
