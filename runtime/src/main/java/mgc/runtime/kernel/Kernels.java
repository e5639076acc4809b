package mgc.runtime.kernel;

import mgc.runtime.MathOps;

/**
 * Loop kernels for tensor contractions over a tile of T examples: what the loop back end's generated code calls.
 *
 * <p>Every contraction ends in one micro-kernel ({@link RowKernel}): a row of C takes a list of scaled rows of an
 * operand R whose rows are contiguous. Around it: the operand with zeros to skip exactly becomes the list side
 * (its zeros are left out of the list), the other operand is packed into the workspace when its rows are not
 * contiguous, and when R's own zeros must be skipped it is packed twice with its zeros signed so that every
 * skipped product is exactly {@code -0.0} ({@code c + -0.0 == c} for every c, NaN and both zeros included),
 * which keeps the micro-kernel free of branches. A shared C ({@code cT == 0}) may be computed transposed when
 * the other operand is the sparser one (MNIST pixels in a weight gradient).
 *
 * <p>Two flavours of the micro-kernel, chosen once at class initialisation: "vector" (JDK Vector API, when
 * {@code jdk.incubator.vector} is in the boot layer) and "superword" (plain loops C2 vectorises). The system
 * property {@value #FLAVOUR_PROPERTY} = {@code superword|vector|auto} forces one; "vector" without the module
 * falls back to "superword" ({@link #flavour()} says which runs).
 */
public final class Kernels {

    public static final String FLAVOUR_PROPERTY = "mgc.kernels.flavour";

    /**
     * Examples per call the loop back end should use. Measured (MnistBenchmark, 784-128-10, MNIST-like data,
     * batch 64, vector flavour, weights [in, out], fastest step): tiles of 8: 912 us, 16: 856 us, 32: 813 us,
     * 64: 818 us per step; 64 (the whole batch) also packs a transposed [out, in] weight once per batch.
     */
    public static final int TILE = 64;

    private static final RowKernel ROWS = choose(System.getProperty(FLAVOUR_PROPERTY, "auto"));

    private Kernels() {}

    /** Which flavour runs: "vector" (jdk.incubator.vector present) or "superword". Chosen once at class init. */
    public static String flavour() {
        return ROWS.name();
    }

    /** Whether the Vector API module is in the boot layer (the JVM ran with --add-modules jdk.incubator.vector). */
    public static boolean vectorApiPresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    static RowKernel choose(String wanted) {
        return switch (wanted) {
            case "superword" -> SuperWordRows.INSTANCE;
            case "vector", "auto", "" -> vectorApiPresent() ? VectorRows.INSTANCE : SuperWordRows.INSTANCE;
            default -> throw new IllegalArgumentException(
                    "-D" + FLAVOUR_PROPERTY + "=" + wanted + ": expected superword, vector or auto");
        };
    }

    /**
     * Batched contraction. For t in [0,T), m in [0,M), n in [0,N):
     * {@code C_t[m,n] += sum over p in [0,K) of A_t[m,p] * B_t[p,n]} with
     * {@code A_t[m,p] = a[aOff + t*aT + m*aRow + p*aCol]}, {@code B_t[p,n] = b[bOff + t*bT + p*bRow + n*bCol]},
     * {@code C_t[m,n] = c[cOff + t*cT + m*cRow + n]}. Any stride may be 0; {@code cT == 0} shares C across the
     * tile and the sum then runs over (t, p).
     *
     * <p>Order (the semantics): each C element receives its terms one at a time in ascending (t, p) order,
     * {@code c = c + a*b} with the product and the sum each rounded (no fma), starting from the value C holds.
     * {@code skipZeroA}/{@code skipZeroB}: a term whose A (B) factor is 0.0 of either sign is skipped exactly
     * (strong-zero products: 0 * NaN never reaches C). C must not overlap A, B or the workspace.
     *
     * @param work caller-owned workspace of at least {@link #workspaceSize} doubles from {@code workOff};
     *             the kernel allocates nothing
     */
    public static void contract(int T, int M, int K, int N,
            double[] a, int aOff, int aT, int aRow, int aCol,
            double[] b, int bOff, int bT, int bRow, int bCol,
            double[] c, int cOff, int cT, int cRow,
            boolean skipZeroA, boolean skipZeroB,
            double[] work, int workOff) {
        contractWith(ROWS, T, M, K, N, a, aOff, aT, aRow, aCol, b, bOff, bT, bRow, bCol, c, cOff, cT, cRow,
                skipZeroA, skipZeroB, work, workOff);
    }

