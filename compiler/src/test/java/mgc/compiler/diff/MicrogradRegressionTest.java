package mgc.compiler.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import mgc.compiler.ir.Graph;
import mgc.compiler.ir.Op;
import org.junit.jupiter.api.Test;

/**
 * micrograd's own engine tests (test_engine.py), rebuilt node by node with the builder. Python's
 * {@code c += expr} makes a new node; nodes used several times (x, z, q, a, b, c, d) must
 * accumulate their gradient from every use. Expected values are worked out by hand.
 */
class MicrogradRegressionTest {

    /**
     * sanity_check at x = -4: z = 2x + 2 + x = -10; q = relu(z) + z x = 40; h = relu(z z) = 100;
     * y = h + q + q x = -20. dq/dx = 3x + z = -22 (relu'(-10) = 0), dh/dx = 6z = -60, so
     * dy/dx = -60 - 22 + (-22)(-4) + 40 = 46. All exact in binary floating point.
     */
    @Test
    void sanityCheck() {
        Graph f = ScalarModels.forward(1, g -> {
            int x = g.param(0);
            int z = g.add(g.add(g.mul(g.constant(2), x), g.constant(2)), x);
            int q = g.add(g.unary(Op.RELU, z), g.mul(z, x));
            int h = g.unary(Op.RELU, g.mul(z, z));
            return g.add(g.add(h, q), g.mul(q, x));
        });
        double[] r = ScalarModels.valueAndGradient(f, -4.0);
        assertEquals(-20.0, r[0]);
        assertEquals(46.0, r[1]);
    }

    /**
     * test_more_ops at a = -4, b = 2. By hand: c = 3a + 4b + 3 = -1; d₁ = ab + b³ = 0,
     * d₂ = 3d₁ + relu(a + b) = 0 (relu' = 0 there), d₃ = 4d₂ + relu(b - a) = 12d₁ + b - a = 6;
     * e = c - d = -7, f = e² = 49, g = f/2 + 10/f = 2421/98.
     * dg/de = 2e (1/2 - 10/f²) = -16667/2401; de/da = 3 - (12b - 1) = -20, de/db = 4 - (12(a + 3b²) + 1)
     * = -93; so dg/da = 333340/2401 and dg/db = 1550031/2401 — micrograd's 24.70408163265306,
     * 138.83381924198252 and 645.5772594752186. Built as micrograd builds it: {@code -a} is a * -1,
     * {@code b**3} a constant power, {@code f / 2.0} is f * 2.0**-1 and {@code 10.0 / f} is 10 * f**-1.
     */
    @Test
    void moreOps() {
        Graph f = ScalarModels.forward(2, g -> {
            int a = g.param(0), b = g.param(1);
            int c = g.add(a, b);
            int d = g.add(g.mul(a, b), g.powc(b, 3));
            c = g.add(c, g.add(c, g.constant(1)));
            c = g.add(c, g.add(g.add(g.constant(1), c), g.mul(a, g.constant(-1))));
            d = g.add(d, g.add(g.mul(d, g.constant(2)), g.unary(Op.RELU, g.add(b, a))));
            d = g.add(d, g.add(g.mul(g.constant(3), d), g.unary(Op.RELU, g.sub(b, a))));
            int e = g.sub(c, d);
            int sq = g.powc(e, 2);
            int half = g.mul(sq, g.powc(g.constant(2.0), -1));
            return g.add(half, g.mul(g.constant(10.0), g.powc(sq, -1)));
        });
        double[] r = ScalarModels.valueAndGradient(f, -4.0, 2.0);
        assertEquals(24.70408163265306, r[0]);
        assertEquals(138.83381924198252, r[1]);
        assertEquals(645.5772594752186, r[2]);
        assertEquals(2421.0 / 98, r[0], 2 * Math.ulp(r[0]));
        assertEquals(333340.0 / 2401, r[1], 2 * Math.ulp(r[1]));
        assertEquals(1550031.0 / 2401, r[2], 2 * Math.ulp(r[2]));
    }
}
