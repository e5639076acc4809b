package mgc.compiler.codegen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.Op;
import mgc.compiler.ir.Output;
import mgc.compiler.ir.OutputKind;

/**
 * The linear order in which one {@link MethodGroup}'s cone of the joint IR is evaluated, split into
 * chunk methods under a byte budget.
 *
 * <p>Every node of the cone gets a role. Leaves (constants, parameter/input/target elements) are
 * re-read wherever they are used and never occupy a local. A non-root node with exactly one use is
 * {@code INLINE}: it is evaluated on the operand stack inside its user's expression tree (trees are
 * bounded by {@link CodegenOptions#maxTreeNodes()}). Every other node is a {@code VALUE}: one
 * statement computes it into a JVM local. Statements keep index order (a topological order in which
 * the forward values precede the adjoints). Chunks are cut greedily where the estimated method size
 * (statements + loads of values defined in earlier chunks + stores of values still needed later)
 * would exceed the budget. Values live across a cut go through the caller-owned scratch array:
 * stored once right after their definition, loaded once into a local in each later chunk that uses
 * them more than once. Scratch element 0 holds the group's loss or penalty. In gradient groups a
 * {@link ZeroRegion}'s statements go last, in chunks of their own that the driver skips when the
 * region's guard (stored in scratch element 1) is zero.
 */
public final class Schedule {
    static final byte NONE = 0, LEAF = 1, INLINE = 2, VALUE = 3;

    /** JVM slots of the chunk methods' parameters: params, inputs, inOff, targets, tOff, out, outOff, scratch. */
    static final int PARAMS = 0, INPUTS = 1, IN_OFF = 2, TARGETS = 3, T_OFF = 4, OUT = 5, OUT_OFF = 6, SCRATCH = 7,
            FIRST_LOCAL = 8;

    final Graph graph;
    final MethodGroup group;
    final byte[] role;
    /** Statement nodes in evaluation order; a statement defines its node. */
    final int[] stmts;
    /** For statement s, the VALUE operands its tree reads are {@code uses[useStart[s] .. useStart[s+1])}. */
    final int[] useStart, uses;
    /** For statement s, the outputs it feeds are {@code sinks[sinkStart[s] .. sinkStart[s+1])}. */
    final int[] sinkStart;
    final Output[] sinks;
    /** Chunk c holds statements {@code [chunkStart[c], chunkStart[c+1])}. */
    final int[] chunkStart;
    /** Per statement: the local (in units of one double; JVM slot FIRST_LOCAL + 2 * local) holding its value. */
    final int[] stmtLocal;
    /** Per node: its scratch element when it is live across a chunk boundary, else -1. */
    final int[] scratchSlot;
    /** Per chunk c: values defined earlier and read here, {@code liveIn[liveInStart[c] .. liveInStart[c+1])}. */
    final int[] liveInStart, liveIn, liveInLocal, liveInAt;
    /** Per chunk: number of double locals used. */
    final int[] chunkLocals;
    final int scratchSize;
    /** The zero-region guard (its value goes to scratch element 1), or -1. */
    final int guard;
    /** The first chunk of the region skipped when the guard is zero (chunkCount() when there is none). */
    final int regionChunk;
    /**
     * Per statement: the end (exclusive) of the guarded run it starts, else -1. A guarded run is a
     * stretch of statements in one chunk that only add to gradients, each adding exactly ±0 when the
     * same value, {@link #runGuard}, is zero: a relu unit that is off zeroes its row of a weight
     * gradient. The chunk tests the guard once and skips the run, as the hand-written loop skips the row.
     */
    final int[] runEnd;
    /** Per statement starting a guarded run: the guard's node, else -1. */
    final int[] runGuard;

    /** Shortest run worth a test and a branch. */
    static final int MIN_RUN = 4;

