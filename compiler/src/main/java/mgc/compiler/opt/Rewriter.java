package mgc.compiler.opt;

import java.util.Arrays;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.GraphBuilder;
import mgc.compiler.ir.Op;
import mgc.compiler.ir.Output;

/**
 * Rebuilds a graph node by node, in index order, through a fresh {@link GraphBuilder} (so every pass
 * gets hash-consing and folding), asking a pass's {@link Rule} for each node's replacement. Rules see
 * the node with its operands already rewritten and may read the new graph and its value classes.
 */
final class Rewriter {
    /** A node's replacement in the new graph, or {@link GraphBuilder#NONE} to keep the node as it is. */
    interface Rule {
        int rewrite(Rewriter r, Op op, int x, int y, int z, double k);
    }

    /** How deep a rule's result may be rewritten again by the same rule (rules shrink nodes, so this is a backstop). */
    private static final int MAX_DEPTH = 16;

    final GraphBuilder b;
    final boolean fastMath;
    private final Rule rule;
    private int depth;
    private int[] classes = new int[256];
    private int classified;

    private Rewriter(GraphBuilder b, boolean fastMath, Rule rule) {
        this.b = b;
        this.fastMath = fastMath;
        this.rule = rule;
    }

    /** The graph rebuilt with {@code rule} applied to every node, outputs following their nodes. */
    static Graph rebuild(Graph g, PassOptions o, Rule rule) {
        Rewriter r = new Rewriter(new GraphBuilder(g.signature(), g.size() + 16, Integer.MAX_VALUE), o.fastMath(), rule);
        int[] map = new int[g.size()];
        for (int n = 0; n < g.size(); n++) {
            Op op = g.op(n);
            r.b.setOrigin(g.originLine(n), g.originColumn(n));
            if (op.isLeaf()) {
                map[n] = r.b.node(op, g.leafIndex(n), 0, 0, g.payload(n));
                continue;
            }
            int x = map[g.arg(n, 0)];
            int y = op.arity() > 1 ? map[g.arg(n, 1)] : 0;
            int z = op.arity() > 2 ? map[g.arg(n, 2)] : 0;
            map[n] = r.emit(op, x, y, z, g.payload(n));
        }
        for (Output out : g.outputs()) r.b.output(out.withNode(map[out.node()]));
        return r.b.build();
    }

    /**
     * The node as the pass's rule rewrites it (a rule's own result is offered to the rule again).
     * Like the builder's constant folding, every pass first replaces a node whose value classes pin
     * a single value (+0, -0, +inf or -inf) by that constant.
     */
    int emit(Op op, int x, int y, int z, double k) {
        int pinned = pinnedConstant(op, x, y, z, k);
        if (pinned != GraphBuilder.NONE) return pinned;
        if (depth < MAX_DEPTH) {
            depth++;
            try {
                int m = rule.rewrite(this, op, x, y, z, k);
                if (m != GraphBuilder.NONE) return m;
            } finally {
                depth--;
            }
        }
        return node(op, x, y, z, k);
    }

    /**
     * Builds a node through the builder, except that a strong-zero product or quotient whose adjoint
     * may be zero stays one: the builder would turn {@code dmul(a, leaf)} into a product, which is
     * -0 rather than +0 for a = +0 and a negative leaf.
     */
    int node(Op op, int x, int y, int z, double k) {
        boolean strong = op == Op.DMUL || op == Op.DDIV;
        if (strong && !(b.isConst(x) && (b.isConst(y) || isConst(x, 0.0) || nonZeroFinite(b.payload(x))))) {
            return b.verbatim(op, x, y, z, k);
        }
        return b.node(op, x, y, z, k);
    }

    /** The constant that a node of these operands must compute, when its value classes allow only one. */
    private int pinnedConstant(Op op, int x, int y, int z, double k) {
        int cls = ValueClass.of(op, k, cls(x), op.arity() > 1 ? cls(y) : 0, op.arity() > 2 ? cls(z) : 0);
        return switch (cls) {
            case ValueClass.PZERO -> b.constant(0.0);
            case ValueClass.NZERO -> b.constant(-0.0);
            case ValueClass.PINF -> b.constant(Double.POSITIVE_INFINITY);
            case ValueClass.NINF -> b.constant(Double.NEGATIVE_INFINITY);
            default -> GraphBuilder.NONE;
        };
    }

    private static boolean nonZeroFinite(double v) { return v != 0.0 && Double.isFinite(v); }

    Op op(int n) { return b.op(n); }

    int arg(int n, int i) { return b.arg(n, i); }

    boolean isConst(int n) { return b.isConst(n); }

    /** Whether n is the constant v, bit for bit (so +0 and -0 differ). */
    boolean isConst(int n, double v) {
        return b.isConst(n) && Double.doubleToRawLongBits(b.payload(n)) == Double.doubleToRawLongBits(v);
    }

    double value(int n) { return b.payload(n); }

    int constant(double v) { return b.constant(v); }

    /** The {@link ValueClass} set of new node n. */
    int cls(int n) {
        if (n >= classified) {
            if (b.size() > classes.length) classes = Arrays.copyOf(classes, Math.max(b.size(), classes.length * 2));
            for (int m = classified; m < b.size(); m++) {
                Op op = b.op(m);
                int fa = op.arity() > 0 ? classes[b.arg(m, 0)] : 0;
                int fb = op.arity() > 1 ? classes[b.arg(m, 1)] : 0;
                int fc = op.arity() > 2 ? classes[b.arg(m, 2)] : 0;
                classes[m] = ValueClass.of(op, b.payload(m), fa, fb, fc);
            }
            classified = b.size();
        }
        return classes[n];
    }

    /** Whether n's value lies within the given classes. */
    boolean within(int n, int allowed) { return ValueClass.within(cls(n), allowed); }

    /** Whether n may take a value of the given classes. */
    boolean may(int n, int classSet) { return ValueClass.may(cls(n), classSet); }
}
