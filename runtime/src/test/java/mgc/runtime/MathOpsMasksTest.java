package mgc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The strong-zero products, maskpos and relu, in both their forms, compute bit for bit what their defining ternaries do. */
class MathOpsMasksTest {

    private static final double[] EDGES = {0.0, -0.0, 1.0, -1.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
        Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
        Double.longBitsToDouble(0x7ff0000000000001L), Double.longBitsToDouble(0xfff8000000000000L),
        Double.longBitsToDouble(0x7fefffffffffffffL), 1e-300, -2.5, 3.75};

    private static void same(double expected, double actual, String what) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                what + ": expected " + expected + " got " + actual);
    }

    private static void check(double a, double b) {
        String at = "(" + a + ", " + b + ")";
        // each op's straight-line form and its branch-free form for the loop kernels
        same(a == 0.0 ? 0.0 : a * b, MathOps.dmul(a, b), "dmul" + at);
        same(a == 0.0 ? 0.0 : a * b, MathOps.dmulBranchFree(a, b), "dmulBranchFree" + at);
        same(a == 0.0 ? 0.0 : a / b, MathOps.ddiv(a, b), "ddiv" + at);
        same(a > 0 ? b : 0.0, MathOps.maskpos(a, b), "maskpos" + at);
        same(a > 0 ? b : 0.0, MathOps.maskposBranchFree(a, b), "maskposBranchFree" + at);
        // relu and its branch-free form (Math.max(a, 0.0)): the defining ternary's value, any NaN for a NaN
        double ternary = a > 0 ? a : (a != a ? a : 0.0);
        for (double relu : new double[] {MathOps.relu(a), MathOps.reluBranchFree(a)}) {
            if (!(Double.isNaN(relu) && Double.isNaN(ternary))) same(ternary, relu, "relu(" + a + ")");
        }
    }

    @Test
    void edgeValuesAgreeWithTheTernaries() {
        for (double a : EDGES) for (double b : EDGES) check(a, b);
    }

    @Test
    void randomBitPatternsAgreeWithTheTernaries() {
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 1_000_000; i++) {
            double a = r.nextInt(4) == 0 ? EDGES[r.nextInt(EDGES.length)] : Double.longBitsToDouble(r.nextLong());
            double b = r.nextInt(4) == 0 ? EDGES[r.nextInt(EDGES.length)] : Double.longBitsToDouble(r.nextLong());
            check(a, b);
        }
    }
}
