package mgc.bench.hand;

import mgc.bench.LossGradient;
import mgc.bench.workload.Workload;

/** The residual tanh network by hand; keeps every layer's activations for the backward pass. */
final class ResidualByHand implements LossGradient {

    private static final int N = 32;
    private static final int BLOCKS = 4;

    private final int[] w = new int[BLOCKS + 1];
    private final int[] b = new int[BLOCKS + 1];
    private final int wOut, bOut;
    /** h[0] = tanh(W0 x + b0); h[k] = h[k-1] + t[k]. */
    private final double[][] h = new double[BLOCKS + 1][N];
    /** t[k] = tanh(Wk h[k-1] + bk), k >= 1. */
    private final double[][] t = new double[BLOCKS + 1][N];
    private final double[] dh = new double[N];
    private final double[] da = new double[N];
    private final double[] dIn = new double[N];

    ResidualByHand(Workload wl) {
        for (int k = 0; k <= BLOCKS; k++) {
            w[k] = wl.offset("W" + k);
            b[k] = wl.offset("b" + k);
        }
        wOut = wl.offset("w5");
        bOut = wl.offset("b5");
    }

    @Override
    public double lossAndGradient(double[] p, double[] inputs, double[] targets, int from, int to, double[] g) {
        double sum = 0;
        for (int e = from; e < to; e++) {
            int x = 2 * e;
            Dense.affine(p, w[0], b[0], inputs, x, 2, h[0], N);
            Dense.tanh(h[0], N);
            for (int k = 1; k <= BLOCKS; k++) {
                double[] tk = t[k];
                Dense.affine(p, w[k], b[k], h[k - 1], 0, N, tk, N);
                Dense.tanh(tk, N);
                double[] prev = h[k - 1];
                double[] hk = h[k];
                for (int i = 0; i < N; i++) hk[i] = prev[i] + tk[i];
            }
            double[] last = h[BLOCKS];
            double out = p[bOut];
            for (int i = 0; i < N; i++) out += p[wOut + i] * last[i];
            double r = out - targets[e];
            sum += r * r;

            double dout = 2 * r;
            g[bOut] += dout;
            for (int i = 0; i < N; i++) {
                g[wOut + i] += dout * last[i];
                dh[i] = dout * p[wOut + i];
            }
            for (int k = BLOCKS; k >= 1; k--) {
                System.arraycopy(dh, 0, da, 0, N);
                Dense.backTanh(da, t[k], N);
                Dense.backAffine(p, g, w[k], b[k], da, N, h[k - 1], 0, N, dIn);
                for (int i = 0; i < N; i++) dh[i] += dIn[i]; // the skip connection carries dh through
            }
            Dense.backTanh(dh, h[0], N);
            Dense.backAffine(p, g, w[0], b[0], dh, N, inputs, x, 2, null);
        }
        return sum;
    }

    @Override
    public double penaltyAndGradient(double[] p, double[] g) {
        return 0;
    }
}
