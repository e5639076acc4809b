package mgc.compiler.codegen;

import java.util.ArrayList;
import java.util.List;
import mgc.compiler.Partitioner;
import mgc.compiler.front.Shape;
import mgc.compiler.ir.OutputKind;
import mgc.compiler.tensor.Prim;
import mgc.compiler.tensor.TGraph;
import mgc.compiler.tensor.TGroups;
import mgc.compiler.tensor.TNode;
import mgc.compiler.tensor.TOutput;
import mgc.runtime.ModelSignature;
import mgc.runtime.TensorSpec;
import mgc.runtime.kernel.Kernels;

/**
 * How one entry point of a model runs as loop kernels over a tile of examples: every live tensor node
 * gets a place (a view of an array, or a scratch buffer of one element block per example of the tile)
 * and a step that fills it. Nodes that depend on no input or target are "uniform": computed once per
 * call, before the tiles. Views (reshape, slice, broadcast, transpose) cost nothing; elementwise
 * chains are fused into one loop; contractions go to {@link Kernels#contract}, and a weight gradient
 * that is an outer product accumulates straight into the caller's gradient across the tile.
 */
final class LoopPlan {

    /** The arrays a step reads or writes; the order is their local slots in the generated step methods. */
    enum Arr { PARAMS, INPUTS, TARGETS, SCRATCH, EXTRA }

    /**
     * Element {@code (t, i)} of a view is {@code arr[off + rowBase + t*strideT + i*elem]} for a flat view;
     * a matrix element {@code (r, c)} is at {@code off + rowBase + t*strideT + r*rs + c*cs}.
     * {@code rowBase} is the tile's first example times {@code strideT} for the caller's input, target
     * and output arrays, 0 for scratch and parameters.
     */
    record View(Arr arr, int off, int strideT, int elem, int rs, int cs, boolean flat) {
        View at(int delta) { return new View(arr, off + delta * elem, strideT, elem, rs, cs, flat); }
    }

    sealed interface Step permits Fill, MapLoop, Contract, PerExampleContract, ZeroSigns, Reduce, Winner, Copy, Copy2, Pad,
            SumInto, SumLoss {
        boolean uniform();
    }

    record Fill(boolean uniform, View out, int size, double value) implements Step {}

    /** One fused elementwise loop: {@code root} and the single-use maps inlined into it. */
    record MapLoop(boolean uniform, int root, View out, int size, MapTree tree) implements Step {}

    /**
     * {@code A[m,p] = a + m*aRow + p*aCol}, {@code B[p,n] = b + p*bRow + n*bCol}, C contiguous rows of n.
     * skipA: A's zeros are skipped; checkA: they are skipped in a tile only when every element of B is
     * finite there (checked per tile), so that skipping never hides a NaN that 0 * inf would make.
     */
    record Contract(boolean uniform, int m, int k, int n, View a, int aRow, int aCol, View b, int bRow, int bCol,
                    View c, boolean skipA, boolean skipB, boolean checkA, boolean checkB) implements Step {
        boolean skips() { return skipA || skipB || checkA || checkB; }
    }

    /**
     * A contraction too small or too narrow for a kernel call to pay ({@link Partitioner#perExample}): emitted as code
     * run once per example (straight-line, or a loop over K for one long row), each element of C taking its K
     * products in ascending order, the tensor interpreter's
     * products exactly ({@code zero}: 0 plain, 1 A's zeros strong, 2 B's), nothing skipped. {@code c}'s skip flags
     * are not used.
     */
    record PerExampleContract(boolean uniform, Contract c, int zero) implements Step {}

    /**
     * After a contraction that skipped zero terms: every element of C that is a zero is summed again with all
     * its terms ({@code -0.0} plus each product, {@code zero} the interpreter's strong-zero operand), so its sign
     * is the interpreter's (a skipped {@code +0.0} term turns a {@code -0.0} sum into {@code +0.0}, and 1/x or
     * log x of it would differ). Zeros are rare; other elements are exact already.
     */
    record ZeroSigns(boolean uniform, Contract c, int zero) implements Step {}