    private Schedule(Graph graph, MethodGroup group, byte[] role, int[] stmts, int[] useStart, int[] uses, int[] sinkStart,
                     Output[] sinks, int[] chunkStart, int[] stmtLocal, int[] scratchSlot, int[] liveInStart, int[] liveIn,
                     int[] liveInLocal, int[] liveInAt, int[] chunkLocals, int scratchSize, int guard, int regionChunk,
                     boolean guardRuns) {
        this.graph = graph;
        this.group = group;
        this.role = role;
        this.stmts = stmts;
        this.useStart = useStart;
        this.uses = uses;
        this.sinkStart = sinkStart;
        this.sinks = sinks;
        this.chunkStart = chunkStart;
        this.stmtLocal = stmtLocal;
        this.scratchSlot = scratchSlot;
        this.liveInStart = liveInStart;
        this.liveIn = liveIn;
        this.liveInLocal = liveInLocal;
        this.liveInAt = liveInAt;
        this.chunkLocals = chunkLocals;
        this.scratchSize = scratchSize;
        this.guard = guard;
        this.regionChunk = regionChunk;
        this.runEnd = new int[stmts.length];
        this.runGuard = new int[stmts.length];
        Arrays.fill(runEnd, -1);
        Arrays.fill(runGuard, -1);
        if (guardRuns) findGuardedRuns();
    }

    /** Marks the guarded runs (exact, like {@link ZeroRegion}, for finite parameters, inputs and targets). */
    private void findGuardedRuns() {
        boolean[] read = new boolean[graph.size()];
        for (int u : uses) read[u] = true;
        // a run never reaches past a statement that first loads a live-in into a local: that load must happen
        boolean[] loads = new boolean[stmts.length];
        for (int i = 0; i < liveIn.length; i++) if (liveInLocal[i] >= 0) loads[liveInAt[i]] = true;
        for (int c = 0; c < chunkCount(); c++) {
            for (int st = chunkStart[c]; st < chunkStart[c + 1]; ) {
                int z = zeroGuard(st, read), end = st + 1;
                if (z >= 0) while (end < chunkStart[c + 1] && !loads[end] && zeroGuard(end, read) == z) end++;
                if (z >= 0 && end - st >= MIN_RUN) {
                    runEnd[st] = end;
                    runGuard[st] = z;
                }
                st = end;
            }
        }
    }

    /**
     * The value whose zero makes statement {@code st} add exactly ±0 to the gradient and do nothing else
     * ({@link ZeroRegion#zeroWhen}: a strong-zero product with it, its product with a finite leaf...), or -1.
     * Adding ±0 leaves an accumulator as it is, unless it holds -0.0 (see {@link ZeroRegion}).
     */
    private int zeroGuard(int st, boolean[] read) {
        int n = stmts[st];
        if (read[n] || scratchSlot[n] > 0 || n == guard || sinkStart[st] == sinkStart[st + 1]) return -1;
        for (int k = sinkStart[st]; k < sinkStart[st + 1]; k++) {
            OutputKind kind = sinks[k].kind();
            if (kind != OutputKind.GRAD && kind != OutputKind.GRAD_PENALTY) return -1;
        }
        if (role[n] != VALUE) return -1;
        Op op = graph.op(n);
        for (int i = 0; i < op.arity(); i++) {
            int z = graph.arg(n, i);
            if (role[z] == VALUE && ZeroRegion.zeroWhen(graph, n, x -> x == z)) return z;
        }
        return -1;
    }

    public Graph graph() { return graph; }
    public MethodGroup group() { return group; }
    public int chunkCount() { return chunkStart.length - 1; }
    public int statementCount() { return stmts.length; }
    /** Number of statements skipped when the zero-region guard is zero. */
    public int regionStatements() {
        return regionChunk == chunkCount() ? 0 : stmts.length - chunkStart[regionChunk];
    }

    /** Scratch elements this group needs (element 0, the scalar result, included). */
    public int scratchSize() { return scratchSize; }

    /** Number of VALUE nodes stored to scratch because a later chunk reads them. */
    public int crossingValues() {
        int n = 0;
        for (int s : scratchSlot) if (s > 0) n++;
        return n;
    }

    // ---- construction --------------------------------------------------------------------------------