    /**
     * Doubles of workspace {@link #contract} needs: the term lists of a chunk of C rows (2 doubles per term),
     * the packed R operand (twice, signed zeros) and a chunk of a transposed shared C.
     */
    public static int workspaceSize(int T, int M, int K, int N) {
        checkSizes(T, M, K, N);
        long size = listSize(T, M, K, N) + packSize(T, M, K, N) + (long) ROW_CHUNK * Math.max(M, N);
        if (size > Integer.MAX_VALUE - 16)
            throw new IllegalArgumentException("contraction " + T + "x" + M + "x" + K + "x" + N + " needs a workspace of "
                    + size + " doubles, more than a Java array holds");
        return (int) size;
    }

    private static long listSize(int T, int M, int K, int N) {
        long rows = listRows(T, M, K, N);
        return 2L * rows * listCapacity(T, K) + rows;
    }

    /**
     * Rows of C whose lists the list region holds: {@link #ROW_CHUNK}, or every row of a sum over the tile alone
     * (K == 1, a weight gradient) when their lists fit in {@link #ALL_ROWS_LIST_LIMIT} doubles. Symmetric in M and N,
     * so both orientations of a contraction agree with the workspace.
     */
    static int listRows(int T, int M, int K, int N) {
        int rows = Math.max(M, N);
        return K == 1 && rows > ROW_CHUNK && 2L * rows * listCapacity(T, K) <= ALL_ROWS_LIST_LIMIT ? rows : ROW_CHUNK;
    }

    /**
     * Bound on the lists of all rows of a weight gradient (doubles). Built in one walk over the tile, example by
     * example, each example's row of L is read once, front to back; built 32 rows at a time, the walk reads 32
     * elements of every example per chunk, a strided pattern that misses the cache. Training step against
     * chunked lists, both in one JVM in alternating rounds ({@code bench/ab-step.sh}, median ratio of 30 rounds):
     * 784-128-10 on real digits 0.88 and 0.92 (vector flavour), 0.97 (SuperWord); 784-16-16-10 0.89;
     * 784-256-256-10 0.99.
     */
    static final int ALL_ROWS_LIST_LIMIT = 1 << 18;

    /** Entries one row's list may hold: a whole tile's (t, p) when that is small (a weight gradient), else K. */
    private static long listCapacity(int T, int K) {
        return Math.max(K, Math.min((long) T * K, ALL_TILE_LIST_CAPACITY));
    }

    /** Bound on a shared-C row's list over the whole tile (keeps the workspace about the operands' size). */
    static final int ALL_TILE_LIST_CAPACITY = 4096;

    private static long packSize(int T, int M, int K, int N) {
        return 2L * Math.max((long) K * Math.max(M, N), (long) T * K * Math.min(M, N));
    }

    /** The obviously-correct reference: plain loops in exactly the order {@link #contract} defines. */
    public static void contractReference(int T, int M, int K, int N,
            double[] a, int aOff, int aT, int aRow, int aCol,
            double[] b, int bOff, int bT, int bRow, int bCol,
            double[] c, int cOff, int cT, int cRow,
            boolean skipZeroA, boolean skipZeroB,
            double[] work, int workOff) {
        checkSizes(T, M, K, N);
        for (int t = 0; t < T; t++)
            for (int m = 0; m < M; m++)
                for (int n = 0; n < N; n++) {
                    int ci = cOff + t * cT + m * cRow + n;
                    double acc = c[ci];
                    for (int p = 0; p < K; p++) {
                        double x = a[aOff + t * aT + m * aRow + p * aCol];
                        double y = b[bOff + t * bT + p * bRow + n * bCol];
                        if (skipZeroA && x == 0 || skipZeroB && y == 0) continue;
                        acc = acc + x * y;
                    }
                    c[ci] = acc;
                }
    }

    static void contractWith(RowKernel rows, int T, int M, int K, int N,
            double[] a, int aOff, int aT, int aRow, int aCol,
            double[] b, int bOff, int bT, int bRow, int bCol,
            double[] c, int cOff, int cT, int cRow,
            boolean skipZeroA, boolean skipZeroB,
            double[] work, int workOff) {
        int need = workspaceSize(T, M, K, N);
        if (workOff < 0 || work.length - workOff < need)
            throw new IllegalArgumentException("workspace too small: contraction " + T + "x" + M + "x" + K + "x" + N
                    + " needs " + need + " doubles from offset " + workOff + ", the array has " + work.length);
        if (T == 0 || M == 0 || K == 0 || N == 0) return;
        int listAt = workOff;
        int packAt = (int) (listAt + listSize(T, M, K, N));
        int packSize = (int) packSize(T, M, K, N);
        if (cT == 0 && skipZeroB && wholeTileFits(T, K, M, skipZeroA || aRow != 1, aT == 0 ? 1 : T, packSize)
                && transposeIsCheaper(T, M, K, N, a, aOff, aT, aRow, aCol, b, bOff, bT, bRow, bCol, skipZeroA)) {
            // C^T[n,m] += sum B^T[n,(t,p)] A^T[(t,p),m]: B becomes the list side, so its zeros cost nothing
            loopNest(rows, T, N, K, M, b, bOff, bT, bCol, bRow, a, aOff, aT, aCol, aRow, c, cOff, 0, cRow, true,
                    skipZeroB, skipZeroA, work, listAt, packAt, packSize);
        } else {
            loopNest(rows, T, M, K, N, a, aOff, aT, aRow, aCol, b, bOff, bT, bRow, bCol, c, cOff, cT, cRow, false,
                    skipZeroA, skipZeroB, work, listAt, packAt, packSize);
        }
    }

