package mgc.runtime.kernel;

/**
 * The micro-kernel every contraction ends in: one row of C takes a list of scaled rows of R, in list order.
 * For j in [0, n), for i in [0, count) ascending: {@code c[cBase + j] = c[cBase + j] + a_i * R_i[j]}, each
 * product and each sum rounded (no fma), where entry i is {@code a_i = list[listOff + 2i]} and names its row of R
 * by {@code list[listOff + 2i + 1]}. Only this interface knows the machine (as BLIS's micro-kernel). A flavour
 * takes R in one of two forms, {@link #rowArrays()} says which; it implements the matching {@code rows}.
 */
sealed interface RowKernel permits SuperWordRows, VectorRows {

    /** "superword" or "vector". */
    String name();

    /** Whether R comes as one array per row (entry i names row {@code r[off_i]}) rather than as rows of one array. */
    default boolean rowArrays() { return false; }

    /** R as rows of one array: row {@code off_i} starts at {@code r[off_i]}. */
    default void rows(double[] c, int cBase, int n, double[] list, int listOff, int count, double[] r) {
        throw new UnsupportedOperationException(name() + " takes R as row arrays");
    }

    /**
     * Whether {@link #scanned} takes rows of width n. A flavour that can fuse the zero test into the micro-kernel
     * spares the list: no entries written and read back.
     */
    default boolean scans(int n) { return false; }

    /**
     * One C row from a contiguous row of L with its zeros skipped, without a list: for j in [0, n), for p in
     * [0, K) ascending with {@code l[lb + p]} not a zero of either sign:
     * {@code c[cBase + j] = c[cBase + j] + l[lb + p] * r[rB + p * rStep + j]}. The same terms in the same order as
     * {@link #rows} over the list {@code Kernels} would build, so the same bits.
     */
    default void scanned(double[] c, int cBase, int n, double[] l, int lb, int K, double[] r, int rB, int rStep) {
        throw new UnsupportedOperationException(name() + " does not scan");
    }

    /**
     * One C row from the terms of a bit mask (rows as {@link #scans}): for j in [0, n), for each set bit t of
     * {@code mask} ascending, with {@code a = l[lb + t * lT]}:
     * {@code c[cBase + j] = c[cBase + j] + a * r[rB + t * rTStep + (a's sign bit ? shift : 0) + j]}.
     */
    default void masked(double[] c, int cBase, int n, double[] l, int lb, int lT, long mask, double[] r, int rB,
            int rTStep, int shift) {
        throw new UnsupportedOperationException(name() + " does not take masks");
    }

    /** R as row arrays ({@code r[off_i]}); {@code acc} is this thread's scratch row of at least n. */
    default void rows(double[] c, int cBase, int n, double[] list, int listOff, int count, double[][] r, double[] acc) {
        throw new UnsupportedOperationException(name() + " takes R flat");
    }
}
