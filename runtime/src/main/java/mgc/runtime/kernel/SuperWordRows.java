package mgc.runtime.kernel;

/**
 * Plain Java loops in the shape C2's SuperWord vectorises: the innermost loop runs over the contiguous row,
 * {@code c[j] = c[j] + a * r[j]}, no calls or branches inside. Two list entries per pass over the row
 * ({@code (c + a0*r0) + a1*r1}: the same two roundings per term) halve the loads and stores of c.
 */
final class SuperWordRows implements RowKernel {

    static final SuperWordRows INSTANCE = new SuperWordRows();

    private SuperWordRows() {}

    @Override
    public String name() { return "superword"; }

    @Override
    public void rows(double[] c, int cBase, int n, double[] list, int listOff, int count, double[] r) {
        int i = 0;
        for (; i + 3 < count; i += 4) {
            int e = listOff + 2 * i;
            quad(c, cBase, n, r, list[e], (int) list[e + 1], list[e + 2], (int) list[e + 3],
                    list[e + 4], (int) list[e + 5], list[e + 6], (int) list[e + 7]);
        }
        for (; i + 1 < count; i += 2) {
            int e = listOff + 2 * i;
            pair(c, cBase, n, list[e], r, (int) list[e + 1], list[e + 2], (int) list[e + 3]);
        }
        if (i < count) {
            int e = listOff + 2 * i;
            single(c, cBase, n, list[e], r, (int) list[e + 1]);
        }
    }

    private static void quad(double[] c, int cBase, int n, double[] r, double a0, int o0, double a1, int o1,
                             double a2, int o2, double a3, int o3) {
        for (int j = 0; j < n; j++)
            c[cBase + j] = (((c[cBase + j] + a0 * r[o0 + j]) + a1 * r[o1 + j]) + a2 * r[o2 + j]) + a3 * r[o3 + j];
    }

    private static void pair(double[] c, int cBase, int n, double a0, double[] r, int o0, double a1, int o1) {
        for (int j = 0; j < n; j++) c[cBase + j] = (c[cBase + j] + a0 * r[o0 + j]) + a1 * r[o1 + j];
    }

    private static void single(double[] c, int cBase, int n, double a, double[] r, int o) {
        for (int j = 0; j < n; j++) c[cBase + j] += a * r[o + j];
    }
}