    /** Whether one list per C row over the whole tile fits the workspace, with R (rows of n) packed if it must be. */
    private static boolean wholeTileFits(int T, int K, int n, boolean pack, int distinctR, int packSize) {
        return (long) T * K <= listCapacity(T, K) && (!pack || 2L * distinctR * K * n <= packSize);
    }

    /** Multiply-adds each orientation does (terms left after zero skipping times the row length) plus its copying. */
    private static boolean transposeIsCheaper(int T, int M, int K, int N,
            double[] a, int aOff, int aT, int aRow, int aCol,
            double[] b, int bOff, int bT, int bRow, int bCol, boolean skipZeroA) {
        // the zeros of the first few examples stand for the tile's (a sample: the choice never changes the result)
        int sample = Math.min(T, ORIENTATION_SAMPLE);
        long termsA = (skipZeroA ? nonzeros(sample, M, K, a, aOff, aT, aRow, aCol) : (long) sample * M * K) * T / sample;
        long termsB = nonzeros(sample, N, K, b, bOff, bT, bCol, bRow) * T / sample;
        long normal = termsA * N + 2L * (bT == 0 ? 1 : T) * K * N;
        long transposed = termsB * M + 2L * M * Math.min(N, termsB) + (skipZeroA ? 2L * (aT == 0 ? 1 : T) * K * M : 0);
        return transposed < normal;
    }

    /** Examples whose zeros decide a shared C's orientation. */
    static final int ORIENTATION_SAMPLE = 4;

    private static long nonzeros(int T, int rows, int K, double[] x, int off, int sT, int sRow, int sCol) {
        long count = 0;
        for (int t = 0; t < T; t++)
            for (int m = 0; m < rows; m++)
                for (int p = 0; p < K; p++) count += x[off + t * sT + m * sRow + p * sCol] != 0 ? 1 : 0;
        return count;
    }