    /**
     * Schedules {@code group}'s cone of {@code g}; chunks are cut where the estimated size exceeds
     * {@code targetBytes} (the code generator lowers it and retries if a method still comes out too big).
     */
    public static Schedule build(Graph g, MethodGroup group, CodegenOptions options, int targetBytes) {
        Builder b = new Builder(g, group);
        b.markCone();
        if (options.skipZeroRegions()) b.findZeroRegion();
        b.assignRoles(options.maxTreeNodes());
        b.orderStatements(options.interleave());
        b.collectUsesAndSinks();
        b.cut(targetBytes);
        b.allocateScratch();
        b.allocateLocals();
        return new Schedule(g, group, b.role, b.stmts, b.useStart, b.uses, b.sinkStart, b.sinks, b.chunkStart,
                b.stmtLocal, b.scratchSlot, b.liveInStart, b.liveIn.toArray(), b.liveInLocal.toArray(), b.liveInAt.toArray(),
                b.chunkLocals, b.scratchSize, b.region != null ? b.region.guard : -1, b.regionChunk, options.skipZeroRegions());
    }

    /** The steps of {@link #build}, in order, over shared per-node and per-statement arrays. */
    private static final class Builder {
        final Graph g;
        final MethodGroup group;
        final int size;
        final List<Output> roots;
        final boolean[] isRoot, inCone;
        final int[] useCount;
        ZeroRegion region;
        byte[] role;
        int statementCount, regionStart;
        int[] stmts, stmtOf, useStart, uses, sinkStart, cost, lastUse;
        Output[] sinks;
        int[] chunkStart, chunkOfStmt;
        int chunks, regionChunk;
        int[] scratchSlot;
        int scratchSize;
        int[] stmtLocal, liveInStart, chunkLocals;
        final IntList liveIn = new IntList(), liveInLocal = new IntList(), liveInAt = new IntList();

        Builder(Graph g, MethodGroup group) {
            this.g = g;
            this.group = group;
            this.size = g.size();
            this.roots = group.roots(g);
            this.isRoot = new boolean[size];
            this.inCone = new boolean[size];
            this.useCount = new int[size];
        }

        /** The nodes the group's outputs depend on, and how often each is read inside the cone. */
        void markCone() {
            for (Output o : roots) {
                if (isNoOpSink(g, o)) continue;
                isRoot[o.node()] = true;
                inCone[o.node()] = true;
            }
            for (int n = size - 1; n >= 0; n--) {
                if (!inCone[n]) continue;
                Op op = g.op(n);
                if (op == Op.TANGENT) throw new UnsupportedOperationException("tangent leaves are not supported by " + group);
                for (int i = 0; i < op.arity(); i++) {
                    int x = g.arg(n, i);
                    inCone[x] = true;
                    useCount[x]++;
                }
            }
        }

        void findZeroRegion() {
            if (group.scalar() == null || roots.size() <= 1) return;
            Output scalar = g.output(group.scalar());
            region = ZeroRegion.find(g, inCone, scalar == null ? new int[0] : new int[]{scalar.node()});
            if (region != null) isRoot[region.guard] = true; // stored, so the driver can test it
        }

        /** Bounded single-use trees go inline; everything else with operands is a VALUE. */
        void assignRoles(int maxTreeNodes) {
            role = new byte[size];
            int[] treeNodes = new int[size];
            for (int n = 0; n < size; n++) {
                if (!inCone[n]) continue;
                Op op = g.op(n);
                if (op.isLeaf()) {
                    role[n] = LEAF;
                    if (isRoot[n]) statementCount++;
                    continue;
                }
                int t = 1;
                for (int i = 0; i < op.arity(); i++) {
                    int x = g.arg(n, i);
                    if (role[x] == INLINE) t += treeNodes[x];
                }
                treeNodes[n] = t;
                if (!isRoot[n] && useCount[n] == 1 && t <= maxTreeNodes) {
                    role[n] = INLINE;
                } else {
                    role[n] = VALUE;
                    statementCount++;
                }
            }
        }