    record Reduce(boolean uniform, int op, View x, View out, int size) implements Step {}

    record Winner(boolean uniform, int op, View x, View out, int size) implements Step {}

    record Copy(boolean uniform, View x, View out, int size) implements Step {}

    record Copy2(boolean uniform, View x, View out, int rows, int cols) implements Step {}

    record Pad(boolean uniform, View x, View out, int len, int at, int size) implements Step {}

    /** {@code grad[at + i] += x[t][i]}, examples in order. */
    record SumInto(boolean uniform, View x, int at, int size) implements Step {}

    /** The running loss (or penalty) plus {@code x[t]}, examples in order. */
    record SumLoss(boolean uniform, View x) implements Step {}

    /** An elementwise expression: a leaf reads a view, an inner node applies its map's op. */
    record MapTree(int node, View leaf, List<MapTree> operands) {}

    final List<Step> steps = new ArrayList<>();
    int scratchSize;
    int workspaceOffset = -1;
    int workspaceSize;
    final int tile;

    private final TGraph g;
    private final ModelSignature sig;
    private final View[] views;
    private final boolean[] uniform;
    private final int[] uses;
    private final boolean[] live;
    private final boolean[] fused;
    /** The forward entry point has no targets array. */
    private final boolean targetsAbsent;
    /** Whether small contractions become per-example code ({@code --kernels auto}) rather than kernel calls. */
    private final boolean perOp;

    /**
     * @param roots the outputs this entry point produces (model outputs, loss and gradients, penalty ...)
     * @param tile  examples per tile (1 for the penalty, which depends on the parameters alone)
     * @param perOp whether {@link Partitioner#perExample} may take a contraction out of the kernels
     */
    LoopPlan(TGraph g, List<TOutput> roots, int tile, boolean perOp) {
        this.g = g;
        this.perOp = perOp;
        this.targetsAbsent = !roots.isEmpty() && roots.stream().allMatch(o -> o.kind() == OutputKind.OUTPUT);
        this.sig = g.signature();
        this.tile = tile;
        int size = g.size();
        views = new View[size];
        uniform = new boolean[size];
        uses = new int[size];
        live = new boolean[size];
        fused = new boolean[size];
        for (TOutput o : roots) {
            live[o.node()] = true;
            uses[o.node()]++;
        }
        for (int n = size - 1; n >= 0; n--) {
            if (!live[n]) continue;
            for (int a : g.node(n).args()) {
                live[a] = true;
                uses[a]++;
            }
        }
        for (int n = 0; n < size; n++) {
            TNode t = g.node(n);
            boolean u = t.prim() != Prim.INPUT && (t.prim() != Prim.TARGET || targetsAbsent); // absent targets: one NaN block
            for (int a : t.args()) u &= uniform[a];
            uniform[n] = u;
        }
        List<TOutput> gradsIntoAccumulator = new ArrayList<>();
        for (TOutput o : roots) if (o.kind() == OutputKind.GRAD || o.kind() == OutputKind.GRAD_PENALTY) gradsIntoAccumulator.add(o);
        boolean[] intoGrad = new boolean[size];
        int[] gradOffset = new int[size];
        for (TOutput o : gradsIntoAccumulator) {
            int c = throughReshape(o.node());
            if (g.node(c).prim() == Prim.CONTRACT && !uniform[c] && uses[o.node()] == 1 && (c == o.node() || uses[c] == 1)
                    && contraction(c).k() == 1) {
                intoGrad[c] = true;
                gradOffset[c] = param(o.name()).offset();
            }
        }
        // the tensor-group pass's maps inlined into their user's loop (none when the pass did not run),
        // where this entry point agrees: used once here, and per example here exactly when the user is
        TGroups groups = g.groups();
        for (int n = size - 1; n >= 0; n--) {
            TNode t = g.node(n);
            if (!live[n] || t.prim() != Prim.MAP) continue;
            for (int a : t.args()) {
                TNode at = g.node(a);
                if (at.prim() == Prim.MAP && groups.inlined(a) && groups.rootOf(a) == groups.rootOf(n)
                        && uses[a] == 1 && uniform[a] == uniform[n] && at.size() == t.size()) fused[a] = true;
            }
        }
        for (int n = 0; n < size; n++) {
            if (!live[n] || fused[n]) continue;
            place(n, intoGrad[n], gradOffset[n]);
        }
        for (TOutput o : roots) finish(o);
        if (workspaceSize > 0) {
            workspaceOffset = reserve(workspaceSize);
        }
    }

