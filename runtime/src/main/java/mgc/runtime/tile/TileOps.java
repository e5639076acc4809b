package mgc.runtime.tile;

import mgc.runtime.MathOps;
import mgc.runtime.kernel.Transpose;

/**
 * The non-arithmetic steps of loop-kernel code, over a tile of {@code n} examples: each operand is an
 * array, an offset, a per-example stride ({@code 0} for a tensor shared by every example) and, where
 * it may be a broadcast scalar, an element stride ({@code 0} or {@code 1}). Generated classes call
 * these with constant shapes and strides; elementwise arithmetic is emitted as loops in the generated
 * class itself, and contractions go to {@link mgc.runtime.kernel.Kernels}. Every order here is the
 * tensor interpreter's: reductions fold left in index order, sums over examples run in example order.
 */
public final class TileOps {
    private TileOps() {}

    /** Combining ops of {@link #reduce} and {@link #winner}. */
    public static final int ADD = 0, MAX = 1, MIN = 2;

    public static void fill(double[] a, int off, int len, double v) {
        java.util.Arrays.fill(a, off, off + len, v);
    }

    /** {@code out[t][i] = x[t][i * xe]} for i in [0, size). */
    public static void copy(int n, int size, double[] x, int xo, int xt, int xe, double[] out, int oo, int ot) {
        for (int t = 0; t < n; t++) {
            int xb = xo + t * xt, ob = oo + t * ot;
            if (xe == 1) System.arraycopy(x, xb, out, ob, size);
            else for (int i = 0; i < size; i++) out[ob + i] = x[xb];
        }
    }

    /**
     * {@code out[t][r * cols + c] = x[t][r * rs + c * cs]}: a matrix view made contiguous. A transposed view
     * (W read as Wᵀ) is a {@link Transpose}; a view of strided rows is a copy per row; any other strides (a
     * view of a view) go element by element.
     */
    public static void copy2(int n, int rows, int cols, double[] x, int xo, int xt, int rs, int cs,
                             double[] out, int oo, int ot) {
        for (int t = 0; t < n; t++) {
            int xb = xo + t * xt, ob = oo + t * ot;
            if (rs == 1 && cs != 0) {
                Transpose.transpose(rows, cols, x, xb, cs, out, ob, cols);
            } else if (cs == 1) {
                for (int r = 0; r < rows; r++) System.arraycopy(x, xb + r * rs, out, ob + r * cols, cols);
            } else {
                for (int r = 0; r < rows; r++)
                    for (int c = 0; c < cols; c++) out[ob + r * cols + c] = x[xb + r * rs + c * cs];
            }
        }
    }

    /** The operand placed at element {@code at} of zeros of length {@code size}. */
    public static void pad(int n, int len, int at, int size, double[] x, int xo, int xt, double[] out, int oo, int ot) {
        for (int t = 0; t < n; t++) {
            int ob = oo + t * ot;
            java.util.Arrays.fill(out, ob, ob + size, 0.0);
            System.arraycopy(x, xo + t * xt, out, ob + at, len);
        }
    }

    /** {@code out[t] = x[t][0] op x[t][1] op ...}, left to right. */
    public static void reduce(int op, int n, int size, double[] x, int xo, int xt, double[] out, int oo, int ot) {
        for (int t = 0; t < n; t++) {
            int xb = xo + t * xt;
            double acc = x[xb];
            switch (op) {
                case ADD -> { for (int i = 1; i < size; i++) acc += x[xb + i]; }
                case MAX -> { for (int i = 1; i < size; i++) acc = MathOps.max(acc, x[xb + i]); }
                default -> { for (int i = 1; i < size; i++) acc = MathOps.min(acc, x[xb + i]); }
            }
            out[oo + t * ot] = acc;
        }
    }

    /** 1.0 at the element the left fold of max (min) sends its gradient to, 0.0 elsewhere. */
    public static void winner(int op, int n, int size, double[] x, int xo, int xt, double[] out, int oo, int ot) {
        for (int t = 0; t < n; t++) {
            int xb = xo + t * xt, ob = oo + t * ot;
            int w = 0;
            double run = x[xb];
            for (int i = 1; i < size; i++) {
                double v = x[xb + i];
                boolean keep = op == MAX ? MathOps.ge(run, v) != 0 : MathOps.le(run, v) != 0;
                if (!keep) w = i;
                run = op == MAX ? MathOps.max(run, v) : MathOps.min(run, v);
            }
            java.util.Arrays.fill(out, ob, ob + size, 0.0);
            out[ob + w] = 1.0;
        }
    }

    /** {@code acc[i] += x[t][i]} for t = 0, 1, ... in order: a per-example gradient added into the accumulator. */
    public static void sumInto(int n, int size, double[] x, int xo, int xt, int xe, double[] acc, int ao) {
        for (int t = 0; t < n; t++) {
            int xb = xo + t * xt;
            for (int i = 0; i < size; i++) acc[ao + i] += x[xb + i * xe];
        }
    }

    /** {@code acc + x[0] + x[1] + ...} in example order: the summed loss. */
    public static double sum(double acc, int n, double[] x, int xo, int xt) {
        for (int t = 0; t < n; t++) acc += x[xo + t * xt];
        return acc;
    }

    /** Whether every element of a (strided) matrix operand is finite in each of the n examples. */
    public static boolean allFinite(int n, int rows, int cols, double[] x, int xo, int xt, int rs, int cs) {
        for (int t = 0; t < n; t++) {
            int xb = xo + t * xt;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    if (!Double.isFinite(x[xb + r * rs + c * cs])) return false;
                }
            }
        }
        return true;
    }

    /**
     * Re-sums every zero element of {@code C_t[m,n]} with all K terms, {@code -0.0} first and in ascending order,
     * each term {@code a*b} or, for {@code zero} 1 (2), the strong-zero product deciding on a (b): after a
     * contraction that skipped zero terms, this gives zero results the sign the full sum has.
     */
    public static void zeroSigns(int n, int M, int K, int N,
                                 double[] a, int aOff, int aT, int aRow, int aCol,
                                 double[] b, int bOff, int bT, int bRow, int bCol,
                                 double[] c, int cOff, int cT, int cRow, int zero) {
        for (int t = 0; t < n; t++) {
            for (int m = 0; m < M; m++) {
                int row = cOff + t * cT + m * cRow;
                for (int j = 0; j < N; j++) {
                    if (c[row + j] != 0.0) continue;
                    double acc = -0.0;
                    for (int p = 0; p < K; p++) {
                        double x = a[aOff + t * aT + m * aRow + p * aCol], y = b[bOff + t * bT + p * bRow + j * bCol];
                        acc += zero == 1 ? MathOps.dmulBranchFree(x, y) : zero == 2 ? MathOps.dmulBranchFree(y, x) : x * y;
                    }
                    c[row + j] = acc;
                }
            }
        }
    }
}