        /**
         * Index order, except that a zero region's statements come last (nothing outside reads them), and
         * that within windows of {@code window} statements they are sorted by dependency depth, so that
         * independent chains interleave (still a topological order: an operand is shallower than its user).
         */
        void orderStatements(int window) {
            stmts = new int[statementCount];
            stmtOf = new int[size];
            Arrays.fill(stmtOf, -1);
            int k = 0;
            for (int pass = 0; pass < 2; pass++) {
                for (int n = 0; n < size; n++) {
                    boolean skipped = region != null && region.skip[n];
                    if ((role[n] == VALUE || (role[n] == LEAF && isRoot[n])) && skipped == (pass == 1)) {
                        stmtOf[n] = k;
                        stmts[k++] = n;
                    }
                }
                if (pass == 0) regionStart = k;
            }
            if (window > 1) {
                int[] depth = depths();
                interleave(0, regionStart, window, depth);
                interleave(regionStart, statementCount, window, depth);
                for (int s = 0; s < statementCount; s++) stmtOf[stmts[s]] = s;
            }
        }

        /** Per node: 1 + the deepest statement its tree reads (for INLINE nodes, without the 1). */
        private int[] depths() {
            int[] depth = new int[size];
            for (int n = 0; n < size; n++) {
                if (role[n] != VALUE && role[n] != INLINE) continue;
                Op op = g.op(n);
                int d = 0;
                for (int i = 0; i < op.arity(); i++) d = Math.max(d, depth[g.arg(n, i)]);
                depth[n] = role[n] == VALUE ? d + 1 : d;
            }
            return depth;
        }

        private void interleave(int from, int to, int window, int[] depth) {
            Integer[] order = new Integer[Math.min(window, Math.max(0, to - from))];
            for (int w = from; w < to; w += window) {
                int end = Math.min(to, w + window);
                for (int s = w; s < end; s++) order[s - w] = stmts[s];
                java.util.Arrays.sort(order, 0, end - w, (x, y) -> depth[x] != depth[y] ? depth[x] - depth[y] : x - y);
                for (int s = w; s < end; s++) stmts[s] = order[s - w];
            }
        }

        /** Per statement: the VALUEs its tree reads, the outputs it feeds and its estimated bytes. */
        void collectUsesAndSinks() {
            useStart = new int[statementCount + 1];
            IntList useList = new IntList();
            cost = new int[statementCount];
            for (int s = 0; s < statementCount; s++) {
                useStart[s] = useList.size;
                int n = stmts[s];
                cost[s] = role[n] == LEAF ? leafCost(g, n) : treeCost(g, role, n, useList, true);
            }
            useStart[statementCount] = useList.size;
            uses = useList.toArray();

            sinkStart = new int[statementCount + 1];
            List<List<Output>> byStmt = new ArrayList<>(statementCount);
            for (int s = 0; s < statementCount; s++) byStmt.add(null);
            for (Output o : roots) {
                int s = stmtOf[o.node()];
                if (s < 0) continue;
                if (isNoOpSink(g, o)) continue;
                if (byStmt.get(s) == null) byStmt.set(s, new ArrayList<>(1));
                byStmt.get(s).add(o);
            }
            List<Output> sinkList = new ArrayList<>();
            for (int s = 0; s < statementCount; s++) {
                sinkStart[s] = sinkList.size();
                if (byStmt.get(s) != null) {
                    for (Output o : byStmt.get(s)) {
                        sinkList.add(o);
                        cost[s] += sinkCost(o);
                    }
                }
                cost[s] += LOCAL_OP; // the store into its local
            }
            sinkStart[statementCount] = sinkList.size();
            sinks = sinkList.toArray(new Output[0]);
            if (region != null) cost[stmtOf[region.guard]] += GUARD_STORE;

            lastUse = new int[size];
            Arrays.fill(lastUse, -1);
            for (int s = 0; s < statementCount; s++) {
                for (int u = useStart[s]; u < useStart[s + 1]; u++) lastUse[uses[u]] = s;
            }
        }

        void cut(int targetBytes) {
            chunkStart = partition(stmts, useStart, uses, cost, lastUse, stmtOf, targetBytes, region != null ? regionStart : -1);
            chunks = chunkStart.length - 1;
            regionChunk = chunks;
            if (region != null && regionStart < statementCount) {
                for (int c = 0; c < chunks; c++) if (chunkStart[c] == regionStart) regionChunk = c;
            }
            chunkOfStmt = new int[statementCount];
            for (int c = 0; c < chunks; c++) Arrays.fill(chunkOfStmt, chunkStart[c], chunkStart[c + 1], c);
        }

