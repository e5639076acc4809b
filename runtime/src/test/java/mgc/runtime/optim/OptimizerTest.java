package mgc.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Each optimiser against updates worked out by hand for two or three steps. */
class OptimizerTest {

    private static double[] run(Optimizer o, double p0, double lr, double... grads) {
        double[] p = {p0};
        double[] trace = new double[grads.length];
        for (int i = 0; i < grads.length; i++) {
            o.step(p, new double[] {grads[i]}, lr);
            trace[i] = p[0];
        }
        return trace;
    }

    @Test
    void sgdMovesAgainstTheGradient() {
        double[] p = {1, -2};
        Sgd sgd = new Sgd();
        sgd.step(p, new double[] {0.5, 1}, 0.1);
        assertArrayEquals(new double[] {0.95, -2.1}, p, 1e-15);
        sgd.step(p, new double[] {1, -1}, 0.2);
        assertArrayEquals(new double[] {0.75, -1.9}, p, 1e-15);
    }

    @Test
    void momentumAccumulatesVelocity() {
        // v = 1, 1.9, 2.71; p = 1 - 0.1 v cumulatively
        assertArrayEquals(new double[] {0.9, 0.71, 0.439}, run(new Momentum(1, 0.9, false), 1, 0.1, 1, 1, 1), 1e-14);
    }

    @Test
    void nesterovLooksAhead() {
        // p -= 0.1 * (g + 0.9 v) with v = 1, 1.9, 2.71
        assertArrayEquals(new double[] {0.81, 0.539, 0.1951}, run(new Momentum(1, 0.9, true), 1, 0.1, 1, 1, 1), 1e-14);
    }

    @Test
    void adamCorrectsBias() {
        // step 1: m = 0.2, v = 0.004, mhat = 2, vhat = 4: p = 1 - 0.1 * 2 / (2 + 1e-8)
        // step 2: m = 0.08, v = 0.004996, mhat = 0.08/0.19, vhat = 0.004996/0.001999
        double[] t = run(new Adam(1, 0.9, 0.999, 1e-8, 0), 1, 0.1, 2, -1, 0.5);
        assertEquals(1 - 0.1 * 2 / (2 + 1e-8), t[0], 1e-15);
        assertEquals(0.9000000005 - 0.1 * (0.08 / 0.19) / (Math.sqrt(0.004996 / 0.001999) + 1e-8), t[1], 1e-14);
        assertEquals(0.8393233821389426, t[2], 1e-13);
    }

    @Test
    void adamwDecaysWeightsBeforeTheAdamStep() {
        // p = 1 * (1 - 0.1 * 0.1) - 0.1 * 2 / (2 + 1e-8)
        double[] t = run(new Adam(1, 0.9, 0.999, 1e-8, 0.1), 1, 0.1, 2, -1);
        assertEquals(0.99 - 0.1 * 2 / (2 + 1e-8), t[0], 1e-15);
        assertEquals(0.8544662966974315, t[1], 1e-13);
    }

    @Test
    void stateRoundTripsExactly() {
        for (String spec : new String[] {"sgd(lr = 0.1)", "momentum(lr = 0.1)", "momentum(lr = 0.1, nesterov = true)", "adam(lr = 0.01)", "adamw(lr = 0.01)"}) {
            OptimizerSpec s = OptimizerSpec.parse(spec);
            Optimizer a = s.create(3);
            double[] p = {1, 2, 3};
            a.step(p, new double[] {0.1, -0.2, 0.3}, 0.1);
            Optimizer b = s.create(3);
            b.restoreState(a.state());
            double[] pa = p.clone();
            double[] pb = p.clone();
            a.step(pa, new double[] {0.3, 0.2, -0.1}, 0.1);
            b.step(pb, new double[] {0.3, 0.2, -0.1}, 0.1);
            assertArrayEquals(pa, pb, 0, spec);
        }
    }

    /** The fused step equals scale, step and zero, bit for bit, with signed zeros, tiny and huge gradients. */
    @Test
    void stepAndClearIsScaleStepAndZeroBitForBit() {
        for (String spec : new String[] {"sgd(lr = 0.1)", "momentum(lr = 0.1)", "momentum(lr = 0.1, nesterov = true)", "adam(lr = 0.01)", "adamw(lr = 0.01)"}) {
            OptimizerSpec s = OptimizerSpec.parse(spec);
            java.util.SplittableRandom r = new java.util.SplittableRandom(spec.hashCode());
            int n = 37;
            Optimizer fused = s.create(n), plain = s.create(n);
            double[] pf = new double[n];
            for (int i = 0; i < n; i++) pf[i] = r.nextDouble(-2, 2);
            double[] pp = pf.clone();
            for (int step = 0; step < 5; step++) {
                double[] g = new double[n];
                for (int i = 0; i < n; i++)
                    g[i] = switch (r.nextInt(5)) {
                        case 0 -> -0.0;
                        case 1 -> r.nextDouble(-1e-300, 1e-300);
                        case 2 -> r.nextDouble(-1e300, 1e300);
                        default -> r.nextDouble(-3, 3);
                    };
                double scale = 1.0 / (1 + r.nextInt(100));
                double[] gp = g.clone();
                for (int i = 0; i < n; i++) gp[i] *= scale;
                plain.step(pp, gp, 0.01);
                fused.stepAndClear(pf, g, scale, 0.01);
                for (int i = 0; i < n; i++) {
                    assertEquals(Double.doubleToRawLongBits(pp[i]), Double.doubleToRawLongBits(pf[i]), spec + " step " + step + " element " + i);
                    assertEquals(0L, Double.doubleToRawLongBits(g[i]), spec + ": the gradient is left +0.0");
                }
                assertArrayEquals(plain.state(), fused.state(), 0, spec);
            }
        }
    }

    @Test
    void stateOfAnotherSizeIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Momentum(3, 0.9, false).restoreState(new double[2]));
        assertEquals("the saved state of optimizer momentum has 2 values; this one needs 3", e.getMessage());
    }
}
