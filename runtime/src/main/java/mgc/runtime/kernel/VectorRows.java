package mgc.runtime.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The JDK Vector API micro-kernel: a block of up to 16 vectors of one C row stays in registers
 * while the whole list streams past it ({@code acc = acc + r * a}, lanewise mul then add, never fma, so it is
 * bit-identical to scalar Java). Loaded only when {@code jdk.incubator.vector} is in the boot layer.
 * Each block is its own small method, called once per block: C2 compiles it at a normal method entry
 * (an OSR-compiled Vector API loop keeps its vectors boxed, see DESIGN.md).
 *
 * <p>Block widths, measured on a dense 64x784x128 tile (AVX-512, shared machine, fastest of 100): blocks of 1x4
 * vectors 700 us, 1x8 680 us, 1x16 585 us (the list is read once per row; {@code block16}), 2 rows x 4 vectors
 * 430 us (not used: rows skip different zeros, so they do not share a list). A row narrower than 16 vectors takes
 * one block per set bit of its vector count (8, 4, 2, 1), each pass reading the whole list once. The blocks are
 * copies of one shape on purpose: each keeps its accumulators in named locals, which C2 keeps in registers; an
 * array of vectors would live in memory and risks boxing.
 */
final class VectorRows implements RowKernel {

    static final VectorRows INSTANCE = new VectorRows();

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private VectorRows() {}

    @Override
    public String name() { return "vector"; }

    @Override
    public void rows(double[] c, int cBase, int n, double[] list, int listOff, int count, double[] r) {
        int j = 0;
        for (; j + 16 * L <= n; j += 16 * L) block16(c, cBase + j, list, listOff, count, r, j);
        int whole = (n - j) / L;
        boolean ragged = n % L != 0 && whole > 0;
        // the rest in blocks of 8, 4, 2 and 1 vectors: every block reads the whole list once, so at most four
        // more passes (a 16-wide row is one pass of block2, not two of block1); a ragged row keeps its last whole
        // vector for the overlapping pass
        int blocked = ragged ? whole - 1 : whole;
        if ((blocked & 8) != 0) { block8(c, cBase + j, list, listOff, count, r, j); j += 8 * L; }
        if ((blocked & 4) != 0) { block4(c, cBase + j, list, listOff, count, r, j); j += 4 * L; }
        if ((blocked & 2) != 0) { block2(c, cBase + j, list, listOff, count, r, j); j += 2 * L; }
        if ((blocked & 1) != 0) { block1(c, cBase + j, list, listOff, count, r, j); j += L; }
        if (ragged) {
            // the last columns as a vector ending at n, overlapping the last whole one: no scalar pass over the list
            overlapping(c, cBase, j, n - L, list, listOff, count, r);
            return;
        }
        if (j < n) tail(c, cBase, j, n, list, listOff, count, r);
    }

    /** Rows that are whole blocks of 16 vectors (128 wide on AVX-512), or one vector and part of another (10 wide). */
    @Override
    public boolean scans(int n) {
        return n % (16 * L) == 0 || L < n && n < 2 * L;
    }

    @Override
    public void scanned(double[] c, int cBase, int n, double[] l, int lb, int K, double[] r, int rB, int rStep) {
        if (n < 2 * L) {
            scannedOverlapping(c, cBase, n - L, l, lb, K, r, rB, rStep);
            return;
        }
        for (int j = 0; j < n; j += 16 * L) scanned16(c, cBase + j, l, lb, K, r, rB + j, rStep);
    }

