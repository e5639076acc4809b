package mgc.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The trainer's finiteness check ({@link StepRule#firstNonFinite}) finds what a plain loop finds. */
class FirstNonFiniteTest {

    private static final double[] SPECIAL = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.longBitsToDouble(0x7ff0000000000001L), Double.longBitsToDouble(0xfff8000000000000L)};
    private static final double[] EDGE = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, Double.MIN_NORMAL,
        0.0, -0.0, 1e308, -1e-320};

    private static int plain(double[] g) {
        for (int i = 0; i < g.length; i++) if (!Double.isFinite(g[i])) return i;
        return -1;
    }

    @Test
    void findsTheFirstInfinityOrNanAndNothingElse() {
        AtomicInteger found = new AtomicInteger(), compared = new AtomicInteger();
        qt().withExamples(500).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            double[] g = new double[r.nextInt(200)];
            for (int i = 0; i < g.length; i++)
                g[i] = r.nextInt(4) == 0 ? EDGE[r.nextInt(EDGE.length)] : Double.longBitsToDouble(r.nextLong() & 0xffefffffffffffffL);
            int specials = r.nextInt(3);
            for (int k = 0; k < specials && g.length > 0; k++) g[r.nextInt(g.length)] = SPECIAL[r.nextInt(SPECIAL.length)];
            int expected = plain(g);
            assertEquals(expected, StepRule.firstNonFinite(g), () -> java.util.Arrays.toString(g));
            if (expected >= 0) found.incrementAndGet();
            compared.incrementAndGet();
        });
        assertEquals(500, compared.get());
        assertEquals(true, found.get() > 100, "arrays with a non-finite element: " + found.get());
    }
}
