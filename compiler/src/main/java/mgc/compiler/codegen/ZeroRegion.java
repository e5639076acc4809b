package mgc.compiler.codegen;

import java.util.function.IntPredicate;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.Op;

/**
 * A region of a gradient group that is exactly zero whenever one adjoint, the guard, is zero: a
 * satisfied hinge (relu's mask on the loss) zeroes the entire backward pass of its example. The
 * schedule evaluates the region last and the driver skips it when the guard is zero, instead of
 * multiplying by zeros.
 *
 * <p>Zero propagates through the chain rule's strong-zero ops (dmul, ddiv, maskpos, signmul: a zero
 * adjoint gives zero whatever the partial), through sums, negation and selects of zeros, and through
 * products with a leaf or a finite constant. That last rule, like {@link mgc.compiler.ir.GraphBuilder}'s
 * own rewrites, assumes finite parameters, inputs and targets (the runtime refuses others). A skipped
 * region adds nothing to the gradient, where evaluating it would add +-0: the two differ only on an
 * accumulator element holding -0.0.
 */
final class ZeroRegion {
    final int guard;
    /** Per node: evaluated only when the guard is non-zero. */
    final boolean[] skip;
    final int nodes;

    private ZeroRegion(int guard, boolean[] skip, int nodes) {
        this.guard = guard;
        this.skip = skip;
        this.nodes = nodes;
    }

    private static final int CANDIDATES = 8, MIN_NODES = 4;

    /**
     * The best region among the first few kinked adjoints of the cone, or null when none is worth a
     * branch. {@code keep} nodes (the loss or penalty) are never skipped.
     */
    static ZeroRegion find(Graph g, boolean[] inCone, int[] keep) {
        ZeroRegion best = null;
        int tried = 0;
        for (int z = 0; z < g.size() && tried < CANDIDATES; z++) {
            if (!inCone[z]) continue;
            Op op = g.op(z);
            if (op != Op.MASKPOS && op != Op.SIGNMUL && op != Op.SELECT) continue;
            tried++;
            ZeroRegion r = regionOf(g, inCone, keep, z);
            if (r.nodes >= MIN_NODES && (best == null || r.nodes > best.nodes)) best = r;
        }
        return best;
    }

    private static ZeroRegion regionOf(Graph g, boolean[] inCone, int[] keep, int guard) {
        int size = g.size();
        boolean[] zero = new boolean[size];
        zero[guard] = true;
        for (int n = guard + 1; n < size; n++) {
            if (inCone[n]) zero[n] = zeroWhen(g, n, x -> zero[x]);
        }
        boolean[] skip = zero;
        skip[guard] = false;
        for (int k : keep) skip[k] = false;
        // a value that is kept needs its operands: whatever a kept node reads is kept too
        for (int n = size - 1; n >= 0; n--) {
            if (!inCone[n] || skip[n]) continue;
            Op op = g.op(n);
            for (int i = 0; i < op.arity(); i++) skip[g.arg(n, i)] = false;
        }
        int count = 0;
        for (int n = 0; n < size; n++) if (skip[n] && inCone[n]) count++;
        return new ZeroRegion(guard, skip, count);
    }

    /**
     * Whether node n is exactly ±0 whenever the nodes {@code zero} accepts are (the propagation rules above,
     * exact for finite leaves). Also what a guarded run of statements tests ({@code Schedule}).
     */
    static boolean zeroWhen(Graph g, int n, IntPredicate zero) {
        Op op = g.op(n);
        if (op.isLeaf()) return false;
        int a = g.arg(n, 0);
        int b = op.arity() > 1 ? g.arg(n, 1) : -1;
        return switch (op) {
            case NEG -> isZero(g, a, zero);
            case ADD, SUB -> isZero(g, a, zero) && isZero(g, b, zero);
            case MUL -> (isZero(g, a, zero) && (isZero(g, b, zero) || finiteLeaf(g, b)))
                    || (isZero(g, b, zero) && finiteLeaf(g, a));
            case DIV -> isZero(g, a, zero) && g.op(b) == Op.CONST && Double.isFinite(g.payload(b)) && g.payload(b) != 0.0;
            case DMUL, DDIV -> isZero(g, a, zero);
            case MASKPOS, SIGNMUL -> isZero(g, b, zero);
            case SELECT -> isZero(g, b, zero) && isZero(g, g.arg(n, 2), zero);
            default -> false;
        };
    }

    private static boolean isZero(Graph g, int x, IntPredicate zero) {
        return zero.test(x) || (g.op(x) == Op.CONST && g.payload(x) == 0.0);
    }

    /** A parameter, input or target element (finite by the runtime's checks) or a finite constant. */
    private static boolean finiteLeaf(Graph g, int x) {
        Op op = g.op(x);
        return op == Op.PARAM || op == Op.INPUT || op == Op.TARGET || (op == Op.CONST && Double.isFinite(g.payload(x)));
    }
}
