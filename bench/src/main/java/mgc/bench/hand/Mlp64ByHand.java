package mgc.bench.hand;

import mgc.bench.LossGradient;
import mgc.bench.workload.Workload;

/** The 64-64-64-1 tanh MLP by hand: row loops for the forward pass, row-wise axpy loops backwards. */
final class Mlp64ByHand implements LossGradient {

    private static final int N = 64;

    private final int w1, b1, w2, b2, w3, b3;
    private final double[] h1 = new double[N];
    private final double[] h2 = new double[N];
    private final double[] d1 = new double[N];
    private final double[] d2 = new double[N];

    Mlp64ByHand(Workload w) {
        w1 = w.offset("W1");
        b1 = w.offset("b1");
        w2 = w.offset("W2");
        b2 = w.offset("b2");
        w3 = w.offset("w3");
        b3 = w.offset("b3");
    }

    @Override
    public double lossAndGradient(double[] p, double[] inputs, double[] targets, int from, int to, double[] g) {
        double sum = 0;
        for (int e = from; e < to; e++) {
            int x = e * N;
            Dense.affine(p, w1, b1, inputs, x, N, h1, N);
            Dense.tanh(h1, N);
            Dense.affine(p, w2, b2, h1, 0, N, h2, N);
            Dense.tanh(h2, N);
            double out = p[b3];
            for (int i = 0; i < N; i++) out += p[w3 + i] * h2[i];
            double r = out - targets[e];
            sum += r * r;

            double dout = 2 * r;
            g[b3] += dout;
            for (int i = 0; i < N; i++) {
                g[w3 + i] += dout * h2[i];
                d2[i] = dout * p[w3 + i];
            }
            Dense.backTanh(d2, h2, N);
            Dense.backAffine(p, g, w2, b2, d2, N, h1, 0, N, d1);
            Dense.backTanh(d1, h1, N);
            Dense.backAffine(p, g, w1, b1, d1, N, inputs, x, N, null);
        }
        return sum;
    }

    @Override
    public double penaltyAndGradient(double[] p, double[] g) {
        return 0;
    }
}