    /**
     * {@link #block16} with L's zero test inside: eight terms of L at a time, an all-zero run skipped with one OR of
     * their bits, the nonzero ones of the rest taken in ascending order from a bit mask. The accumulators stay in
     * registers across the whole row of L.
     */
    private static void scanned16(double[] c, int cAt, double[] l, int lb, int K, double[] r, int rB, int rStep) {
        DoubleVector c0 = DoubleVector.fromArray(S, c, cAt + 0 * L);
        DoubleVector c1 = DoubleVector.fromArray(S, c, cAt + 1 * L);
        DoubleVector c2 = DoubleVector.fromArray(S, c, cAt + 2 * L);
        DoubleVector c3 = DoubleVector.fromArray(S, c, cAt + 3 * L);
        DoubleVector c4 = DoubleVector.fromArray(S, c, cAt + 4 * L);
        DoubleVector c5 = DoubleVector.fromArray(S, c, cAt + 5 * L);
        DoubleVector c6 = DoubleVector.fromArray(S, c, cAt + 6 * L);
        DoubleVector c7 = DoubleVector.fromArray(S, c, cAt + 7 * L);
        DoubleVector c8 = DoubleVector.fromArray(S, c, cAt + 8 * L);
        DoubleVector c9 = DoubleVector.fromArray(S, c, cAt + 9 * L);
        DoubleVector c10 = DoubleVector.fromArray(S, c, cAt + 10 * L);
        DoubleVector c11 = DoubleVector.fromArray(S, c, cAt + 11 * L);
        DoubleVector c12 = DoubleVector.fromArray(S, c, cAt + 12 * L);
        DoubleVector c13 = DoubleVector.fromArray(S, c, cAt + 13 * L);
        DoubleVector c14 = DoubleVector.fromArray(S, c, cAt + 14 * L);
        DoubleVector c15 = DoubleVector.fromArray(S, c, cAt + 15 * L);
        // one loop, one term per pass: the accumulators change in no inner loop (with a loop over each block's
        // bits inside a loop over blocks, C2 17 kept them boxed: 17 MB allocated per MNIST step)
        long block = Kernels.nextNonzeros(l, lb, 0, K);
        while (block >= 0) {
            int p = (int) (block >>> 8) + Long.numberOfTrailingZeros(block);
            block &= block - 1;
            if ((block & 0xff) == 0) block = Kernels.nextNonzeros(l, lb, (int) (block >>> 8) + 8, K);
            double a = l[lb + p];
            int o = rB + p * rStep;
            c0 = c0.add(DoubleVector.fromArray(S, r, o + 0 * L).mul(a));
            c1 = c1.add(DoubleVector.fromArray(S, r, o + 1 * L).mul(a));
            c2 = c2.add(DoubleVector.fromArray(S, r, o + 2 * L).mul(a));
            c3 = c3.add(DoubleVector.fromArray(S, r, o + 3 * L).mul(a));
            c4 = c4.add(DoubleVector.fromArray(S, r, o + 4 * L).mul(a));
            c5 = c5.add(DoubleVector.fromArray(S, r, o + 5 * L).mul(a));
            c6 = c6.add(DoubleVector.fromArray(S, r, o + 6 * L).mul(a));
            c7 = c7.add(DoubleVector.fromArray(S, r, o + 7 * L).mul(a));
            c8 = c8.add(DoubleVector.fromArray(S, r, o + 8 * L).mul(a));
            c9 = c9.add(DoubleVector.fromArray(S, r, o + 9 * L).mul(a));
            c10 = c10.add(DoubleVector.fromArray(S, r, o + 10 * L).mul(a));
            c11 = c11.add(DoubleVector.fromArray(S, r, o + 11 * L).mul(a));
            c12 = c12.add(DoubleVector.fromArray(S, r, o + 12 * L).mul(a));
            c13 = c13.add(DoubleVector.fromArray(S, r, o + 13 * L).mul(a));
            c14 = c14.add(DoubleVector.fromArray(S, r, o + 14 * L).mul(a));
            c15 = c15.add(DoubleVector.fromArray(S, r, o + 15 * L).mul(a));
        }
        c0.intoArray(c, cAt + 0 * L);
        c1.intoArray(c, cAt + 1 * L);
        c2.intoArray(c, cAt + 2 * L);
        c3.intoArray(c, cAt + 3 * L);
        c4.intoArray(c, cAt + 4 * L);
        c5.intoArray(c, cAt + 5 * L);
        c6.intoArray(c, cAt + 6 * L);
        c7.intoArray(c, cAt + 7 * L);
        c8.intoArray(c, cAt + 8 * L);
        c9.intoArray(c, cAt + 9 * L);
        c10.intoArray(c, cAt + 10 * L);
        c11.intoArray(c, cAt + 11 * L);
        c12.intoArray(c, cAt + 12 * L);
        c13.intoArray(c, cAt + 13 * L);
        c14.intoArray(c, cAt + 14 * L);
        c15.intoArray(c, cAt + 15 * L);
    }

