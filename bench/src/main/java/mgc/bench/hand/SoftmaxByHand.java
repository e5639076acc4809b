package mgc.bench.hand;

import mgc.bench.LossGradient;
import mgc.bench.workload.Workload;

/** The softmax classifier by hand: d(loss)/d(logits) = softmax - one_hot(class). */
final class SoftmaxByHand implements LossGradient {

    private static final int H = 16;
    private static final int C = 3;

    private final int w1, b1, w2, b2;
    private final double[] h = new double[H];
    private final double[] logits = new double[C];
    private final double[] dLogits = new double[C];
    private final double[] dh = new double[H];

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
            int x = 2 * e;
            int c = (int) targets[e];
            Dense.affine(p, w1, b1, inputs, x, 2, h, H);
            Dense.tanh(h, H);
            Dense.affine(p, w2, b2, h, 0, H, logits, C);
            double m = Math.max(Math.max(logits[0], logits[1]), logits[2]);
            double e0 = Math.exp(logits[0] - m);
            double e1 = Math.exp(logits[1] - m);
            double e2 = Math.exp(logits[2] - m);
            double s = e0 + e1 + e2;
            sum += Math.log(s) + m - logits[c];

            double inv = 1 / s;
            dLogits[0] = e0 * inv;
            dLogits[1] = e1 * inv;
            dLogits[2] = e2 * inv;
            dLogits[c] -= 1;
            Dense.backAffine(p, g, w2, b2, dLogits, C, h, 0, H, dh);
            Dense.backTanh(dh, h, H);
            Dense.backAffine(p, g, w1, b1, dh, H, inputs, x, 2, null);
        }
        return sum;
    }

    @Override
    public double penaltyAndGradient(double[] p, double[] g) {
        return 0;
    }
}