    /**
     * The loop nest around the micro-kernel, in the list/row orientation: C_t[m,:] += sum_p L_t[m,p] R_t[p,:].
     * L's zeros (skipL) are left out of each row's list; R's zeros (skipR) are skipped by the signed packing.
     * Lists are built for {@link #ROW_CHUNK} rows of C at a time. {@code cColumns}: C is shared (cT == 0) and
     * stored transposed, row m of this orientation being column m of {@code c} (rows of length cRow apart);
     * each chunk of its columns with any term is gathered into the workspace, updated, and scattered back.
     */
    private static void loopNest(RowKernel rows, int T, int M, int K, int N,
            double[] l, int lOff, int lT, int lRow, int lCol,
            double[] r, int rOff, int rT, int rRow, int rCol,
            double[] c, int cOff, int cT, int cRow, boolean cColumns,
            boolean skipL, boolean skipR, double[] work, int listAt, int packAt, int packSize) {
        boolean pack = skipR || rCol != 1;
        // a kernel that takes R as row arrays gets every R packed into them; list entries then name rows
        boolean rowMode = rows.rowArrays();
        double[] rArr = pack ? work : r;
        int distinctR = rT == 0 ? 1 : T;
        int gatherAt = packAt + packSize;
        if (cColumns || cT == 0 && wholeTileFits(T, K, N, pack, distinctR, packSize)) {
            // one list per C row over the whole tile: the row's block stays in registers across all (t, p)
            int negShift = distinctR * K * N;
            RowStore rRows = null;
            if (rowMode) {
                negShift = distinctR * K;
                rRows = RowStore.of((skipR ? 2 : 1) * distinctR * K, N);
                for (int t = 0; t < distinctR; t++) packRows(r, rOff + t * rT, rRow, rCol, K, N, skipR, rRows.rows, t * K, negShift);
            } else if (pack) {
                for (int t = 0; t < distinctR; t++) packR(r, rOff + t * rT, rRow, rCol, K, N, skipR, work, packAt + t * K * N, negShift);
            }
            int rB = rowMode ? 0 : pack ? packAt : rOff;
            int rTStep = rowMode ? (rT == 0 ? 0 : K) : pack ? (rT == 0 ? 0 : K * N) : rT;
            int rStep = rowMode ? 1 : pack ? N : rRow;
            if (K == 1 && lRow == 1 && lT != 0 && skipL && T <= Long.SIZE && !rowMode && rows.scans(N)) {
                // a weight gradient over at most 64 examples: a bit mask per C row instead of a list
                columnsByMasks(rows, T, M, N, l, lOff, lT, c, cOff, cRow, cColumns, skipR, rArr, rB, rTStep,
                        skipR ? negShift : 0, work, gatherAt);
                return;
            }
            int cap = T * K;
            // every row's list in one walk when the region holds them all (a weight gradient), else a chunk's at a time
            int listRows = listRows(T, M, K, N);
            boolean allRows = listRows >= M;
            boolean exact = allRows && lists(l, lOff, lT, lRow, lCol, 0, T, K, 0, M, listRows, skipL, skipR, rB, rTStep, rStep, negShift, work, listAt);
            int countAt = countsAt(listAt, listRows, cap);
            for (int m0 = 0; m0 < M; m0 += ROW_CHUNK) {
                int m1 = Math.min(M, m0 + ROW_CHUNK);
                if (!allRows)
                    exact = lists(l, lOff, lT, lRow, lCol, 0, T, K, m0, m1, listRows, skipL, skipR, rB, rTStep, rStep, negShift, work, listAt);
                int first = allRows ? m0 : 0;   // the chunk's first row in the list region
                if (cColumns) {
                    // only the columns from the chunk's first to its last with a term (MNIST's always-zero border pixels)
                    int lo = m0, hi = m1;
                    while (lo < hi && work[countAt + first + lo - m0] == 0) lo++;
                    while (hi > lo && work[countAt + first + hi - 1 - m0] == 0) hi--;
                    if (lo == hi) continue;
                    int at = gatherAt + (lo - m0) * N;
                    gather(c, cOff, cRow, N, lo, hi, work, at);
                    for (int m = lo; m < hi; m++) {
                        int i = first + m - m0;
                        row(rows, work, gatherAt + (m - m0) * N, N, work, listAt + 2 * i * cap, (int) work[countAt + i], rArr, rRows, exact);
                    }
                    scatter(c, cOff, cRow, N, lo, hi, work, at);
                } else {
                    for (int m = m0; m < m1; m++) {
                        int i = first + m - m0;
                        row(rows, c, cOff + m * cRow, N, work, listAt + 2 * i * cap, (int) work[countAt + i], rArr, rRows, exact);
                    }
                }
            }
            return;
        }
        if (skipL && !skipR && lCol == 1 && rCol == 1 && !rowMode && rows.scans(N)) {
            // R's rows are contiguous and only L's zeros are skipped: the micro-kernel tests L itself, no list
            for (int t = 0; t < T; t++)
                for (int m = 0; m < M; m++)
                    rows.scanned(c, cOff + t * cT + m * cRow, N, l, lOff + t * lT + m * lRow, K, r, rOff + t * rT, rRow);
            return;
        }
        int negShift = rowMode ? K : K * N;
        RowStore rRows = rowMode ? RowStore.of((skipR ? 2 : 1) * K, N) : null;
        for (int t = 0; t < T; t++) {
            if (rowMode && (t == 0 || rT != 0)) packRows(r, rOff + t * rT, rRow, rCol, K, N, skipR, rRows.rows, 0, negShift);
            else if (!rowMode && pack && (t == 0 || rT != 0)) packR(r, rOff + t * rT, rRow, rCol, K, N, skipR, work, packAt, negShift);
            int rB = rowMode ? 0 : pack ? packAt : rOff, rTStep = rowMode || pack ? 0 : rT, rStep = rowMode ? 1 : pack ? N : rRow;
            for (int m0 = 0; m0 < M; m0 += ROW_CHUNK) {
                int m1 = Math.min(M, m0 + ROW_CHUNK);
                boolean exact = lists(l, lOff, lT, lRow, lCol, t, t + 1, K, m0, m1, ROW_CHUNK, skipL, skipR, rB, rTStep, rStep, negShift, work, listAt);
                int countAt = countsAt(listAt, ROW_CHUNK, K);
                for (int m = m0; m < m1; m++)
                    row(rows, c, cOff + t * cT + m * cRow, N, work, listAt + 2 * (m - m0) * K, (int) work[countAt + m - m0], rArr, rRows, exact);
            }
        }
    }