    private int throughReshape(int n) {
        TNode t = g.node(n);
        return t.prim() == Prim.RESHAPE ? throughReshape(t.arg(0)) : n;
    }

    private record Dims(int m, int k, int n) {}

    private Dims contraction(int n) {
        Shape a = g.node(g.node(n).arg(0)).shape(), b = g.node(g.node(n).arg(1)).shape();
        return new Dims(a.rank() == 2 ? a.dim(0) : 1, a.dim(a.rank() - 1), b.rank() == 2 ? b.dim(1) : 1);
    }

    private TensorSpec param(String name) {
        return java.util.Objects.requireNonNull(TensorSpec.named(sig.params(), name), name);
    }

    /** A fresh scratch buffer for node n: one block per example of the tile, or one block when uniform. */
    private View buffer(int n) {
        int size = g.node(n).size();
        int off = reserve(uniform[n] ? size : (long) size * tile);
        return contiguous(Arr.SCRATCH, off, uniform[n] ? 0 : size, g.node(n).shape());
    }

    /** Most scratch doubles a plan may take (a Java array holds a little under 2^31). */
    static final long MAX_SCRATCH = Integer.MAX_VALUE - 64;

    /** Takes {@code count} doubles of scratch; refuses a plan whose scratch no Java array can hold. */
    private int reserve(long count) {
        int off = scratchSize;
        if (off + count > MAX_SCRATCH) throw new LoopsTooLargeException(off + count);
        scratchSize = (int) (off + count);
        return off;
    }


    private static View contiguous(Arr arr, int off, int strideT, Shape shape) {
        int cols = shape.rank() == 2 ? shape.dim(1) : Math.max(1, shape.size());
        return new View(arr, off, strideT, 1, cols, 1, true);
    }

