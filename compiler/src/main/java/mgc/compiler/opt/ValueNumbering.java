package mgc.compiler.opt;

import mgc.compiler.ir.Graph;
import mgc.compiler.ir.GraphBuilder;
import mgc.compiler.ir.Op;

/**
 * Global value numbering: one node per value across the forward and the backward graph. The
 * rebuild hash-conses structurally equal nodes (so an adjoint that recomputes {@code sigmoid(x)} or
 * {@code x * w} reuses the forward node); before that, forms that always compute the same bits
 * are written one way so that they meet in the hash table.
 */
final class ValueNumbering implements Pass {
    @Override public String name() { return "gvn"; }

    @Override public Graph run(Graph g, PassOptions o) { return Rewriter.rebuild(g, o, ValueNumbering::canonical); }

    static int canonical(Rewriter r, Op op, int x, int y, int z, double k) {
        switch (op) {
            case ADD -> {
                // x + x = x * 2 exactly: doubling rounds nothing and overflows alike
                if (x == y) return r.emit(Op.MUL, x, r.constant(2.0), 0, 0);
            }
            case SUB -> {
                // x - c = x + (-c): IEEE defines subtraction as adding the negation
                if (r.isConst(y)) return r.emit(Op.ADD, x, r.constant(-r.value(y)), 0, 0);
            }
            case NEG -> {
                // -(w * c) = w * (-c): rounding is symmetric in sign
                int c = constantFactor(r, x);
                if (c != GraphBuilder.NONE) return r.emit(Op.MUL, otherFactor(r, x, c), r.constant(-r.value(c)), 0, 0);
            }
            case MUL -> {
                // (-w) * c = w * (-c), likewise
                if (r.isConst(y) && r.op(x) == Op.NEG) return r.emit(Op.MUL, r.arg(x, 0), r.constant(-r.value(y)), 0, 0);
                if (r.isConst(x) && r.op(y) == Op.NEG) return r.emit(Op.MUL, r.arg(y, 0), r.constant(-r.value(x)), 0, 0);
            }
            default -> { }
        }
        return GraphBuilder.NONE;
    }

    private static int constantFactor(Rewriter r, int n) {
        if (r.op(n) != Op.MUL) return GraphBuilder.NONE;
        return r.isConst(r.arg(n, 0)) ? r.arg(n, 0) : r.isConst(r.arg(n, 1)) ? r.arg(n, 1) : GraphBuilder.NONE;
    }

    private static int otherFactor(Rewriter r, int product, int factor) {
        return r.arg(product, 0) == factor ? r.arg(product, 1) : r.arg(product, 0);
    }
}