    /** {@link #overlapping} from columns 0 and k with L's zero test inside, as {@link #scanned16}. */
    private static void scannedOverlapping(double[] c, int cBase, int k, double[] l, int lb, int K, double[] r, int rB, int rStep) {
        DoubleVector c0 = DoubleVector.fromArray(S, c, cBase);
        DoubleVector c1 = DoubleVector.fromArray(S, c, cBase + k);
        // one loop, one term per pass: the accumulators change in no inner loop (with a loop over each block's
        // bits inside a loop over blocks, C2 17 kept them boxed: 17 MB allocated per MNIST step)
        long block = Kernels.nextNonzeros(l, lb, 0, K);
        while (block >= 0) {
            int p = (int) (block >>> 8) + Long.numberOfTrailingZeros(block);
            block &= block - 1;
            if ((block & 0xff) == 0) block = Kernels.nextNonzeros(l, lb, (int) (block >>> 8) + 8, K);
            double a = l[lb + p];
            int o = rB + p * rStep;
            c0 = c0.add(DoubleVector.fromArray(S, r, o).mul(a));
            c1 = c1.add(DoubleVector.fromArray(S, r, o + k).mul(a));
        }
        c0.intoArray(c, cBase);
        c1.intoArray(c, cBase + k);
    }

    @Override
    public void masked(double[] c, int cBase, int n, double[] l, int lb, int lT, long mask, double[] r, int rB,
            int rTStep, int shift) {
        if (n < 2 * L) {
            maskedOverlapping(c, cBase, n - L, l, lb, lT, mask, r, rB, rTStep, shift);
            return;
        }
        for (int j = 0; j < n; j += 16 * L) masked16(c, cBase + j, l, lb, lT, mask, r, rB + j, rTStep, shift);
    }

    /** {@link #block16} taking its terms from a mask's set bits (one term per loop pass, as {@link #scanned16}). */
    private static void masked16(double[] c, int cAt, double[] l, int lb, int lT, long mask, double[] r, int rB,
            int rTStep, int shift) {
        DoubleVector c0 = DoubleVector.fromArray(S, c, cAt + 0 * L);
        DoubleVector c1 = DoubleVector.fromArray(S, c, cAt + 1 * L);
        DoubleVector c2 = DoubleVector.fromArray(S, c, cAt + 2 * L);
        DoubleVector c3 = DoubleVector.fromArray(S, c, cAt + 3 * L);
        DoubleVector c4 = DoubleVector.fromArray(S, c, cAt + 4 * L);
        DoubleVector c5 = DoubleVector.fromArray(S, c, cAt + 5 * L);
        DoubleVector c6 = DoubleVector.fromArray(S, c, cAt + 6 * L);
        DoubleVector c7 = DoubleVector.fromArray(S, c, cAt + 7 * L);
        DoubleVector c8 = DoubleVector.fromArray(S, c, cAt + 8 * L);
        DoubleVector c9 = DoubleVector.fromArray(S, c, cAt + 9 * L);
        DoubleVector c10 = DoubleVector.fromArray(S, c, cAt + 10 * L);
        DoubleVector c11 = DoubleVector.fromArray(S, c, cAt + 11 * L);
        DoubleVector c12 = DoubleVector.fromArray(S, c, cAt + 12 * L);
        DoubleVector c13 = DoubleVector.fromArray(S, c, cAt + 13 * L);
        DoubleVector c14 = DoubleVector.fromArray(S, c, cAt + 14 * L);
        DoubleVector c15 = DoubleVector.fromArray(S, c, cAt + 15 * L);
        for (; mask != 0; mask &= mask - 1) {
            int t = Long.numberOfTrailingZeros(mask);
            double a = l[lb + t * lT];
            int o = rB + t * rTStep + (int) (Double.doubleToRawLongBits(a) >>> 63) * shift;
            c0 = c0.add(DoubleVector.fromArray(S, r, o + 0 * L).mul(a));
            c1 = c1.add(DoubleVector.fromArray(S, r, o + 1 * L).mul(a));
            c2 = c2.add(DoubleVector.fromArray(S, r, o + 2 * L).mul(a));
            c3 = c3.add(DoubleVector.fromArray(S, r, o + 3 * L).mul(a));
            c4 = c4.add(DoubleVector.fromArray(S, r, o + 4 * L).mul(a));
            c5 = c5.add(DoubleVector.fromArray(S, r, o + 5 * L).mul(a));
            c6 = c6.add(DoubleVector.fromArray(S, r, o + 6 * L).mul(a));
            c7 = c7.add(DoubleVector.fromArray(S, r, o + 7 * L).mul(a));
            c8 = c8.add(DoubleVector.fromArray(S, r, o + 8 * L).mul(a));
            c9 = c9.add(DoubleVector.fromArray(S, r, o + 9 * L).mul(a));
            c10 = c10.add(DoubleVector.fromArray(S, r, o + 10 * L).mul(a));
            c11 = c11.add(DoubleVector.fromArray(S, r, o + 11 * L).mul(a));
            c12 = c12.add(DoubleVector.fromArray(S, r, o + 12 * L).mul(a));
            c13 = c13.add(DoubleVector.fromArray(S, r, o + 13 * L).mul(a));
            c14 = c14.add(DoubleVector.fromArray(S, r, o + 14 * L).mul(a));
            c15 = c15.add(DoubleVector.fromArray(S, r, o + 15 * L).mul(a));
        }
        c0.intoArray(c, cAt + 0 * L);
        c1.intoArray(c, cAt + 1 * L);
        c2.intoArray(c, cAt + 2 * L);
        c3.intoArray(c, cAt + 3 * L);
        c4.intoArray(c, cAt + 4 * L);
        c5.intoArray(c, cAt + 5 * L);
        c6.intoArray(c, cAt + 6 * L);
        c7.intoArray(c, cAt + 7 * L);
        c8.intoArray(c, cAt + 8 * L);
        c9.intoArray(c, cAt + 9 * L);
        c10.intoArray(c, cAt + 10 * L);
        c11.intoArray(c, cAt + 11 * L);
        c12.intoArray(c, cAt + 12 * L);
        c13.intoArray(c, cAt + 13 * L);
        c14.intoArray(c, cAt + 14 * L);
        c15.intoArray(c, cAt + 15 * L);
    }

