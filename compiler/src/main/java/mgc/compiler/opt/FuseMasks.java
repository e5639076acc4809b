package mgc.compiler.opt;

import static mgc.compiler.opt.ValueClass.POS;
import static mgc.compiler.opt.ValueClass.PZERO;

import mgc.compiler.ir.Graph;
import mgc.compiler.ir.GraphBuilder;
import mgc.compiler.ir.Op;

/**
 * Fuses relu and abs derivatives written with comparisons and selects (as {@code where} lowers
 * them) into single {@code maskpos} and {@code signmul} nodes. Only bit-exact forms are fused: a
 * test {@code x >= 0} is not relu's derivative at 0, and {@code a * (x > 0)} is not
 * {@code maskpos(x, a)} when a may be negative, infinite or NaN (a*0 is -0 or NaN there).
 */
final class FuseMasks implements Pass {
    private static final int SIGN_CLEAR_FINITE = PZERO | POS;

    @Override public String name() { return "fuse-masks"; }

    @Override public Graph run(Graph g, PassOptions o) { return Rewriter.rebuild(g, o, FuseMasks::fuse); }

    static int fuse(Rewriter r, Op op, int x, int y, int z, double k) {
        switch (op) {
            case SELECT -> {
                int w = positiveTest(r, x);
                // select(x > 0, a, +0) is maskpos(x, a) by definition
                if (w != GraphBuilder.NONE && r.isConst(z, 0.0)) return r.emit(Op.MASKPOS, w, y, 0, 0);
                // select(x > 0, a, select(x < 0, -a, +0)) is signmul(x, a) by definition
                if (w != GraphBuilder.NONE && r.op(z) == Op.SELECT && negativeTest(r, r.arg(z, 0)) == w
                        && isNegationOf(r, r.arg(z, 1), y) && r.isConst(r.arg(z, 2), 0.0)) {
                    return r.emit(Op.SIGNMUL, w, y, 0, 0);
                }
                // select(x < 0, -a, maskpos(x, a)): the same with the tests in the other order
                int v = negativeTest(r, x);
                if (v != GraphBuilder.NONE && r.op(z) == Op.MASKPOS && r.arg(z, 0) == v && isNegationOf(r, y, r.arg(z, 1))) {
                    return r.emit(Op.SIGNMUL, v, r.arg(z, 1), 0, 0);
                }
            }
            case MUL, DMUL -> {
                // a * (x > 0) and a * maskpos(x, 1) are maskpos(x, a) when a * 0 is +0: a finite with its sign bit clear
                // (a strong-zero product then agrees too: a = +0 gives +0 either way)
                int fused = maskProduct(r, x, y, op == Op.DMUL);
                if (fused == GraphBuilder.NONE && op == Op.MUL) fused = maskProduct(r, y, x, false);
                if (fused != GraphBuilder.NONE) return fused;
            }
            default -> { }
        }
        return GraphBuilder.NONE;
    }

    private static int maskProduct(Rewriter r, int a, int m, boolean strongZero) {
        if (!(r.within(a, SIGN_CLEAR_FINITE) || r.fastMath)) return GraphBuilder.NONE;
        int w = positiveTest(r, m);
        if (w != GraphBuilder.NONE) return r.emit(Op.MASKPOS, w, a, 0, 0);
        if (r.op(m) == Op.MASKPOS && r.isConst(r.arg(m, 1), 1.0)) return r.emit(Op.MASKPOS, r.arg(m, 0), a, 0, 0);
        // a * signmul(x, 1) = signmul(x, a): a * ±1 = ±a, and a * +0 = +0 for such a; but a strong
        // zero gives dmul(+0, -1) = +0 where signmul(x, +0) = -0, so a must not be zero there
        if (r.op(m) == Op.SIGNMUL && r.isConst(r.arg(m, 1), 1.0) && (!strongZero || !r.may(a, PZERO) || r.fastMath)) {
            return r.emit(Op.SIGNMUL, r.arg(m, 0), a, 0, 0);
        }
        return GraphBuilder.NONE;
    }

    /** x when node c computes x > 0 (as gt(x, 0) or lt(0, x), either zero), else NONE. */
    static int positiveTest(Rewriter r, int c) {
        return r.op(c) == Op.GT ? besideZero(r, c, 1) : r.op(c) == Op.LT ? besideZero(r, c, 0) : GraphBuilder.NONE;
    }

    /** x when node c computes x < 0 (as lt(x, 0) or gt(0, x)), else NONE. */
    static int negativeTest(Rewriter r, int c) {
        return r.op(c) == Op.LT ? besideZero(r, c, 1) : r.op(c) == Op.GT ? besideZero(r, c, 0) : GraphBuilder.NONE;
    }

    /** The operand that comparison node c compares with a zero constant, else NONE. */
    static int comparedWithZero(Rewriter r, int c) {
        int x = besideZero(r, c, 1);
        return x != GraphBuilder.NONE ? x : besideZero(r, c, 0);
    }

    /** c's other operand when its operand {@code slot} is a zero constant (+0 or -0), else NONE. */
    private static int besideZero(Rewriter r, int c, int slot) {
        int zero = r.arg(c, slot);
        return r.isConst(zero) && r.value(zero) == 0.0 ? r.arg(c, 1 - slot) : GraphBuilder.NONE;
    }

    /** Whether node n computes -a: neg(a), a = neg(n), or constants that differ in the sign bit alone. */
    private static boolean isNegationOf(Rewriter r, int n, int a) {
        if (r.isConst(n) && r.isConst(a)) return r.isConst(n, -r.value(a));
        return r.op(n) == Op.NEG && r.arg(n, 0) == a || r.op(a) == Op.NEG && r.arg(a, 0) == n;
    }
}