    /**
     * A sum over the tile alone (K == 1: a weight gradient) with L's rows contiguous and L's zeros skipped, over
     * T &lt;= 64 examples: instead of lists, one walk over the tile sets bit t of row m's mask when L_t[m] is not a
     * zero (eight terms of an example at a time, an all-zero run costing one OR), and the micro-kernel takes each
     * row's terms from its mask in ascending t: the terms and order of the lists, without writing them. C rows
     * with no term are not touched; a transposed C is gathered and scattered {@link #ROW_CHUNK} columns at a time,
     * from a chunk's first column with a term to its last.
     */
    private static void columnsByMasks(RowKernel rows, int T, int M, int N, double[] l, int lOff, int lT,
            double[] c, int cOff, int cRow, boolean cColumns, boolean skipR, double[] r, int rB, int rTStep, int shift,
            double[] work, int gatherAt) {
        long[] masks = RowStore.masks(M);
        boolean exact = columnMasks(l, lOff, lT, T, M, masks) && skipR;
        for (int m0 = 0; m0 < M; m0 += ROW_CHUNK) {
            int lo = m0, hi = Math.min(M, m0 + ROW_CHUNK);
            while (lo < hi && masks[lo] == 0) lo++;
            while (hi > lo && masks[hi - 1] == 0) hi--;
            if (lo == hi) continue;
            if (cColumns) {
                int at = gatherAt + (lo - m0) * N;
                gather(c, cOff, cRow, N, lo, hi, work, at);
                for (int m = lo; m < hi; m++)
                    column(rows, work, gatherAt + (m - m0) * N, N, l, lOff + m, lT, masks[m], r, rB, rTStep, shift, exact);
                scatter(c, cOff, cRow, N, lo, hi, work, at);
            } else {
                for (int m = lo; m < hi; m++)
                    column(rows, c, cOff + m * cRow, N, l, lOff + m, lT, masks[m], r, rB, rTStep, shift, exact);
            }
        }
    }

    /**
     * masks[m], m in [0, M): bit t set iff {@code l[lb + t*lT + m]} is not a zero of either sign. Returns whether
     * some such term is infinite or NaN (then R's signed zeros would not skip its products: see {@link #row}).
     */
    private static boolean columnMasks(double[] l, int lb, int lT, int T, int M, long[] masks) {
        java.util.Arrays.fill(masks, 0, M, 0L);
        long exponents = 0;
        for (int t = 0; t < T; t++) {
            int b = lb + t * lT;
            int m = 0;
            for (; m + 8 <= M; m += 8) {
                if (!anyNonzero8(l, b + m)) continue;
                for (int i = m; i < m + 8; i++) {
                    long bits = Double.doubleToRawLongBits(l[b + i]);
                    masks[i] |= nonzero(bits) << t;
                    exponents |= MathOps.nonFiniteSign(bits);
                }
            }
            for (; m < M; m++) {
                long bits = Double.doubleToRawLongBits(l[b + m]);
                masks[m] |= nonzero(bits) << t;
                exponents |= MathOps.nonFiniteSign(bits);
            }
        }
        return exponents < 0;
    }

    /**
     * One C row from the terms of its mask: R's row for example t at {@code rB + t*rTStep}, plus {@code shift} for
     * a negative term (the signed packing). {@code exact} as in {@link #row}.
     */
    private static void column(RowKernel rows, double[] c, int cBase, int n, double[] l, int lb, int lT, long mask,
            double[] r, int rB, int rTStep, int shift, boolean exact) {
        if (mask == 0) return;
        if (!exact) {
            rows.masked(c, cBase, n, l, lb, lT, mask, r, rB, rTStep, shift);
            return;
        }
        for (; mask != 0; mask &= mask - 1) {
            int t = Long.numberOfTrailingZeros(mask);
            double x = l[lb + t * lT];
            exactTerm(c, cBase, n, x, r, rB + t * rTStep + (int) (Double.doubleToRawLongBits(x) >>> 63) * shift);
        }
    }

    /**
     * Rows of C processed together: their lists built together (unless {@link #listRows} holds every row's) and, for
     * a transposed C, gathered and scattered together. 32: the MNIST weight gradient's contraction alone 290 against
     * 296 us with 16 (longer runs of a transposed C per gather).
     */
    static final int ROW_CHUNK = 32;

    /** Columns [m0, m1) of c into rows of N at {@code to} (a transpose of a strip of C). */
    private static void gather(double[] c, int cOff, int cRow, int N, int m0, int m1, double[] work, int to) {
        Transpose.transpose(m1 - m0, N, c, cOff + m0, cRow, work, to, N);
    }

    /** The rows written by {@link #gather} back into columns [m0, m1) of c. */
    private static void scatter(double[] c, int cOff, int cRow, int N, int m0, int m1, double[] work, int from) {
        Transpose.transpose(N, m1 - m0, work, from, N, c, cOff + m0, cRow);
    }

    /** Where a list region of {@code regionRows} rows of {@code cap} entries keeps its rows' lengths: after the lists. */
    private static int countsAt(int listAt, int regionRows, int cap) {
        return listAt + 2 * regionRows * cap;
    }

