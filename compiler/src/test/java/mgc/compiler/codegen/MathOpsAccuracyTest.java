package mgc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import mgc.runtime.MathOps;
import org.junit.jupiter.api.Test;

/**
 * mgc's own tanh, sigmoid and softplus against StrictMath (for sigmoid and softplus: the overflow-safe
 * formulas evaluated with StrictMath's exp and log1p) on millions of random points of every magnitude
 * plus the edge cases: the error bound in ulps, and exact agreement on zeros, infinities and NaN.
 */
class MathOpsAccuracyTest {
    static final int POINTS = 2_000_000;

    static double strictSigmoid(double x) {
        if (x >= 0) return 1.0 / (1.0 + StrictMath.exp(-x));
        double e = StrictMath.exp(x);
        return e / (1.0 + e);
    }

    static double strictSoftplus(double x) {
        return Math.max(x, 0.0) + StrictMath.log1p(StrictMath.exp(-Math.abs(x)));
    }

    /** Distance in units in the last place (0 for two NaNs, MAX_VALUE for NaN against a number). */
    static long ulps(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) return Double.isNaN(a) && Double.isNaN(b) ? 0 : Long.MAX_VALUE;
        return Math.abs(ordered(a) - ordered(b));
    }

    private static long ordered(double d) {
        long bits = Double.doubleToRawLongBits(d);
        return bits < 0 ? Long.MIN_VALUE - bits : bits;
    }

    static final double[] EDGES = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, 1e-300, -1e-300,
            1e-20, 0x1p-26, -0x1p-26, 0x1p-27, 0.4, -0.4, Math.nextDown(0.4), Math.nextUp(-0.4), 0.5, 1, -1, 2, 10, 19.06, 21.99,
            22, -22, 30, 36.7, 37, 100, -100, 708, 709.78, 710, -708, -709.78, -745, -745.2, -746, 1e300, -1e300,
            Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};

    /** Max ulp error over the edges and POINTS random points: half uniform in [-40, 40], half log-uniform magnitudes. */
    static long maxUlps(DoubleUnaryOperator mine, DoubleUnaryOperator reference, String name) {
        long worst = 0, exact = 0, within1 = 0;
        double worstAt = 0;
        for (double x : EDGES) {
            long u = ulps(mine.applyAsDouble(x), reference.applyAsDouble(x));
            assertTrue(u <= 3, name + "(" + x + ") = " + mine.applyAsDouble(x) + ", StrictMath " + reference.applyAsDouble(x));
            if (u > worst) { worst = u; worstAt = x; }
        }
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < POINTS; i++) {
            double x = (i & 1) == 0 ? r.nextDouble(-40, 40) : Math.copySign(Math.pow(2, r.nextDouble(-1080, 1030)), r.nextDouble() - 0.5);
            long u = ulps(mine.applyAsDouble(x), reference.applyAsDouble(x));
            if (u == 0) exact++;
            if (u <= 1) within1++;
            if (u > worst) { worst = u; worstAt = x; }
        }
        System.out.printf("%s: max %d ulp vs StrictMath (at %s); identical %.1f%%, within 1 ulp %.3f%%%n", name, worst, worstAt,
                100.0 * exact / POINTS, 100.0 * within1 / POINTS);
        return worst;
    }

    @Test
    void tanhWithinThreeUlpsOfStrictMath() {
        assertTrue(maxUlps(MathOps::tanh, StrictMath::tanh, "tanh") <= 3);
    }

    @Test
    void sigmoidWithinTwoUlpsOfStrictMath() {
        assertTrue(maxUlps(MathOps::sigmoid, MathOpsAccuracyTest::strictSigmoid, "sigmoid") <= 2);
    }

    @Test
    void softplusWithinThreeUlpsOfStrictMath() {
        assertTrue(maxUlps(MathOps::softplus, MathOpsAccuracyTest::strictSoftplus, "softplus") <= 3);
    }

    @Test
    void edgeCasesAreExact() {
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(MathOps.tanh(-0.0)));
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(MathOps.tanh(0.0)));
        assertEquals(1.0, MathOps.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, MathOps.tanh(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(MathOps.tanh(Double.NaN)));
        assertEquals(0.5, MathOps.sigmoid(0.0));
        assertEquals(0.5, MathOps.sigmoid(-0.0));
        assertEquals(1.0, MathOps.sigmoid(Double.POSITIVE_INFINITY));
        assertEquals(0.0, MathOps.sigmoid(Double.NEGATIVE_INFINITY));
        assertEquals(1.0, MathOps.sigmoid(800));
        assertEquals(0.0, MathOps.sigmoid(-800));
        assertTrue(MathOps.sigmoid(-700) > 0 && MathOps.sigmoid(-700) < 1e-300);
        assertTrue(Double.isNaN(MathOps.sigmoid(Double.NaN)));
        assertEquals(Math.log(2), MathOps.softplus(0.0), 0x1p-52);
        assertEquals(Double.POSITIVE_INFINITY, MathOps.softplus(Double.POSITIVE_INFINITY));
        assertEquals(0.0, MathOps.softplus(Double.NEGATIVE_INFINITY));
        assertEquals(1e300, MathOps.softplus(1e300));
        assertEquals(0.0, MathOps.softplus(-800));
        assertTrue(Double.isNaN(MathOps.softplus(Double.NaN)));
    }
}
