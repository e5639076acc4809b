package mgc.runtime.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The JDK Vector API micro-kernel: a block of {@link #BLOCK_VECTORS} vectors of one C row stays in registers
 * while the whole list streams past it ({@code acc = acc + r * a}, lanewise mul then add, never fma, so it is
 * bit-identical to scalar Java). Loaded only when {@code jdk.incubator.vector} is in the boot layer.
 * Each block is its own small method, called once per block: C2 compiles it at a normal method entry
 * (an OSR-compiled Vector API loop keeps its vectors boxed, see DESIGN.md).
 */
final class VectorRows implements RowKernel {

    static final VectorRows INSTANCE = new VectorRows();

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /**
     * Accumulators per block. Without fma every term is a mul and a dependent add; 4 independent add chains
     * cover the add latency at one add per cycle. Measured (KernelsBenchmark, 64x784x128 tile, AVX-512):
     * see the table in bench/results-kernels.md.
     */
    static final int BLOCK_VECTORS = 4;

    private VectorRows() {}

    @Override
    public String name() { return "vector"; }

    @Override
    public void rows(double[] c, int cBase, int n, double[] list, int listOff, int count, double[] r) {
        int j = 0;
        for (; j + BLOCK_VECTORS * L <= n; j += BLOCK_VECTORS * L) block4(c, cBase + j, list, listOff, count, r, j);
        for (; j + L <= n; j += L) block1(c, cBase + j, list, listOff, count, r, j);
        if (j < n) tail(c, cBase, j, n, list, listOff, count, r);
    }

    private static void block4(double[] c, int cAt, double[] list, int listOff, int count, double[] r, int j) {
        DoubleVector c0 = DoubleVector.fromArray(S, c, cAt);
        DoubleVector c1 = DoubleVector.fromArray(S, c, cAt + L);
        DoubleVector c2 = DoubleVector.fromArray(S, c, cAt + 2 * L);
        DoubleVector c3 = DoubleVector.fromArray(S, c, cAt + 3 * L);
        int end = listOff + 2 * count;
        for (int e = listOff; e < end; e += 2) {
            double a = list[e];
            int o = (int) list[e + 1] + j;
            c0 = c0.add(DoubleVector.fromArray(S, r, o).mul(a));
            c1 = c1.add(DoubleVector.fromArray(S, r, o + L).mul(a));
            c2 = c2.add(DoubleVector.fromArray(S, r, o + 2 * L).mul(a));
            c3 = c3.add(DoubleVector.fromArray(S, r, o + 3 * L).mul(a));
        }
        c0.intoArray(c, cAt);
        c1.intoArray(c, cAt + L);
        c2.intoArray(c, cAt + 2 * L);
        c3.intoArray(c, cAt + 3 * L);
    }

    private static void block1(double[] c, int cAt, double[] list, int listOff, int count, double[] r, int j) {
        DoubleVector c0 = DoubleVector.fromArray(S, c, cAt);
        int end = listOff + 2 * count;
        for (int e = listOff; e < end; e += 2) c0 = c0.add(DoubleVector.fromArray(S, r, (int) list[e + 1] + j).mul(list[e]));
        c0.intoArray(c, cAt);
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
