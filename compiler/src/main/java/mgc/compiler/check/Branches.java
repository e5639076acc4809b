package mgc.compiler.check;

import mgc.compiler.ir.Graph;
import mgc.compiler.ir.Op;

/**
 * Which piece of a piecewise-smooth graph a point lies on: the side of its kink every non-smooth node
 * is on (relu, abs and their derivative ops at 0; min, max and comparisons where their operands are
 * equal; a select's condition). A finite difference is meaningful only between points on the same
 * piece.
 */
public final class Branches {
    private Branches() {}

    /** The nodes that the roots depend on (the roots included). */
    public static boolean[] cone(Graph g, int... roots) {
        boolean[] in = new boolean[g.size()];
        for (int root : roots) in[root] = true;
        for (int n = g.size() - 1; n >= 0; n--) {
            if (!in[n]) continue;
            for (int i = 0; i < g.op(n).arity(); i++) in[g.arg(n, i)] = true;
        }
        return in;
    }

    /** Whether every non-smooth node of {@code cone} is on the same side of its kink at both points. */
    public static boolean same(Graph g, boolean[] cone, double[] v0, double[] v1) {
        for (int n = 0; n < g.size(); n++) {
            if (cone[n] && side(g, n, v0) != side(g, n, v1)) return false;
        }
        return true;
    }

    /** -1, 0, 1 (or 2 for a NaN) for a non-smooth node; 3 for a smooth one. */
    private static int side(Graph g, int n, double[] v) {
        Op op = g.op(n);
        return switch (op) {
            case RELU, ABS, MASKPOS, SIGNMUL -> compare(v[g.arg(n, 0)], 0.0);
            case MIN, MAX, LT, LE, GT, GE, EQ, NE -> compare(v[g.arg(n, 0)], v[g.arg(n, 1)]);
            case SELECT -> v[g.arg(n, 0)] != 0.0 ? 1 : 0;
            default -> 3;
        };
    }

    private static int compare(double a, double b) {
        return a < b ? -1 : a > b ? 1 : a == b ? 0 : 2;
    }
}