    /** {@link #overlapping} from columns 0 and k, taking its terms from a mask's set bits. */
    private static void maskedOverlapping(double[] c, int cBase, int k, double[] l, int lb, int lT, long mask,
            double[] r, int rB, int rTStep, int shift) {
        DoubleVector c0 = DoubleVector.fromArray(S, c, cBase);
        DoubleVector c1 = DoubleVector.fromArray(S, c, cBase + k);
        for (; mask != 0; mask &= mask - 1) {
            int t = Long.numberOfTrailingZeros(mask);
            double a = l[lb + t * lT];
            int o = rB + t * rTStep + (int) (Double.doubleToRawLongBits(a) >>> 63) * shift;
            c0 = c0.add(DoubleVector.fromArray(S, r, o).mul(a));
            c1 = c1.add(DoubleVector.fromArray(S, r, o + k).mul(a));
        }
        c0.intoArray(c, cBase);
        c1.intoArray(c, cBase + k);
    }

    /** A whole 128-wide row (AVX-512) in 16 registers: the list is read once per row, not once per 4 vectors. */
    private static void block16(double[] c, int cAt, double[] list, int listOff, int count, double[] r, int j) {
        DoubleVector c0 = DoubleVector.fromArray(S, c, cAt + 0 * L);
        DoubleVector c1 = DoubleVector.fromArray(S, c, cAt + 1 * L);
        DoubleVector c2 = DoubleVector.fromArray(S, c, cAt + 2 * L);
        DoubleVector c3 = DoubleVector.fromArray(S, c, cAt + 3 * L);
        DoubleVector c4 = DoubleVector.fromArray(S, c, cAt + 4 * L);
        DoubleVector c5 = DoubleVector.fromArray(S, c, cAt + 5 * L);
        DoubleVector c6 = DoubleVector.fromArray(S, c, cAt + 6 * L);
        DoubleVector c7 = DoubleVector.fromArray(S, c, cAt + 7 * L);
        DoubleVector c8 = DoubleVector.fromArray(S, c, cAt + 8 * L);
        DoubleVector c9 = DoubleVector.fromArray(S, c, cAt + 9 * L);
        DoubleVector c10 = DoubleVector.fromArray(S, c, cAt + 10 * L);
        DoubleVector c11 = DoubleVector.fromArray(S, c, cAt + 11 * L);
        DoubleVector c12 = DoubleVector.fromArray(S, c, cAt + 12 * L);
        DoubleVector c13 = DoubleVector.fromArray(S, c, cAt + 13 * L);
        DoubleVector c14 = DoubleVector.fromArray(S, c, cAt + 14 * L);
        DoubleVector c15 = DoubleVector.fromArray(S, c, cAt + 15 * L);
        int end = listOff + 2 * count;
        for (int e = listOff; e < end; e += 2) {
            double a = list[e];
            int o = (int) list[e + 1] + j;
            c0 = c0.add(DoubleVector.fromArray(S, r, o + 0 * L).mul(a));
            c1 = c1.add(DoubleVector.fromArray(S, r, o + 1 * L).mul(a));
            c2 = c2.add(DoubleVector.fromArray(S, r, o + 2 * L).mul(a));
            c3 = c3.add(DoubleVector.fromArray(S, r, o + 3 * L).mul(a));
            c4 = c4.add(DoubleVector.fromArray(S, r, o + 4 * L).mul(a));
            c5 = c5.add(DoubleVector.fromArray(S, r, o + 5 * L).mul(a));
            c6 = c6.add(DoubleVector.fromArray(S, r, o + 6 * L).mul(a));
            c7 = c7.add(DoubleVector.fromArray(S, r, o + 7 * L).mul(a));
            c8 = c8.add(DoubleVector.fromArray(S, r, o + 8 * L).mul(a));
            c9 = c9.add(DoubleVector.fromArray(S, r, o + 9 * L).mul(a));
            c10 = c10.add(DoubleVector.fromArray(S, r, o + 10 * L).mul(a));
            c11 = c11.add(DoubleVector.fromArray(S, r, o + 11 * L).mul(a));
            c12 = c12.add(DoubleVector.fromArray(S, r, o + 12 * L).mul(a));
            c13 = c13.add(DoubleVector.fromArray(S, r, o + 13 * L).mul(a));
            c14 = c14.add(DoubleVector.fromArray(S, r, o + 14 * L).mul(a));
            c15 = c15.add(DoubleVector.fromArray(S, r, o + 15 * L).mul(a));
        }
        c0.intoArray(c, cAt + 0 * L);
        c1.intoArray(c, cAt + 1 * L);
        c2.intoArray(c, cAt + 2 * L);
        c3.intoArray(c, cAt + 3 * L);
        c4.intoArray(c, cAt + 4 * L);
        c5.intoArray(c, cAt + 5 * L);
        c6.intoArray(c, cAt + 6 * L);
        c7.intoArray(c, cAt + 7 * L);
        c8.intoArray(c, cAt + 8 * L);
        c9.intoArray(c, cAt + 9 * L);
        c10.intoArray(c, cAt + 10 * L);
        c11.intoArray(c, cAt + 11 * L);
        c12.intoArray(c, cAt + 12 * L);
        c13.intoArray(c, cAt + 13 * L);
        c14.intoArray(c, cAt + 14 * L);
        c15.intoArray(c, cAt + 15 * L);
    }

