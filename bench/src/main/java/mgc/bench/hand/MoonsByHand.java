package mgc.bench.hand;

import java.util.Arrays;

import mgc.bench.LossGradient;
import mgc.bench.workload.Workload;

/** micrograd's moons network by hand: a satisfied hinge skips the example's backward pass, a dead relu its row. */
final class MoonsByHand implements LossGradient {

    private final int w1, b1, w2, b2, w3, b3;
    private final double[] h1 = new double[16];
    private final double[] h2 = new double[16];
    private final double[] dh1 = new double[16];

    MoonsByHand(Workload w) {
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
            double x0 = inputs[2 * e];
            double x1 = inputs[2 * e + 1];
            double y = targets[e];
            for (int i = 0; i < 16; i++) {
                double a = p[b1 + i] + p[w1 + 2 * i] * x0 + p[w1 + 2 * i + 1] * x1;
                h1[i] = a > 0 ? a : 0;
            }
            Dense.affine(p, w2, b2, h1, 0, 16, h2, 16);
            for (int i = 0; i < 16; i++) h2[i] = h2[i] > 0 ? h2[i] : 0;
            double score = p[b3];
            for (int i = 0; i < 16; i++) score += p[w3 + i] * h2[i];
            double margin = 1 - y * score;
            if (!(margin > 0)) continue; // relu(margin) = 0 and so is its whole backward pass
            sum += margin;

            double ds = -y;
            g[b3] += ds;
            Arrays.fill(dh1, 0);
            for (int i = 0; i < 16; i++) {
                if (!(h2[i] > 0)) continue;
                g[w3 + i] += ds * h2[i];
                double d = ds * p[w3 + i];
                g[b2 + i] += d;
                int row = w2 + 16 * i;
                for (int j = 0; j < 16; j++) {
                    g[row + j] += d * h1[j];
                    dh1[j] += d * p[row + j];
                }
            }
            for (int j = 0; j < 16; j++) {
                if (!(h1[j] > 0)) continue;
                double d = dh1[j];
                g[b1 + j] += d;
                g[w1 + 2 * j] += d * x0;
                g[w1 + 2 * j + 1] += d * x1;
            }
        }
        return sum;
    }

    @Override
    public double penaltyAndGradient(double[] p, double[] g) {
        return Dense.l2Penalty(p, g, 1e-4);
    }
}