    /**
     * Builds the term lists of rows [m0, m1) over t in [t0, t1): row i's list at {@code listAt + 2*i*cap}
     * (cap = (t1-t0)*K entries of (a, offset of R's row)), its length at {@link #countsAt} + i.
     * Returns whether some kept entry is infinite or NaN while R's zeros are skipped.
     */
    private static boolean lists(double[] l, int lOff, int lT, int lRow, int lCol, int t0, int t1, int K, int m0, int m1,
            int regionRows, boolean skipL, boolean skipR, int rB, int rTStep, int rStep, int negShift, double[] work, int listAt) {
        int cap = (t1 - t0) * K;
        int countAt = countsAt(listAt, regionRows, cap);
        int shift = skipR ? negShift : 0;
        boolean nonFinite = false;
        if (K == 1 && lRow == 1 && lT != 0 && skipL)
            listsByExample(l, lOff + m0, lT, t0, t1, m1 - m0, rB, rTStep, shift, work, listAt, cap, countAt);
        for (int i = 0; i < m1 - m0; i++) {
            int e0 = listAt + 2 * i * cap;
            int lb = lOff + (m0 + i) * lRow;
            int n = 0;
            if (K == 1 && lRow == 1 && lT != 0 && skipL)
                n = (int) work[countAt + i];
            else if (K == 1) // a sum over the tile only (a weight gradient): one scan along t
                n = scan(l, lb + t0 * lT, lT, t1 - t0, skipL, rB + t0 * rTStep, rTStep, shift, work, e0, 0);
            else
                for (int t = t0; t < t1; t++) n = scan(l, lb + t * lT, lCol, K, skipL, rB + t * rTStep, rStep, shift, work, e0, n);
            work[countAt + i] = n;
            if (skipR)
                for (int e = e0; e < e0 + 2 * n; e += 2) nonFinite |= !Double.isFinite(work[e]);
        }
        return nonFinite;
    }

    /**
     * The lists of a sum over the tile alone (K == 1, a weight gradient) for {@code rows} contiguous rows of L
     * (pixels): walks the tile example by example, the chunk's contiguous values eight at a time, and appends each
     * nonzero to its row's list, so every list stays in ascending t (the same lists as a scan down each column,
     * which reads one cache line per element and mispredicts a branch per zero). Counts go to {@code countAt}.
     */
    private static void listsByExample(double[] l, int lb, int lT, int t0, int t1, int rows, int rB, int rTStep,
            int shift, double[] work, int listAt, int cap, int countAt) {
        for (int i = 0; i < rows; i++) work[countAt + i] = 0;
        for (int t = t0; t < t1; t++) {
            int b = lb + t * lT, off = rB + t * rTStep;
            int i = 0;
            for (; i + 8 <= rows; i += 8) {
                if (anyNonzero8(l, b + i)) appendMask(l, b, i, nonzeroMask8(l, b + i), off, shift, work, listAt, cap, countAt);
            }
            append(l, b, i, rows, off, shift, work, listAt, cap, countAt);
        }
    }

    /** Whether any of {@code l[b .. b+8)} is not a zero of either sign (one OR of the bits, no branch per element). */
    static boolean anyNonzero8(double[] l, int b) {
        long any = Double.doubleToRawLongBits(l[b]) | Double.doubleToRawLongBits(l[b + 1])
                | Double.doubleToRawLongBits(l[b + 2]) | Double.doubleToRawLongBits(l[b + 3])
                | Double.doubleToRawLongBits(l[b + 4]) | Double.doubleToRawLongBits(l[b + 5])
                | Double.doubleToRawLongBits(l[b + 6]) | Double.doubleToRawLongBits(l[b + 7]);
        return any << 1 != 0;
    }

    /** {@link #append} for rows {@code from + (each bit of mask)}. */
    private static void appendMask(double[] l, int b, int from, long mask, int off, int shift, double[] work, int listAt,
            int cap, int countAt) {
        for (; mask != 0; mask &= mask - 1) {
            int i = from + Long.numberOfTrailingZeros(mask);
            double x = l[b + i];
            int n = (int) work[countAt + i];
            int e = listAt + 2 * (i * cap + n);
            work[e] = x;
            work[e + 1] = off + (int) (Double.doubleToRawLongBits(x) >>> 63) * shift;
            work[countAt + i] = n + 1;
        }
    }

    /** Appends the nonzero {@code l[b + i]}, i in [from, to), to row i's list (R's row at {@code off}, signed). */
    private static void append(double[] l, int b, int from, int to, int off, int shift, double[] work, int listAt,
            int cap, int countAt) {
        for (int i = from; i < to; i++) {
            double x = l[b + i];
            if (x == 0) continue;
            int n = (int) work[countAt + i];
            int e = listAt + 2 * (i * cap + n);
            work[e] = x;
            work[e + 1] = off + (int) (Double.doubleToRawLongBits(x) >>> 63) * shift;
            work[countAt + i] = n + 1;
        }
    }