    private static void block8(double[] c, int cAt, double[] list, int listOff, int count, double[] r, int j) {
        DoubleVector c0 = DoubleVector.fromArray(S, c, cAt + 0 * L);
        DoubleVector c1 = DoubleVector.fromArray(S, c, cAt + 1 * L);
        DoubleVector c2 = DoubleVector.fromArray(S, c, cAt + 2 * L);
        DoubleVector c3 = DoubleVector.fromArray(S, c, cAt + 3 * L);
        DoubleVector c4 = DoubleVector.fromArray(S, c, cAt + 4 * L);
        DoubleVector c5 = DoubleVector.fromArray(S, c, cAt + 5 * L);
        DoubleVector c6 = DoubleVector.fromArray(S, c, cAt + 6 * L);
        DoubleVector c7 = DoubleVector.fromArray(S, c, cAt + 7 * L);
        int end = listOff + 2 * count;
        for (int e = listOff; e < end; e += 2) {
            double a = list[e];
            int o = (int) list[e + 1] + j;
            c0 = c0.add(DoubleVector.fromArray(S, r, o + 0 * L).mul(a));
            c1 = c1.add(DoubleVector.fromArray(S, r, o + 1 * L).mul(a));
            c2 = c2.add(DoubleVector.fromArray(S, r, o + 2 * L).mul(a));
            c3 = c3.add(DoubleVector.fromArray(S, r, o + 3 * L).mul(a));
            c4 = c4.add(DoubleVector.fromArray(S, r, o + 4 * L).mul(a));
            c5 = c5.add(DoubleVector.fromArray(S, r, o + 5 * L).mul(a));
            c6 = c6.add(DoubleVector.fromArray(S, r, o + 6 * L).mul(a));
            c7 = c7.add(DoubleVector.fromArray(S, r, o + 7 * L).mul(a));
        }
        c0.intoArray(c, cAt + 0 * L);
        c1.intoArray(c, cAt + 1 * L);
        c2.intoArray(c, cAt + 2 * L);
        c3.intoArray(c, cAt + 3 * L);
        c4.intoArray(c, cAt + 4 * L);
        c5.intoArray(c, cAt + 5 * L);
        c6.intoArray(c, cAt + 6 * L);
        c7.intoArray(c, cAt + 7 * L);
    }

