package mgc.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The term lists built from mostly-zero inputs (MNIST pixels): the forward product's lists (zero tests eight at a
 * time, then one bit per nonzero) and a weight gradient's per-pixel lists built example by example, with columns
 * that never have a term at the edges of a chunk (border pixels), equal {@link Kernels#contractReference} bit for
 * bit in both flavours. Shapes are off the chunk and vector sizes; values include signed zeros, NaN and infinities.
 */
class SparseTileListsTest {

    private static final int CASES = 300;
    private static final List<RowKernel> FLAVOURS = List.of(SuperWordRows.INSTANCE, VectorRows.INSTANCE);

    /** A weight gradient G[m,n] += sum_t D_t[m] X_t[n], X mostly zero with always-zero columns, shared C. */
    @Test
    void weightGradientListsOfSparseTilesEqualTheReference() {
        AtomicInteger compared = new AtomicInteger();
        qt().withExamples(CASES).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int T = 1 + r.nextInt(70), M = 1 + r.nextInt(40), N = 1 + r.nextInt(120);
            int xT = N + r.nextInt(3), dT = M + r.nextInt(3), cRow = N + r.nextInt(3);
            double[] x = sparse(r, T, N, xT, 1 + r.nextInt(4));
            double[] d = values(r, T * dT + 2, r.nextInt(4) == 0);
            double[] c = values(r, M * cRow + 2, false);
            boolean skipD = r.nextBoolean();
            compare(T, M, 1, N, d, 1, dT, 1, 0, x, 0, xT, 0, 1, c, 0, 0, cRow, skipD, true, compared);
        });
        assertEquals(CASES, compared.get());
    }

    /** A forward product Z_t[n] = sum_p X_t[p] W[p,n]: one list per example over long, mostly-zero rows. */
    @Test
    void forwardListsOfSparseRowsEqualTheReference() {
        AtomicInteger compared = new AtomicInteger();
        qt().withExamples(CASES).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int T = 1 + r.nextInt(9), K = 1 + r.nextInt(200), N = 1 + r.nextInt(40);
            int xT = K + r.nextInt(3);
            double[] x = sparse(r, T, K, xT, 1 + r.nextInt(4));
            double[] w = values(r, K * N, r.nextInt(4) == 0);
            double[] c = values(r, T * N, false);
            compare(T, 1, K, N, x, 0, xT, 0, 1, w, 0, 0, N, 1, c, 0, N, N, true, false, compared);
        });
        assertEquals(CASES, compared.get());
    }

    private static void compare(int T, int M, int K, int N, double[] a, int aOff, int aT, int aRow, int aCol,
            double[] b, int bOff, int bT, int bRow, int bCol, double[] c, int cOff, int cT, int cRow,
            boolean skipA, boolean skipB, AtomicInteger compared) {
        int size = Kernels.workspaceSize(T, M, K, N) + 3;
        double[] expected = c.clone();
        Kernels.contractReference(T, M, K, N, a, aOff, aT, aRow, aCol, b, bOff, bT, bRow, bCol, expected, cOff, cT, cRow,
                skipA, skipB, new double[size], 0);
        for (RowKernel rows : FLAVOURS) {
            double[] actual = c.clone();
            double[] work = new double[size];
            Arrays.fill(work, Double.NaN);   // nothing read that was not written
            Kernels.contractWith(rows, T, M, K, N, a, aOff, aT, aRow, aCol, b, bOff, bT, bRow, bCol, actual, cOff, cT, cRow,
                    skipA, skipB, work, 3);
            for (int i = 0; i < expected.length; i++) {
                int at = i;
                assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(actual[i]),
                        () -> rows.name() + " T=" + T + " M=" + M + " K=" + K + " N=" + N + " element " + at);
            }
        }
        compared.incrementAndGet();
    }

    /**
     * T rows of n values (row stride rowStride), mostly zeros of either sign: runs of columns that are zero in
     * every row at both ends (a border), and inside, a nonzero one time in {@code density}+4 (a NaN or an infinity
     * now and then).
     */
    private static double[] sparse(SplittableRandom r, int T, int n, int rowStride, int density) {
        double[] x = new double[T * rowStride + 2];
        int left = r.nextInt(n / 3 + 1), right = n - r.nextInt(n / 3 + 1);
        for (int t = 0; t < T; t++)
            for (int i = 0; i < n; i++) {
                boolean nonzero = i >= left && i < right && r.nextInt(density + 4) == 0;
                x[t * rowStride + i] = !nonzero ? (r.nextInt(3) == 0 ? -0.0 : 0.0)
                        : r.nextInt(50) == 0 ? new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}[r.nextInt(3)]
                        : r.nextDouble(-1, 1);
            }
        return x;
    }

    /** Half zeros of both signs, the rest small integers and fractions; NaN and infinities if asked. */
    private static double[] values(SplittableRandom r, int length, boolean nonFinite) {
        double[] v = new double[length];
        for (int i = 0; i < length; i++) {
            int kind = r.nextInt(10);
            v[i] = kind < 5 ? (r.nextBoolean() ? 0.0 : -0.0)
                    : kind < 9 || !nonFinite ? (r.nextBoolean() ? r.nextInt(7) - 3 : r.nextDouble(-2, 2))
                    : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}[r.nextInt(3)];
        }
        return v;
    }
}
