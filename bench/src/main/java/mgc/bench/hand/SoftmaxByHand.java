package mgc.bench.hand;

import mgc.bench.LossGradient;
import mgc.bench.workload.Workload;

/**
 * The softmax classifier by hand, specialised to its shapes: the three logits accumulate side by
 * side, and the whole backward pass is one loop over the hidden units, using
 * d(loss)/d(logits) = softmax - one_hot(class).
 */
final class SoftmaxByHand implements LossGradient {

    private static final int H = 16;

    private final int w1, b1, w2, b2;
    private final double[] h = new double[H];

    SoftmaxByHand(Workload w) {
        w1 = w.offset("W1");
        b1 = w.offset("b1");
        w2 = w.offset("W2");
        b2 = w.offset("b2");
    }

    @Override
    public double lossAndGradient(double[] p, double[] inputs, double[] targets, int from, int to, double[] g) {
        double sum = 0;
        for (int e = from; e < to; e++) {
            double x0 = inputs[2 * e];
            double x1 = inputs[2 * e + 1];
            int c = (int) targets[e];
            for (int i = 0; i < H; i++) h[i] = Tanh.tanh(p[b1 + i] + p[w1 + 2 * i] * x0 + p[w1 + 2 * i + 1] * x1);
            double l0 = p[b2];
            double l1 = p[b2 + 1];
            double l2 = p[b2 + 2];
            for (int j = 0; j < H; j++) {
                double hj = h[j];
                l0 += p[w2 + j] * hj;
                l1 += p[w2 + H + j] * hj;
                l2 += p[w2 + 2 * H + j] * hj;
            }
            double m = Math.max(Math.max(l0, l1), l2);
            double e0 = Math.exp(l0 - m);
            double e1 = Math.exp(l1 - m);
            double e2 = Math.exp(l2 - m);
            double s = e0 + e1 + e2;
            sum += Math.log(s) + m - (c == 0 ? l0 : c == 1 ? l1 : l2);

            double inv = 1 / s;
            double d0 = e0 * inv - (c == 0 ? 1 : 0);
            double d1 = e1 * inv - (c == 1 ? 1 : 0);
            double d2 = e2 * inv - (c == 2 ? 1 : 0);
            g[b2] += d0;
            g[b2 + 1] += d1;
            g[b2 + 2] += d2;
            for (int j = 0; j < H; j++) {
                double hj = h[j];
                g[w2 + j] += d0 * hj;
                g[w2 + H + j] += d1 * hj;
                g[w2 + 2 * H + j] += d2 * hj;
                double da = (d0 * p[w2 + j] + d1 * p[w2 + H + j] + d2 * p[w2 + 2 * H + j]) * (1 - hj * hj);
                g[b1 + j] += da;
                g[w1 + 2 * j] += da * x0;
                g[w1 + 2 * j + 1] += da * x1;
            }
        }
        return sum;
    }

    @Override
    public double penaltyAndGradient(double[] p, double[] g) {
        return 0;
    }
}
