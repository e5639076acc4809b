package mgc.runtime.kernel;

/**
 * The micro-kernel every contraction ends in: one row of C takes a list of scaled rows of R, in list order.
 * For j in [0, n), for i in [0, count) ascending: {@code c[cBase + j] = c[cBase + j] + a_i * r[off_i + j]}, each
 * product and each sum rounded (no fma), where entry i is {@code a_i = list[listOff + 2i]},
 * {@code off_i = (int) list[listOff + 2i + 1]}. Only this interface knows the machine (as BLIS's micro-kernel).
 */
sealed interface RowKernel permits SuperWordRows, VectorRows {

    /** "superword" or "vector". */
    String name();

    void rows(double[] c, int cBase, int n, double[] list, int listOff, int count, double[] r);

    /**
     * Whether this kernel wants R as one array per row ({@link #rows(double[], int, int, double[], int, int,
     * double[][])}, entry i's second half then a row index) rather than rows of one flat array.
     */
    default boolean rowArrays() { return false; }

    /** {@link #rows(double[], int, int, double[], int, int, double[])} with row {@code off_i} of R in {@code r[off_i]}. */
    default void rows(double[] c, int cBase, int n, double[] list, int listOff, int count, double[][] r) {
        throw new UnsupportedOperationException(name() + " takes R flat");
    }
}