    /**
     * Appends the terms {@code l[lb + p*stride]}, p in [0, len), to a list at {@code e0} holding n entries; R's row
     * of term p is at {@code offBase + p*offStep} (plus {@code shift} for a term with its sign bit set). A
     * contiguous run is tested eight at a time first: MNIST's background is zero in long runs (a 64x784 tile's
     * lists: 43 us, against 57 us one at a time).
     */
    private static int scan(double[] l, int lb, int stride, int len, boolean skipL, int offBase, int offStep, int shift,
            double[] work, int e0, int n) {
        int p = 0;
        if (skipL && stride == 1)
            for (; p + 8 <= len; p += 8) {
                int b = lb + p;
                if (anyNonzero8(l, b)) n = compact8(l, b, offBase + p * offStep, offStep, shift, work, e0, n);
            }
        return scanEach(l, lb, stride, p, len, skipL, offBase, offStep, shift, work, e0, n);
    }

    /**
     * Appends the nonzero ones of {@code l[b .. b+8)}, ascending, without a branch: each element is written at the
     * list's end and the end moves on by one only for a nonzero, so a zero's entry is overwritten by the next. The
     * writes stay inside the list's own region: n never exceeds the terms scanned so far, so {@code n + 8} is at
     * most the row's capacity. A loop over the nonzeros' bits mispredicts its exit once per block: the MNIST
     * training step on real digits (vector flavour, fastest of 10 iterations, two runs) took 851 and 848 us with
     * this against 879 and 868 us with that loop.
     */
    private static int compact8(double[] l, int b, int offBase, int offStep, int shift, double[] work, int e0, int n) {
        for (int i = 0; i < 8; i++) {
            double x = l[b + i];
            long bits = Double.doubleToRawLongBits(x);
            int e = e0 + 2 * n;
            work[e] = x;
            work[e + 1] = offBase + i * offStep + (int) (bits >>> 63) * shift;
            n += (int) nonzero(bits);
        }
        return n;
    }

    /** Bit i set iff {@code l[b + i]} is not a zero of either sign, i in [0, 8): no branch. */
    static long nonzeroMask8(double[] l, int b) {
        long mask = 0;
        for (int i = 0; i < 8; i++) mask |= nonzero(Double.doubleToRawLongBits(l[b + i])) << i;
        return mask;
    }

    /**
     * The first run of eight terms of a row of L, from term {@code from} (a multiple of 8) on, with a term that is
     * not a zero of either sign: {@code (start << 8) | mask}, bit i of the mask set iff term start + i is nonzero
     * (the last run may be shorter than eight); -1 when no term from {@code from} to K is. An all-zero run costs
     * one OR of its bits.
     */
    static long nextNonzeros(double[] l, int lb, int from, int K) {
        int p0 = from;
        for (; p0 + 8 <= K; p0 += 8)
            if (anyNonzero8(l, lb + p0)) return (long) p0 << 8 | nonzeroMask8(l, lb + p0);
        long mask = 0;
        for (int i = 0; p0 + i < K; i++) mask |= nonzero(Double.doubleToRawLongBits(l[lb + p0 + i])) << i;
        return mask == 0 ? -1 : (long) p0 << 8 | mask;
    }

    /**
     * {@link #scan} one term at a time, from {@code from} to {@code to}. A branch per zero test: on MNIST-like
     * inputs it measured faster than a branch-free compaction (57 against 122 us for a 64x784 tile's lists).
     */
    private static int scanEach(double[] l, int lb, int stride, int from, int to, boolean skipL, int offBase, int offStep,
            int shift, double[] work, int e0, int n) {
        for (int p = from; p < to; p++) {
            double x = l[lb + p * stride];
            if (x == 0 && skipL) continue;
            int e = e0 + 2 * n;
            work[e] = x;
            work[e + 1] = offBase + p * offStep + (int) (Double.doubleToRawLongBits(x) >>> 63) * shift;
            n++;
        }
        return n;
    }

    /**
     * Copies R_t[K,N] into rows of N at {@code to}. With skipZeros, twice: at {@code to} with zeros as -0.0 (for
     * list entries with sign bit 0: a * -0.0 == -0.0) and at {@code to + negShift} with zeros as +0.0 (for
     * sign bit 1), so a skipped term adds exactly -0.0.
     */
    private static void packR(double[] r, int base, int rRow, int rCol, int K, int N, boolean skipZeros,
            double[] work, int to, int negShift) {
        for (int p = 0; p < K; p++) {
            int src = base + p * rRow;
            int dst = to + p * N;
            if (skipZeros) {
                for (int n = 0; n < N; n++) {
                    // bit arithmetic, not a branch (relu zeros are unpredictable): the sign bit set iff x is 0
                    long bits = Double.doubleToRawLongBits(r[src + n * rCol]);
                    long zeroSign = zeroSign(bits);
                    work[dst + n] = Double.longBitsToDouble(bits | zeroSign);
                    work[dst + negShift + n] = Double.longBitsToDouble(bits & ~zeroSign);
                }
            } else {
                for (int n = 0; n < N; n++) work[dst + n] = r[src + n * rCol];
            }
        }
    }