    private static void block4(double[] c, int cAt, double[] list, int listOff, int count, double[] r, int j) {
        DoubleVector c0 = DoubleVector.fromArray(S, c, cAt + 0 * L);
        DoubleVector c1 = DoubleVector.fromArray(S, c, cAt + 1 * L);
        DoubleVector c2 = DoubleVector.fromArray(S, c, cAt + 2 * L);
        DoubleVector c3 = DoubleVector.fromArray(S, c, cAt + 3 * L);
        int end = listOff + 2 * count;
        for (int e = listOff; e < end; e += 2) {
            double a = list[e];
            int o = (int) list[e + 1] + j;
            c0 = c0.add(DoubleVector.fromArray(S, r, o + 0 * L).mul(a));
            c1 = c1.add(DoubleVector.fromArray(S, r, o + 1 * L).mul(a));
            c2 = c2.add(DoubleVector.fromArray(S, r, o + 2 * L).mul(a));
            c3 = c3.add(DoubleVector.fromArray(S, r, o + 3 * L).mul(a));
        }
        c0.intoArray(c, cAt + 0 * L);
        c1.intoArray(c, cAt + 1 * L);
        c2.intoArray(c, cAt + 2 * L);
        c3.intoArray(c, cAt + 3 * L);
    }

    private static void block2(double[] c, int cAt, double[] list, int listOff, int count, double[] r, int j) {
        DoubleVector c0 = DoubleVector.fromArray(S, c, cAt + 0 * L);
        DoubleVector c1 = DoubleVector.fromArray(S, c, cAt + 1 * L);
        int end = listOff + 2 * count;
        for (int e = listOff; e < end; e += 2) {
            double a = list[e];
            int o = (int) list[e + 1] + j;
            c0 = c0.add(DoubleVector.fromArray(S, r, o + 0 * L).mul(a));
            c1 = c1.add(DoubleVector.fromArray(S, r, o + 1 * L).mul(a));
        }
        c0.intoArray(c, cAt + 0 * L);
        c1.intoArray(c, cAt + 1 * L);
    }

    private static void block1(double[] c, int cAt, double[] list, int listOff, int count, double[] r, int j) {
        DoubleVector c0 = DoubleVector.fromArray(S, c, cAt);
        int end = listOff + 2 * count;
        for (int e = listOff; e < end; e += 2) c0 = c0.add(DoubleVector.fromArray(S, r, (int) list[e + 1] + j).mul(list[e]));
        c0.intoArray(c, cAt);
    }

    /**
     * Columns [j, j+L) and [k, k+L), where j &lt; k &lt; j+L: both accumulators are loaded before either is stored,
     * and a column in both gets the same terms in the same order in each, so the overlap is stored twice with the
     * same bits (a row of 10 with 8 lanes: two independent vectors instead of one and a scalar pass).
     */
    private static void overlapping(double[] c, int cBase, int j, int k, double[] list, int listOff, int count, double[] r) {
        DoubleVector c0 = DoubleVector.fromArray(S, c, cBase + j);
        DoubleVector c1 = DoubleVector.fromArray(S, c, cBase + k);
        int end = listOff + 2 * count;
        for (int e = listOff; e < end; e += 2) {
            double a = list[e];
            int o = (int) list[e + 1];
            c0 = c0.add(DoubleVector.fromArray(S, r, o + j).mul(a));
            c1 = c1.add(DoubleVector.fromArray(S, r, o + k).mul(a));
        }
        c0.intoArray(c, cBase + j);
        c1.intoArray(c, cBase + k);
    }

    /** The last n mod L columns, one scalar at a time (list order per element, as everywhere). */
    private static void tail(double[] c, int cBase, int from, int n, double[] list, int listOff, int count, double[] r) {
        int end = listOff + 2 * count;
        for (int j = from; j < n; j++) {
            double acc = c[cBase + j];
            for (int e = listOff; e < end; e += 2) acc += list[e] * r[(int) list[e + 1] + j];
            c[cBase + j] = acc;
        }
    }
}
