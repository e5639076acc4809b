package mgc.compiler.tensor;

import mgc.compiler.front.Shape;

/** Checks the tensor IR's invariants: operands defined before use, arity and shape rules, outputs defined. */
public final class TVerifier {
    private TVerifier() {}

    public static void verify(TGraph g, String stage) {
        for (int n = 0; n < g.size(); n++) {
            TNode node = g.node(n);
            for (int a : node.args()) {
                if (a < 0 || a >= n) fail(stage, n, "operand %" + a + " is not defined before it");
            }
            String problem = check(g, node);
            if (problem != null) fail(stage, n, problem);
        }
        TGroups groups = g.groups();
        if (groups.present()) {
            if (groups.root().length != g.size()) throw new IllegalStateException(stage + ": groups cover " + groups.root().length + " of " + g.size() + " nodes");
            for (int n = 0; n < g.size(); n++) {
                int r = groups.rootOf(n);
                if (r >= 0 && (r < n || r >= g.size() || groups.rootOf(r) != r)) fail(stage, n, "group root %" + r + " is not a later root");
            }
        }
        for (TOutput o : g.outputs()) {
            if (o.node() < 0 || o.node() >= g.size()) throw new IllegalStateException(stage + ": output " + o.label() + " names no node");
        }
    }

    private static String check(TGraph g, TNode n) {
        Shape s = n.shape();
        return switch (n.prim()) {
            case CONST, PARAM, INPUT, TARGET, TANGENT -> n.arity() == 0 ? null : "a leaf has operands";
            case MAP -> {
                if (n.arity() != n.op().arity()) yield "map " + n.op().text() + " has " + n.arity() + " operands";
                for (int a : n.args()) {
                    Shape as = g.node(a).shape();
                    if (!as.isScalar() && !as.equals(s)) yield "operand of shape " + as + " in a map of shape " + s;
                }
                yield null;
            }
            case CONTRACT -> {
                Shape a = g.node(n.arg(0)).shape(), b = g.node(n.arg(1)).shape();
                if (a.rank() < 1 || b.rank() < 1 || a.dim(a.rank() - 1) != b.dim(0)) yield "contraction of " + a + " and " + b;
                yield Contraction.resultShape(a, b).equals(s) ? null : "contraction result " + s;
            }
            case REDUCE -> s.isScalar() ? null : "reduction to " + s;
            case WINNER -> g.node(n.arg(0)).shape().equals(s) ? null : "winner shape " + s;
            case BROADCAST -> g.node(n.arg(0)).shape().size() == 1 ? null : "broadcast of a non-scalar";
            case TRANSPOSE -> {
                Shape a = g.node(n.arg(0)).shape();
                yield a.rank() == 2 && s.rank() == 2 && a.dim(0) == s.dim(1) && a.dim(1) == s.dim(0) ? null : "transpose";
            }
            case RESHAPE -> g.node(n.arg(0)).shape().size() == s.size() ? null : "reshape changes the size";
            case SLICE -> n.attr() >= 0 && n.attr() + s.size() <= g.node(n.arg(0)).shape().size() ? null : "slice out of range";
            case PAD -> n.attr() >= 0 && n.attr() + g.node(n.arg(0)).shape().size() <= s.size() ? null : "pad out of range";
            case STACK -> s.size() == n.arity() * g.node(n.arg(0)).shape().size() ? null : "stack size";
        };
    }

    private static void fail(String stage, int n, String what) {
        throw new IllegalStateException("tensor IR invalid after " + stage + ": %" + n + ": " + what);
    }
}
