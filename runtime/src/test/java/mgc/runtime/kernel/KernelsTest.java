package mgc.runtime.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Both micro-kernel flavours, through the whole loop nest, equal {@link Kernels#contractReference} bit for bit. */
class KernelsTest {

    private static final int CASES = 2000;
    private static final List<RowKernel> FLAVOURS = List.of(SuperWordRows.INSTANCE, VectorRows.INSTANCE);

    /** One contraction: sizes, strides into padded arrays, skip flags, data with many signed zeros. */
    record Case(int T, int M, int K, int N, double[] a, int aOff, int aT, int aRow, int aCol,
                double[] b, int bOff, int bT, int bRow, int bCol, double[] c, int cOff, int cT, int cRow,
                boolean skipA, boolean skipB) {

        static Case random(long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            int T = size(r, 9), M = size(r, 7), K = size(r, 12);
            int N = r.nextInt(6) == 0 ? 1 + r.nextInt(300) : size(r, 40);   // across the 16-, 8-, 4-, 2- and 1-vector blocks, and tails
            boolean skipA = r.nextBoolean(), skipB = r.nextBoolean();
            // A_t is [M,K]: row-major, column-major, or a stride 0 (broadcast) on one axis
            int[] as = layout(r, M, K);
            int[] bs = layout(r, K, N);
            int aT = r.nextInt(3) == 0 ? 0 : as[2] + r.nextInt(3);
            int bT = r.nextInt(3) == 0 ? 0 : bs[2] + r.nextInt(3);
            int cRow = N + r.nextInt(3);
            int cT = r.nextInt(3) == 0 ? 0 : M * cRow + r.nextInt(3);
            int aOff = r.nextInt(4), bOff = r.nextInt(4), cOff = r.nextInt(4);
            double[] a = data(r, aOff + (T - 1) * aT + as[2] + 4, !skipA && (skipB || r.nextBoolean()));
            double[] b = data(r, bOff + (T - 1) * bT + bs[2] + 4, !skipB && (skipA || r.nextBoolean()));
            double[] c = data(r, cOff + (T - 1) * cT + M * cRow + 4, r.nextInt(4) == 0);
            return new Case(T, M, K, N, a, aOff, aT, as[0], as[1], b, bOff, bT, bs[0], bs[1], c, cOff, cT, cRow, skipA, skipB);
        }

        private static int size(SplittableRandom r, int max) {
            return r.nextInt(4) == 0 ? 1 : 1 + r.nextInt(max);
        }

        /** {row stride, column stride, extent} of a [rows, cols] matrix. */
        private static int[] layout(SplittableRandom r, int rows, int cols) {
            return switch (r.nextInt(5)) {
                case 0, 1 -> new int[] {cols, 1, rows * cols};
                case 2 -> new int[] {1, rows, rows * cols};
                case 3 -> new int[] {0, 1, cols};
                default -> new int[] {cols + 2, 1, rows * (cols + 2)};
            };
        }

        /** Half exact zeros of both signs; subnormals (products that underflow to a signed zero); NaN and inf if allowed. */
        private static double[] data(SplittableRandom r, int length, boolean nonFinite) {
            double[] x = new double[length];
            for (int i = 0; i < length; i++) {
                int kind = r.nextInt(20);
                x[i] = kind < 10 ? (r.nextBoolean() ? 0.0 : -0.0)
                        : kind < 15 ? r.nextInt(7) - 3
                        : kind < 18 ? r.nextDouble(-2, 2)
                        : kind < 19 ? (r.nextBoolean() ? 1 : -1) * Double.MIN_VALUE * (1 + r.nextInt(1000))
                        : nonFinite ? new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}[r.nextInt(3)]
                        : 1e300 * r.nextDouble(-1, 1);
            }
            return x;
        }

        double[] run(RowKernel rows) {
            double[] out = c.clone();
            int workOff = 3;
            double[] work = new double[workOff + Kernels.workspaceSize(T, M, K, N) + 5];
            Arrays.fill(work, Double.NaN);   // the kernels must not read what they did not write
            if (rows == null)
                Kernels.contractReference(T, M, K, N, a, aOff, aT, aRow, aCol, b, bOff, bT, bRow, bCol, out, cOff, cT, cRow,
                        skipA, skipB, work, workOff);
            else
                Kernels.contractWith(rows, T, M, K, N, a, aOff, aT, aRow, aCol, b, bOff, bT, bRow, bCol, out, cOff, cT, cRow,
                        skipA, skipB, work, workOff);
            return out;
        }

        @Override
        public String toString() {
            return "T=" + T + " M=" + M + " K=" + K + " N=" + N + " a(" + aOff + "," + aT + "," + aRow + "," + aCol + ") b(" + bOff
                    + "," + bT + "," + bRow + "," + bCol + ") c(" + cOff + "," + cT + "," + cRow + ") skipA=" + skipA + " skipB=" + skipB;
        }
    }

    /** Equal as doubleToLongBits: every bit, except that any NaN equals any NaN. */
    private static void assertSameBits(double[] expected, double[] actual, String what) {
        for (int i = 0; i < expected.length; i++)
            assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(actual[i]),
                    () -> what + ": " + Arrays.toString(expected) + " vs " + Arrays.toString(actual));
    }

    @Test
    void bothFlavoursEqualTheReferenceBitForBitOnRandomShapes() {
        AtomicInteger compared = new AtomicInteger();
        qt().withExamples(CASES).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
            Case k = Case.random(seed);
            double[] expected = k.run(null);
            for (RowKernel rows : FLAVOURS) assertSameBits(expected, k.run(rows), rows.name() + " " + k);
            compared.incrementAndGet();
        });
        assertEquals(CASES, compared.get());
    }

    /** The three contractions of an MNIST MLP step on a 64-example tile, on inputs 81% zeros (one pixel NaN). */
    @Test
    void mnistShapedContractionsEqualTheReference() {
        SplittableRandom r = new SplittableRandom(7);
        int T = 64, in = 784, hid = 128;
        double[] x = new double[T * in];
        for (int i = 0; i < x.length; i++) x[i] = r.nextInt(100) < 19 ? r.nextDouble() : 0.0;
        double[] w = new double[hid * in];
        for (int i = 0; i < w.length; i++) w[i] = r.nextDouble(-0.1, 0.1);
        double[] d = new double[T * hid];
        for (int i = 0; i < d.length; i++) d[i] = r.nextBoolean() ? 0.0 : r.nextDouble(-1, 1);
        List<Case> cases = new ArrayList<>();
        // F1 Z[t,n] = sum_p X[t,p] W[n,p]
        cases.add(new Case(T, 1, in, hid, x, 0, in, 0, 1, w, 0, 0, 1, in, fresh(T * hid), 0, hid, hid, true, false));
        // F2 dX[t,k] = sum_m D[t,m] W[m,k]
        cases.add(new Case(T, 1, hid, in, d, 0, hid, 0, 1, w, 0, 0, in, 1, fresh(T * in), 0, in, in, true, false));
        // F3 G[m,k] += sum_t D[t,m] X[t,k], on sparse and on dense inputs
        double[] dense = new double[T * in];
        for (int i = 0; i < dense.length; i++) dense[i] = r.nextDouble();
        for (double[] xs : new double[][] {x, dense})
            cases.add(new Case(T, hid, 1, in, d, 0, hid, 1, 0, xs, 0, in, 0, 1, fresh(hid * in), 0, 0, in, true, true));
        for (Case k : cases) {
            double[] expected = k.run(null);
            for (RowKernel rows : FLAVOURS) assertSameBits(expected, k.run(rows), rows.name() + " " + k);
        }
    }

    /**
     * Contractions that take the list-free route (L's zeros skipped, R's not, both contiguous, rows of whole 16-vector
     * blocks or of one vector and part of another): L in runs of zeros of both signs long enough to skip whole
     * runs of eight, NaN and infinities among L's kept terms and in R, K not a multiple of eight, several rows and
     * examples. Both flavours equal the reference bit for bit.
     */
    @Test
    void rowsScannedWithoutAListEqualTheReference() {
        int lanes = jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.length();
        int[] widths = {16 * lanes, 32 * lanes, lanes + 1, 2 * lanes - 1};
        for (int n : widths) assertTrue(VectorRows.INSTANCE.scans(n), n + " columns");
        assertTrue(!VectorRows.INSTANCE.scans(lanes) && !VectorRows.INSTANCE.scans(8 * lanes), "other widths keep lists");
        AtomicInteger compared = new AtomicInteger();
        qt().withExamples(300).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int T = 1 + r.nextInt(4), M = 1 + r.nextInt(3), K = 1 + r.nextInt(200), N = widths[r.nextInt(widths.length)];
            double[] a = sparse(r, T * M * K + 3, 2.0 / 3, true);   // runs of zeros long enough to skip whole runs of eight
            int bT = r.nextBoolean() ? 0 : K * N;
            double[] b = new double[(T - 1) * bT + K * N + 2];
            for (int i = 0; i < b.length; i++)
                b[i] = r.nextInt(4) == 0 ? (r.nextBoolean() ? 0.0 : -0.0)
                        : r.nextInt(50) == 0 ? Double.POSITIVE_INFINITY : r.nextDouble(-2, 2);
            double[] c = new double[T * M * N + 1];
            for (int i = 0; i < c.length; i++) c[i] = r.nextInt(3) == 0 ? -0.0 : r.nextDouble(-1, 1);
            Case k = new Case(T, M, K, N, a, 1, M * K, K, 1, b, 2, bT, N, 1, c, 1, M * N, N, true, false);
            double[] expected = k.run(null);
            for (RowKernel rows : FLAVOURS) assertSameBits(expected, k.run(rows), rows.name() + " " + k);
            compared.incrementAndGet();
        });
        assertEquals(300, compared.get());
    }

    /**
     * Weight gradients (K = 1, C shared by the tile) that take their terms from bit masks instead of lists: up to 64
     * examples (more fall back to lists), L's zeros skipped, R's zeros skipped or not, a C stored either way round
     * (A or B the sparser, so both orientations), NaN and infinities among the terms (R's signed zeros then do not
     * skip their products: the exact path), widths the vector flavour scans. Both flavours equal the reference.
     */
    @Test
    void weightGradientsFromMasksEqualTheReference() {
        int lanes = jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.length();
        int[] widths = {16 * lanes, lanes + 1, 2 * lanes - 1};
        AtomicInteger compared = new AtomicInteger();
        qt().withExamples(300).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int T = r.nextInt(10) == 0 ? 65 + r.nextInt(10) : 1 + r.nextInt(64);
            int rows = 1 + r.nextInt(80), width = widths[r.nextInt(widths.length)];
            boolean wideIsA = r.nextBoolean();   // which operand has the scannable rows decides the orientation
            int M = wideIsA ? width : rows, N = wideIsA ? rows : width;
            double sparseA = wideIsA ? 0.5 : 0.8, sparseB = wideIsA ? 0.8 : 0.5;
            boolean skipA = wideIsA || r.nextInt(4) > 0, skipB = !wideIsA || r.nextInt(4) > 0;
            boolean nonFinite = r.nextInt(3) == 0;
            double[] a = sparse(r, T * M + 2, sparseA, nonFinite && skipA);
            double[] b = sparse(r, T * N + 3, sparseB, nonFinite && skipB);
            double[] c = new double[M * N + 2];
            for (int i = 0; i < c.length; i++) c[i] = r.nextInt(3) == 0 ? -0.0 : r.nextDouble(-1, 1);
            // G[m,n] += sum_t A[t,m] B[t,n]
            Case k = new Case(T, M, 1, N, a, 2, M, 1, 0, b, 3, N, 0, 1, c, 1, 0, N, skipA, skipB);
            double[] expected = k.run(null);
            for (RowKernel kernel : FLAVOURS) assertSameBits(expected, k.run(kernel), kernel.name() + " " + k);
            compared.incrementAndGet();
        });
        assertEquals(300, compared.get());
    }

    /**
     * The SuperWord flavour copies R into per-thread row arrays. A contraction with many narrow rows followed by one
     * with few wide rows (a model with a wide output layer) must leave the store near the larger of the two, not
     * at many rows times the widest width: that product ran the pipeline fuzzer out of a 6 GB heap (10^5 classes).
     */
    @Test
    void superWordRowArraysGrowPerRowNotToTheProductOfExtremes() throws InterruptedException {
        long[] held = new long[1];
        Throwable[] failure = new Throwable[1];
        Thread fresh = new Thread(() -> {   // a thread of its own: the store is per thread
            try {
                SplittableRandom r = new SplittableRandom(5);
                for (int[] shape : new int[][] {{2048, 8}, {8, 32768}, {1024, 16}}) {
                    int K = shape[0], N = shape[1];
                    double[] a = new double[K], b = new double[K * N];
                    for (int i = 0; i < a.length; i++) a[i] = r.nextInt(3) == 0 ? 0.0 : r.nextDouble(-1, 1);
                    for (int i = 0; i < b.length; i++) b[i] = r.nextDouble(-1, 1);
                    Case k = new Case(1, 1, K, N, a, 0, 0, 0, 1, b, 0, 0, N, 1, fresh(N), 0, N, N, true, false);
                    assertSameBits(k.run(null), k.run(SuperWordRows.INSTANCE), "superword " + k);
                }
                held[0] = Kernels.RowStore.heldDoubles();
            } catch (Throwable t) {
                failure[0] = t;
            }
        });
        fresh.start();
        fresh.join();
        if (failure[0] != null) throw new AssertionError(failure[0]);
        long needed = 2048L * 8 + 8L * 32768 + 1024L * 16;
        assertTrue(held[0] >= 8L * 32768 && held[0] <= needed, "row arrays hold " + held[0] + " doubles; the contractions need "
                + needed + " between them (2048 x 32768 = " + 2048L * 32768 + " if every row grew to the widest)");
    }

    /** Zeros of both signs with probability {@code zeros} (in runs), else finite values, a few non-finite if asked. */
    private static double[] sparse(SplittableRandom r, int length, double zeros, boolean nonFinite) {
        double[] x = new double[length];
        for (int i = 0; i < length; ) {
            int run = 1 + r.nextInt(12);
            boolean zero = r.nextDouble() < zeros;
            for (int j = 0; j < run && i < length; j++, i++)
                x[i] = zero ? (r.nextBoolean() ? 0.0 : -0.0)
                        : nonFinite && r.nextInt(40) == 0 ? new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}[r.nextInt(3)]
                        : r.nextDouble(-2, 2);
        }
        return x;
    }

    /**
     * A weight gradient's lists are built for all its rows in one walk over the tile when they fit
     * {@link Kernels#ALL_ROWS_LIST_LIMIT}, else 32 rows at a time: both ways, on sparse inputs, equal the reference.
     */
    @Test
    void weightGradientsWithAllRowsListedAndChunkedEqualTheReference() {
        SplittableRandom r = new SplittableRandom(11);
        int T = 64, hid = 8;
        for (int in : new int[] {784, 2100}) {
            boolean allRows = Kernels.listRows(T, hid, 1, in) == in;
            assertEquals(in == 784, allRows, in + " columns: lists of all rows, or chunks");
            double[] x = new double[T * in];
            for (int i = 0; i < x.length; i++) x[i] = r.nextInt(100) < 19 ? (r.nextBoolean() ? 1 : -1) * r.nextDouble() : 0.0;
            x[5 * in + 300] = Double.NaN;   // one non-finite term: its row takes the exact path
            double[] d = new double[T * hid];
            for (int i = 0; i < d.length; i++) d[i] = r.nextBoolean() ? (r.nextBoolean() ? 0.0 : -0.0) : r.nextDouble(-1, 1);
            double[] g = new double[hid * in];
            for (int i = 0; i < g.length; i++) g[i] = r.nextInt(3) == 0 ? -0.0 : r.nextDouble();
            Case k = new Case(T, hid, 1, in, d, 0, hid, 1, 0, x, 0, in, 0, 1, g, 0, 0, in, true, true);
            double[] expected = k.run(null);
            for (RowKernel rows : FLAVOURS) assertSameBits(expected, k.run(rows), rows.name() + " " + in + " columns");
        }
    }

    private static double[] fresh(int n) {
        double[] c = new double[n];
        Arrays.fill(c, -0.0);
        return c;
    }

    @Test
    void theFlavourIsVectorWhenTheModuleIsPresentAndSuperWordWhenNot() throws IOException, InterruptedException {
        assertTrue(Kernels.vectorApiPresent(), "surefire runs the tests with --add-modules jdk.incubator.vector");
        assertEquals("vector", Kernels.flavour());
        assertEquals("superword", Kernels.choose("superword").name());
        assertEquals("superword", probe());
        assertEquals("vector", probe("--add-modules", "jdk.incubator.vector"));
    }

    /** What Kernels.flavour() says in a fresh JVM started with {@code options}. */
    private static String probe(String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FlavourProbe.class.getName()));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void badArgumentsSayWhatIsWrong() {
        double[] x = new double[4];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Kernels.contract(2, 1, 1, 1,
                x, 0, 1, 0, 0, x, 0, 1, 0, 0, new double[2], 0, 1, 1, false, false, new double[3], 1));
        assertEquals("workspace too small: contraction 2x1x1x1 needs " + Kernels.workspaceSize(2, 1, 1, 1)
                + " doubles from offset 1, the array has 3", e.getMessage());
        assertEquals("negative contraction size 1x-1x1x1",
                assertThrows(IllegalArgumentException.class, () -> Kernels.workspaceSize(1, -1, 1, 1)).getMessage());
        assertEquals("-Dmgc.kernels.flavour=avx: expected superword, vector or auto",
                assertThrows(IllegalArgumentException.class, () -> Kernels.choose("avx")).getMessage());
    }
}