    /**
     * One C row. {@code exact}: some list entry is infinite or NaN while R's zeros are skipped (inf * -0.0 is
     * NaN, so the signed packing does not skip them); then each term is tested, which is rare and slow.
     */
    private static void row(RowKernel rows, double[] c, int cBase, int n, double[] list, int listOff, int count,
            double[] r, RowStore rRows, boolean exact) {
        if (count == 0) return;
        if (!exact) {
            if (rRows != null) rows.rows(c, cBase, n, list, listOff, count, rRows.rows, rRows.acc);
            else rows.rows(c, cBase, n, list, listOff, count, r);
            return;
        }
        for (int e = listOff; e < listOff + 2 * count; e += 2) {
            int off = (int) list[e + 1];
            if (rRows != null) exactTerm(c, cBase, n, list[e], rRows.rows[off], 0);
            else exactTerm(c, cBase, n, list[e], r, off);
        }
    }

    /**
     * One term x of a C row on the exact path: {@code c[cBase + j] += x * r[at + j]} for each j whose R element is not
     * a zero (R's zeros skipped exactly, so that an infinite or NaN x never meets them).
     */
    private static void exactTerm(double[] c, int cBase, int n, double x, double[] r, int at) {
        for (int j = 0; j < n; j++) {
            double y = r[at + j];
            if (y != 0) c[cBase + j] = c[cBase + j] + x * y;
        }
    }

    /**
     * This thread's row arrays for R and its accumulator row for C, for kernels that take R as row arrays: grown
     * to the largest contraction seen, never shrunk, so the hot path allocates nothing once warm.
     */
    static final class RowStore {
        private static final ThreadLocal<RowStore> MINE = ThreadLocal.withInitial(RowStore::new);

        double[][] rows = new double[0][];
        double[] acc = new double[0];
        long[] masks = new long[0];

        /** This thread's mask array of at least {@code m} (grown, never shrunk). */
        static long[] masks(int m) {
            RowStore s = MINE.get();
            if (s.masks.length < m) s.masks = new long[m];
            return s.masks;
        }

        /**
         * This thread's store with at least {@code count} rows of at least {@code n}, and an accumulator of n. Each
         * row grows only to the widest contraction that used it, so the store holds at most the sum of the
         * contractions' own sizes: growing every row to the widest one seen made a model with a 10^5-wide output
         * layer ask for 10^5 rows of 10^5 (found by the pipeline fuzzer: out of memory in a 6 GB heap).
         */
        static RowStore of(int count, int n) {
            RowStore s = MINE.get();
            if (s.acc.length < n) s.acc = new double[n];
            if (s.rows.length < count) s.rows = java.util.Arrays.copyOf(s.rows, count);
            for (int i = 0; i < count; i++)
                if (s.rows[i] == null || s.rows[i].length < n) s.rows[i] = new double[n];
            return s;
        }

        /** Doubles held by this thread's row arrays (for tests). */
        static long heldDoubles() {
            long sum = 0;
            for (double[] row : MINE.get().rows) sum += row == null ? 0 : row.length;
            return sum;
        }
    }

    /** The sign bit when {@code bits} is a zero of either sign, else 0 (bit arithmetic: relu zeros are unpredictable). */
    private static long zeroSign(long bits) {
        return (nonzero(bits) ^ 1) << 63;
    }

    /** 1 when {@code bits} is not a zero of either sign (NaN included), else 0: the one zero test every list and packing uses. */
    static long nonzero(long bits) {
        long magnitude = bits << 1;
        return (magnitude | -magnitude) >>> 63;
    }

    /** {@link #packR} into row arrays: row {@code to + p}, and with skipZeros the +0.0 variant at {@code to + negShift + p}. */
    private static void packRows(double[] r, int base, int rRow, int rCol, int K, int N, boolean skipZeros,
            double[][] rows, int to, int negShift) {
        for (int p = 0; p < K; p++) {
            int src = base + p * rRow;
            double[] dst = rows[to + p];
            if (skipZeros) {
                double[] neg = rows[to + negShift + p];
                for (int n = 0; n < N; n++) {
                    long bits = Double.doubleToRawLongBits(r[src + n * rCol]);
                    long zeroSign = zeroSign(bits);
                    dst[n] = Double.longBitsToDouble(bits | zeroSign);
                    neg[n] = Double.longBitsToDouble(bits & ~zeroSign);
                }
            } else if (rCol == 1) {
                System.arraycopy(r, src, dst, 0, N);
            } else {
                for (int n = 0; n < N; n++) dst[n] = r[src + n * rCol];
            }
        }
    }

    private static void checkSizes(int T, int M, int K, int N) {
        if (T < 0 || M < 0 || K < 0 || N < 0)
            throw new IllegalArgumentException("negative contraction size " + T + "x" + M + "x" + K + "x" + N);
    }
}