    private void place(int n, boolean intoGrad, int gradOffset) {
        TNode t = g.node(n);
        boolean u = uniform[n];
        switch (t.prim()) {
            case CONST -> {
                views[n] = buffer(n);
                steps.add(new Fill(true, views[n], 1, t.value()));
            }
            case PARAM -> views[n] = contiguous(Arr.PARAMS, t.attr(), 0, t.shape());
            case INPUT -> views[n] = contiguous(Arr.INPUTS, t.attr(), sig.inputSize(), t.shape());
            case TARGET -> {
                if (targetsAbsent) { // forward has no targets: they read NaN, as in the straight-line code
                    views[n] = buffer(n);
                    steps.add(new Fill(true, views[n], t.size(), Double.NaN));
                } else {
                    views[n] = contiguous(Arr.TARGETS, t.attr(), sig.targetSize(), t.shape());
                }
            }
            case TANGENT -> throw new UnsupportedOperationException("loop kernels do not take tangents");
            case RESHAPE -> {
                View x = flat(t.arg(0));
                int cols = t.shape().rank() == 2 ? t.shape().dim(1) : Math.max(1, t.size());
                views[n] = new View(x.arr(), x.off(), x.strideT(), x.elem(), cols * x.elem(), x.elem(), true);
            }
            case SLICE -> {
                View x = flat(t.arg(0));
                int cols = t.shape().rank() == 2 ? t.shape().dim(1) : Math.max(1, t.size());
                views[n] = new View(x.arr(), x.off() + t.attr() * x.elem(), x.strideT(), x.elem(), cols * x.elem(), x.elem(), true);
            }
            case BROADCAST -> {
                View x = flat(t.arg(0));
                views[n] = new View(x.arr(), x.off(), x.strideT(), 0, 0, 0, true);
            }
            case TRANSPOSE -> {
                View x = flat(t.arg(0));
                views[n] = x.elem() == 0 ? x : new View(x.arr(), x.off(), x.strideT(), 1, x.cs(), x.rs(), false);
            }
            case MAP -> {
                views[n] = buffer(n);
                steps.add(new MapLoop(u, n, views[n], t.size(), tree(n)));
            }
            case CONTRACT -> {
                Dims d = contraction(n);
                View a = views[t.arg(0)], b = views[t.arg(1)];
                boolean aVector = g.node(t.arg(0)).shape().rank() == 1, bVector = g.node(t.arg(1)).shape().rank() == 1;
                View c;
                if (intoGrad) {
                    c = new View(Arr.EXTRA, gradOffset, 0, 1, d.n(), 1, true);
                } else {
                    c = buffer(n);
                    steps.add(new Fill(u, c, t.size(), -0.0));
                }
                views[n] = c;
                int zero = t.attr();
                boolean skipA = zero == 1 || skippable(t.arg(0), t.arg(1));
                boolean skipB = zero == 2 || skippable(t.arg(1), t.arg(0));
                boolean checkA = !skipA && derivesOnly(t.arg(0), Prim.INPUT);
                boolean checkB = !skipB && derivesOnly(t.arg(1), Prim.INPUT);
                int aRow = aVector ? 0 : a.rs(), aCol = a.cs(), bRow = bVector ? b.cs() : b.rs(), bCol = bVector ? 0 : b.cs();
                boolean swap = d.n() == 1 && d.m() > 1;
                Contract step = swap
                        // W @ x: a column C is the row (x^T W^T), same memory and per-element order, in the shape
                        // the kernels block over examples (one weight matrix for the whole tile)
                        ? new Contract(u, 1, d.k(), d.m(), b, 0, bRow, a, aCol, aRow, c, skipB, skipA, checkB, checkA)
                        : new Contract(u, d.m(), d.k(), d.n(), a, aRow, aCol, b, bRow, bCol, c, skipA, skipB, checkA, checkB);
                if (perOp && Partitioner.perExample(step.m(), step.k(), step.n())) {
                    steps.add(new PerExampleContract(u, step, swap && zero != 0 ? 3 - zero : zero));
                    break;
                }
                step = contiguousShared(step);
                steps.add(step);
                // a weight gradient summed over the tile keeps zeros of either sign (documented); values read on do not
                if (step.skips() && !intoGrad) steps.add(new ZeroSigns(u, step, swap && zero != 0 ? 3 - zero : zero));
                try {
                    workspaceSize = Math.max(workspaceSize, Math.max(Kernels.workspaceSize(u ? 1 : tile, d.m(), d.k(), d.n()),
                            Kernels.workspaceSize(u ? 1 : tile, d.n(), d.k(), d.m())));
                } catch (IllegalArgumentException e) { // the kernels' own "more than a Java array holds"
                    throw new LoopsTooLargeException((long) (u ? 1 : tile) * d.m() * d.k() * 2);
                }
            }
            case REDUCE -> {
                views[n] = buffer(n);
                steps.add(new Reduce(u, reduceOp(t), dense(t.arg(0)), views[n], g.node(t.arg(0)).size()));
            }
            case WINNER -> {
                views[n] = buffer(n);
                steps.add(new Winner(u, reduceOp(t), dense(t.arg(0)), views[n], t.size()));
            }
            case PAD -> {
                views[n] = buffer(n);
                steps.add(new Pad(u, dense(t.arg(0)), views[n], g.node(t.arg(0)).size(), t.attr(), t.size()));
            }
            case STACK -> {
                views[n] = buffer(n);
                int per = t.size() / t.arity();
                for (int k = 0; k < t.arity(); k++) {
                    View part = flat(t.arg(k));
                    View out = views[n].at(k * per);
                    steps.add(new Copy(u, part, out, per));
                }
            }
        }
    }

