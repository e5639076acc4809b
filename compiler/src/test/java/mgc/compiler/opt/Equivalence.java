package mgc.compiler.opt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.SplittableRandom;
import mgc.compiler.interp.Interpreter;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.Output;
import mgc.compiler.testing.RandomGraphs;

/** Evaluates two graphs with the same outputs on the same example and compares every output. */
final class Equivalence {
    private Equivalence() {}

    /** Finite leaf values, some of them the awkward ones: ±0, huge, tiny. */
    static double[] leafValues(SplittableRandom r, int count, boolean awkward) {
        double[] special = {0.0, -0.0, 1e308, -1e308, Double.MIN_VALUE, -Double.MIN_VALUE, 1.0, -1.0};
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = awkward && r.nextInt(3) == 0 ? special[r.nextInt(special.length)] : r.nextDouble(-2, 2);
        }
        return v;
    }

    /** Any NaN equals any NaN; otherwise the raw bits must agree (so +0 and -0 differ). */
    static boolean sameBits(double a, double b) {
        return Double.isNaN(a) && Double.isNaN(b) || Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
    }

    /** Asserts bit-for-bit equal outputs on {@code examples} random examples. */
    static void assertSameBits(Graph expected, Graph actual, long seed, int examples, boolean awkward, String what) {
        check(expected, actual, seed, examples, awkward, what, 0.0);
    }

    /**
     * Asserts outputs equal within a relative error {@code tolerance} (scaled by max(1, |value|)); NaN
     * must match NaN and infinities must match exactly.
     */
    static void assertClose(Graph expected, Graph actual, long seed, int examples, double tolerance, String what) {
        check(expected, actual, seed, examples, false, what, tolerance);
    }

    private static void check(Graph expected, Graph actual, long seed, int examples, boolean awkward, String what,
                              double tolerance) {
        List<Output> eo = expected.outputs(), ao = actual.outputs();
        assertEquals(eo.size(), ao.size(), what + ": output count");
        SplittableRandom r = new SplittableRandom(seed);
        var sig = expected.signature();
        for (int e = 0; e < examples; e++) {
            double[] p = leafValues(r, sig.paramSize(), awkward);
            double[] x = leafValues(r, sig.inputSize(), awkward);
            double[] y = leafValues(r, sig.targetSize(), awkward);
            double[] t = leafValues(r, Math.max(sig.paramSize(), sig.inputSize()), awkward);
            double[] ev = Interpreter.run(expected, p, x, y, t);
            double[] av = Interpreter.run(actual, p, x, y, t);
            for (int i = 0; i < eo.size(); i++) {
                assertEquals(eo.get(i).label(), ao.get(i).label(), what);
                double a = ev[eo.get(i).node()], b = av[ao.get(i).node()];
                boolean ok = tolerance == 0.0 ? sameBits(a, b)
                        : sameBits(a, b) || Double.isFinite(a) && Double.isFinite(b) && Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a));
                if (!ok) {
                    fail(what + ": " + eo.get(i).label() + " was " + a + " (" + Long.toHexString(Double.doubleToRawLongBits(a))
                            + "), optimised " + b + " (" + Long.toHexString(Double.doubleToRawLongBits(b)) + ")\nexample " + e
                            + "\nbefore:\n" + expected + "\nafter:\n" + actual);
                }
            }
        }
    }

    static Graph randomJoint(long seed, int ops, boolean guarded) {
        return mgc.compiler.diff.Differentiator.reverse(RandomGraphs.generate(seed, ops, guarded), false);
    }
}
