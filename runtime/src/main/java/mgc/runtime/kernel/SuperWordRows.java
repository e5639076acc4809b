package mgc.runtime.kernel;

/**
 * Plain Java loops in the shape C2's SuperWord vectorises: the innermost loop runs over the contiguous row,
 * every access at index {@code j}, no calls or branches inside. Four list entries per pass over the row
 * ({@code (((c + a0*r0) + a1*r1) + a2*r2) + a3*r3}: the same two roundings per term) cut the loads and stores of c.
 */
final class SuperWordRows implements RowKernel {

    static final SuperWordRows INSTANCE = new SuperWordRows();

    private SuperWordRows() {}

    @Override
    public String name() { return "superword"; }

    /**
     * Row arrays: C2's SuperWord (JDK 17) leaves {@code c[cBase + j] += a * r[o + j]} scalar, since two offsets
     * into arrays that might be one array make the loop's dependence distance unknown; with every access at
     * index {@code j} (R's rows as arrays, C's row copied to an accumulator array) the distance is 0 and the loop
     * vectorises (a 32x64x64 block: 6 against 12-17 GFLOP/s in a standalone test on this machine).
     */
    @Override
    public boolean rowArrays() { return true; }

    @Override
    public void rows(double[] c, int cBase, int n, double[] list, int listOff, int count, double[][] r, double[] acc) {
        System.arraycopy(c, cBase, acc, 0, n);
        int i = 0;
        for (; i + 3 < count; i += 4) {
            int e = listOff + 2 * i;
            quadRows(acc, n, list[e], r[(int) list[e + 1]], list[e + 2], r[(int) list[e + 3]],
                    list[e + 4], r[(int) list[e + 5]], list[e + 6], r[(int) list[e + 7]]);
        }
        for (; i < count; i++) {
            int e = listOff + 2 * i;
            singleRow(acc, n, list[e], r[(int) list[e + 1]]);
        }
        System.arraycopy(acc, 0, c, cBase, n);
    }

    private static void quadRows(double[] acc, int n, double a0, double[] r0, double a1, double[] r1,
                                 double a2, double[] r2, double a3, double[] r3) {
        for (int j = 0; j < n; j++) acc[j] = (((acc[j] + a0 * r0[j]) + a1 * r1[j]) + a2 * r2[j]) + a3 * r3[j];
    }

    private static void singleRow(double[] acc, int n, double a, double[] r) {
        for (int j = 0; j < n; j++) acc[j] = acc[j] + a * r[j];
    }
}