    /**
     * A shared (parameter-only) B whose rows are strided, such as W read as W^T, is laid out row by row
     * once per call, before the tiles, rather than packed by the kernel in every tile.
     */
    private Contract contiguousShared(Contract c) {
        if (c.uniform() || c.b().strideT() != 0 || c.bCol() == 1 || c.b().elem() == 0) return c;
        View packed = new View(Arr.SCRATCH, reserve((long) c.k() * c.n()), 0, 1, c.n(), 1, true);
        steps.add(new Copy2(true, new View(c.b().arr(), c.b().off(), 0, 1, c.bRow(), c.bCol(), false), packed, c.k(), c.n()));
        return new Contract(false, c.m(), c.k(), c.n(), c.a(), c.aRow(), c.aCol(), packed, c.n(), 1, c.c(),
                c.skipA(), c.skipB(), c.checkA(), c.checkB());
    }

    private static int reduceOp(TNode t) {
        return switch (t.op()) {
            case ADD -> mgc.runtime.tile.TileOps.ADD;
            case MAX -> mgc.runtime.tile.TileOps.MAX;
            default -> mgc.runtime.tile.TileOps.MIN;
        };
    }

    /**
     * Whether zeros of operand x may always be skipped in a plain product with y: never for parameters
     * (rarely zero, and packing costs), and otherwise when y is a leaf (finite, so 0·y is a zero: only the
     * sign of a zero sum can differ). An input's zeros against a non-leaf are skipped after a check.
     */
    private boolean skippable(int x, int y) {
        return !derivesOnly(x, Prim.PARAM) && g.isLeafValued(y);
    }

    private boolean derivesOnly(int n, Prim kind) {
        TNode t = g.node(n);
        if (t.prim().isView()) return derivesOnly(t.arg(0), kind);
        return t.prim() == kind;
    }

    /** A view whose elements are at {@code off + i*elem}; a transposed view is copied to a buffer first. */
    private View flat(int n) {
        View v = views[n];
        if (v.flat()) return v;
        TNode t = g.node(n);
        View out = buffer(n);
        steps.add(new Copy2(uniform[n], v, out, t.shape().dim(0), t.shape().dim(1)));
        views[n] = out;
        return out;
    }

    /** A flat view with element stride 1 (a broadcast scalar is repeated into a buffer). */
    private View dense(int n) {
        View v = flat(n);
        if (v.elem() == 1) return v;
        View out = buffer(n);
        steps.add(new Copy(uniform[n], v, out, g.node(n).size()));
        views[n] = out;
        return out;
    }

    private MapTree tree(int n) {
        TNode t = g.node(n);
        List<MapTree> ops = new ArrayList<>();
        for (int a : t.args()) {
            if (fused[a]) {
                ops.add(tree(a));
            } else {
                View v = flat(a);
                // a per-example scalar in a map over a tensor is read once per example
                if (g.node(a).size() == 1 && t.size() > 1) v = new View(v.arr(), v.off(), v.strideT(), 0, 0, 0, true);
                ops.add(new MapTree(a, v, List.of()));
            }
        }
        return new MapTree(n, null, ops);
    }

    private void finish(TOutput o) {
        int n = o.node();
        View v = views[n];
        switch (o.kind()) {
            case LOSS, PENALTY -> steps.add(new SumLoss(uniform[n] && o.kind() == OutputKind.PENALTY, dense(n)));
            case GRAD, GRAD_PENALTY -> {
                int c = throughReshape(n);
                if (views[c] != null && views[c].arr() == Arr.EXTRA) return; // accumulated by its contraction
                TensorSpec p = param(o.name());
                View x = flat(n);
                steps.add(new SumInto(uniform[n] && o.kind() == OutputKind.GRAD_PENALTY, x, p.offset(), p.size()));
            }
            case OUTPUT -> {
                TensorSpec s = TensorSpec.named(sig.outputs(), o.name());
                View out = new View(Arr.EXTRA, s.offset(), sig.outputSize(), 1, 1, 1, true);
                steps.add(new Copy(false, flat(n), out, s.size()));
            }
            default -> throw new UnsupportedOperationException(o.kind().text() + " outputs are not compiled to loops");
        }
    }
}