        /** A crossing value occupies its scratch element from its defining chunk to its last reading chunk. */
        void allocateScratch() {
            scratchSlot = new int[size];
            Arrays.fill(scratchSlot, -1);
            scratchSize = region != null ? 2 : 1;
            java.util.BitSet freeScratch = new java.util.BitSet();
            List<IntList> releaseAt = new ArrayList<>();
            for (int c = 0; c <= chunks; c++) releaseAt.add(new IntList());
            for (int c = 0; c < chunks; c++) {
                IntList rel = releaseAt.get(c);
                for (int i = 0; i < rel.size; i++) freeScratch.set(rel.data[i]);
                for (int s = chunkStart[c]; s < chunkStart[c + 1]; s++) {
                    int n = stmts[s];
                    if (lastUse[n] < 0 || chunkOfStmt[lastUse[n]] == c) continue;
                    int slot = freeScratch.nextSetBit(1);
                    if (slot < 0) {
                        slot = scratchSize++;
                    } else {
                        freeScratch.clear(slot);
                    }
                    scratchSlot[n] = slot;
                    releaseAt.get(chunkOfStmt[lastUse[n]] + 1).add(slot);
                }
            }
        }

        /**
         * Locals, chunk by chunk: a value read from an earlier chunk more than once is loaded into a local
         * at its first reader; every local is released after its last reader in the chunk.
         */
        void allocateLocals() {
            stmtLocal = new int[statementCount];
            liveInStart = new int[chunks + 1];
            chunkLocals = new int[chunks];
            int[] firstInChunk = new int[size], lastInChunk = new int[size], countInChunk = new int[size];
            int[] localOf = new int[size];
            Arrays.fill(localOf, -1);
            int[] readInChunk = new int[size];
            Arrays.fill(readInChunk, -1);
            for (int c = 0; c < chunks; c++) {
                int from = chunkStart[c], to = chunkStart[c + 1];
                for (int s = from; s < to; s++) {
                    for (int u = useStart[s]; u < useStart[s + 1]; u++) {
                        firstInChunk[uses[u]] = -1;
                        countInChunk[uses[u]] = 0;
                    }
                }
                for (int s = from; s < to; s++) {
                    for (int u = useStart[s]; u < useStart[s + 1]; u++) {
                        int x = uses[u];
                        if (firstInChunk[x] < 0) firstInChunk[x] = s;
                        readInChunk[x] = c;
                        lastInChunk[x] = s;
                        countInChunk[x]++;
                    }
                }
                liveInStart[c] = liveIn.size;
                IntList[] preloadAt = new IntList[to - from];
                for (int s = from; s < to; s++) {
                    for (int u = useStart[s]; u < useStart[s + 1]; u++) {
                        int x = uses[u];
                        if (chunkOfStmt[stmtOf[x]] == c || firstInChunk[x] != s || countInChunk[x] < 0) continue;
                        boolean many = countInChunk[x] > 1;
                        countInChunk[x] = -countInChunk[x]; // recorded
                        liveIn.add(x);
                        liveInAt.add(s);
                        liveInLocal.add(-1);
                        if (many) {
                            if (preloadAt[s - from] == null) preloadAt[s - from] = new IntList();
                            preloadAt[s - from].add(liveIn.size - 1);
                        }
                    }
                }
                liveInStart[c + 1] = liveIn.size;
                SlotAllocator slots = new SlotAllocator();
                for (int s = from; s < to; s++) {
                    IntList pre = preloadAt[s - from];
                    for (int i = 0; pre != null && i < pre.size; i++) {
                        int local = slots.allocate();
                        liveInLocal.data[pre.data[i]] = local;
                        localOf[liveIn.data[pre.data[i]]] = local;
                    }
                    for (int u = useStart[s]; u < useStart[s + 1]; u++) {
                        int x = uses[u];
                        if (lastInChunk[x] == s && localOf[x] >= 0) {
                            slots.release(localOf[x]);
                            localOf[x] = -1; // released once even when the tree reads x twice
                        }
                    }
                    int n = stmts[s];
                    int local = slots.allocate();
                    stmtLocal[s] = local;
                    localOf[n] = local;
                    if (readInChunk[n] != c) { // no later statement of this chunk reads it
                        slots.release(local);
                        localOf[n] = -1;
                    }
                }
                chunkLocals[c] = slots.peak();
            }
        }
    }

    /**
     * Greedy cut: a chunk's estimated size is the sum of its statements, a load per value it reads from
     * an earlier chunk, and a store per value of its own still needed after its end.
     */
    private static int[] partition(int[] stmts, int[] useStart, int[] uses, int[] cost, int[] lastUse, int[] stmtOf,
                                   int targetBytes, int forcedCut) {
        IntList starts = new IntList();
        starts.add(0);
        int n = stmts.length;
        int[] seen = new int[lastUse.length];
        Arrays.fill(seen, -1);
        int chunk = 0, from = 0;
        int body = CHUNK_OVERHEAD, open = 0;
        for (int s = 0; s < n; s++) {
            int add = cost[s], liveIns = 0, closing = 0;
            for (int u = useStart[s]; u < useStart[s + 1]; u++) {
                int x = uses[u];
                if (stmtOf[x] < from) {
                    if (seen[x] != chunk) {
                        liveIns++;
                        seen[x] = chunk;
                    }
                } else if (lastUse[x] == s && seen[x] != -2 - chunk) {
                    closing++;
                    seen[x] = -2 - chunk;
                }
            }
            int opens = lastUse[stmts[s]] > s ? 1 : 0;
            int estimate = body + add + liveIns * LIVE_IN + (open + opens - closing) * LIVE_OUT;
            if (s > from && (estimate > targetBytes || s == forcedCut)) {
                // close the chunk before s and start again with s alone
                starts.add(s);
                chunk++;
                from = s;
                body = CHUNK_OVERHEAD;
                open = 0;
                s--;
                continue;
            }
            body += add + liveIns * LIVE_IN;
            open += opens - closing;
        }
        if (n > 0) starts.add(n);
        return starts.toArray();
    }

    // ---- byte estimates (the generator checks the real sizes) --------------------------------------

    static final int LOCAL_OP = 3, CHUNK_OVERHEAD = 8, LIVE_IN = 10, LIVE_OUT = 9, GUARD_STORE = 6;

    private static boolean isZeroConstant(Graph g, int n) {
        return g.op(n) == Op.CONST && g.payload(n) == 0.0;
    }

    /** A gradient output that is the constant zero: adding it to the accumulator is a no-op, so no code stores it. */
    static boolean isNoOpSink(Graph g, Output o) {
        return (o.kind() == OutputKind.GRAD || o.kind() == OutputKind.GRAD_PENALTY) && isZeroConstant(g, o.node());
    }

    static int intCost(int v) {
        if (v >= -1 && v <= 5) return 1;
        if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) return 2;
        if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) return 3;
        return 7;
    }

    static int leafCost(Graph g, int n) {
        return switch (g.op(n)) {
            case CONST -> 7;
            case PARAM -> 2 + intCost(g.leafIndex(n));
            default -> 4 + intCost(g.leafIndex(n));
        };
    }

    private static int treeCost(Graph g, byte[] role, int n, IntList useList, boolean top) {
        if (!top && role[n] == LEAF) return leafCost(g, n);
        if (!top && role[n] == VALUE) {
            useList.add(n);
            return LOCAL_OP;
        }
        Op op = g.op(n);
        int c = OpSizes.size(op);
        for (int i = 0; i < op.arity(); i++) c += treeCost(g, role, g.arg(n, i), useList, false);
        return c;
    }

    private static int sinkCost(Output o) {
        return switch (o.kind()) {
            case OUTPUT -> 6 + LOCAL_OP + intCost(o.element());
            case LOSS, PENALTY -> 3 + LOCAL_OP;
            default -> 5 + LOCAL_OP + intCost(o.element());
        };
    }

    /** A growable int array. */
    static final class IntList {
        int[] data = new int[16];
        int size;

        void add(int v) {
            if (size == data.length) data = Arrays.copyOf(data, size * 2);
            data[size++] = v;
        }

        int[] toArray() { return Arrays.copyOf(data, size); }
    }
}
