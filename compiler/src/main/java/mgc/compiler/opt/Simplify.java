package mgc.compiler.opt;

import static mgc.compiler.opt.ValueClass.FINITE;
import static mgc.compiler.opt.ValueClass.INF;
import static mgc.compiler.opt.ValueClass.NAN;
import static mgc.compiler.opt.ValueClass.NEG;
import static mgc.compiler.opt.ValueClass.NINF;
import static mgc.compiler.opt.ValueClass.NZERO;
import static mgc.compiler.opt.ValueClass.PINF;
import static mgc.compiler.opt.ValueClass.POS;
import static mgc.compiler.opt.ValueClass.PZERO;

import mgc.compiler.ir.Graph;
import mgc.compiler.ir.GraphBuilder;
import mgc.compiler.ir.Op;

/**
 * Algebraic simplification. Each rule states why it is exact; rules marked fast-math are not (they
 * may change the sign of a zero, the last bits of a rounding, or overflow behaviour) and run only
 * with {@link PassOptions#fastMath}. The builder already applies x*1, x*-1, x+(-0), x-(+0), x/1,
 * --x and selects with equal branches.
 */
final class Simplify implements Pass {
    private static final int SIGN_CLEAR = PZERO | POS, SIGN_SET = NZERO | NEG;

    @Override public String name() { return "simplify"; }

    @Override public Graph run(Graph g, PassOptions o) { return Rewriter.rebuild(g, o, Simplify::simplify); }

    static int simplify(Rewriter r, Op op, int x, int y, int z, double k) {
        boolean fast = r.fastMath;
        switch (op) {
            case ADD -> {
                // x + (+0) = x unless x is -0 (-0 + +0 = +0)
                if (r.isConst(y, 0.0) && (!r.may(x, NZERO) || fast)) return x;
                if (r.isConst(x, 0.0) && (!r.may(y, NZERO) || fast)) return y;
                // x + (-w) = x - w: IEEE defines subtraction as adding the negation
                if (r.op(y) == Op.NEG) return r.emit(Op.SUB, x, r.arg(y, 0), 0, 0);
                if (r.op(x) == Op.NEG) return r.emit(Op.SUB, y, r.arg(x, 0), 0, 0);
            }
            case SUB -> {
                // x - x = +0 for finite x (inf - inf and NaN - NaN are NaN)
                if (x == y && (r.within(x, FINITE) || fast)) return r.constant(0.0);
                // x - (-w) = x + w, by the definition of subtraction
                if (r.op(y) == Op.NEG) return r.emit(Op.ADD, x, r.arg(y, 0), 0, 0);
                // -0 - w = -w for every w (-0 - +0 = -0, -0 - -0 = +0)
                if (r.isConst(x, -0.0)) return r.emit(Op.NEG, y, 0, 0, 0);
                // +0 - w = -w unless w is +0 (+0 - +0 = +0, not -0)
                if (r.isConst(x, 0.0) && (!r.may(y, PZERO) || fast)) return r.emit(Op.NEG, y, 0, 0, 0);
                // x - (-0) = x + 0 = x unless x is -0
                if (r.isConst(y, -0.0) && (!r.may(x, NZERO) || fast)) return x;
            }
            case MUL -> {
                int zero = r.isConst(x) && r.value(x) == 0.0 ? x : r.isConst(y) && r.value(y) == 0.0 ? y : -1;
                if (zero >= 0) {
                    int w = zero == x ? y : x;
                    boolean negZero = r.isConst(zero, -0.0);
                    // ±0 * w is a zero signed by the signs' exclusive or, for finite w only (0 * inf is NaN)
                    if (r.within(w, SIGN_CLEAR)) return r.constant(negZero ? -0.0 : 0.0);
                    if (r.within(w, SIGN_SET)) return r.constant(negZero ? 0.0 : -0.0);
                    if (fast) return zero; // fast-math: w is finite and the zero's sign does not matter
                }
                // (-a) * (-b) = a * b: rounding is symmetric in sign
                if (r.op(x) == Op.NEG && r.op(y) == Op.NEG) return r.emit(Op.MUL, r.arg(x, 0), r.arg(y, 0), 0, 0);
                if (fast) {
                    // fast-math: c1 * (c2 * w) = (c1 * c2) * w, reassociated (rounds differently, may overflow differently)
                    int folded = reassociate(r, x, y);
                    if (folded == GraphBuilder.NONE) folded = reassociate(r, y, x);
                    if (folded != GraphBuilder.NONE) return folded;
                }
            }
            case DIV -> {
                if (r.isConst(y)) {
                    double c = r.value(y), inv = 1.0 / c;
                    // x / 2^k = x * 2^-k when 2^-k is representable: both are the same real number rounded once
                    if (isPowerOfTwo(c) && isPowerOfTwo(inv) || fast && Double.isFinite(c) && c != 0.0 && Double.isFinite(inv) && inv != 0.0) {
                        return r.emit(Op.MUL, x, r.constant(inv), 0, 0);
                    }
                    // x / -1 = -x exactly
                    if (c == -1.0) return r.emit(Op.NEG, x, 0, 0, 0);
                }
            }
            case DMUL -> {
                // a == 0 ? +0 : a*b equals a*b when b is finite and a zero a times b gives +0 (signs agree)
                if (r.within(y, FINITE) && (fast || zeroProductIsPositive(r, x, y))) return r.emit(Op.MUL, x, y, 0, 0);
            }
            case DDIV -> {
                // a == 0 ? +0 : a/b equals a/b when b is neither 0 nor NaN and a zero a over b gives +0
                if (r.within(y, NEG | POS | INF) && (fast || zeroProductIsPositive(r, x, y))) return r.emit(Op.DIV, x, y, 0, 0);
            }
            case POWC -> {
                // MathOps.powc computes k = 2, 3, -1, 0.5 as x*x, x*x*x, 1/x, sqrt(x): the same operations
                if (k == 2.0) return r.emit(Op.MUL, x, x, 0, 0);
                if (k == 3.0) return r.emit(Op.MUL, r.emit(Op.MUL, x, x, 0, 0), x, 0, 0);
                if (k == -1.0) return r.emit(Op.DIV, r.constant(1.0), x, 0, 0);
                if (k == 0.5) return r.emit(Op.SQRT, x, 0, 0, 0);
                // fast-math: StrictMath.pow(x, 4) and (x*x)*(x*x) may differ in the last bit
                if (fast && k == 4.0) {
                    int sq = r.emit(Op.MUL, x, x, 0, 0);
                    return r.emit(Op.MUL, sq, sq, 0, 0);
                }
            }
            case EXP -> {
                if (fast && r.op(x) == Op.LOG) return r.arg(x, 0); // fast-math: exp(log w) is w up to rounding (and NaN for w < 0)
            }
            case LOG -> {
                if (fast && r.op(x) == Op.EXP) return r.arg(x, 0); // fast-math: log(exp w) is w up to rounding and overflow
            }
            case RELU, ABS -> {
                // relu and abs leave NaN, +0 and positive values alone: relu(relu w) = relu w, abs(relu w) = relu w
                if (r.within(x, NAN | PZERO | POS | PINF)) return x;
                // abs(-w) = abs(w): abs clears the sign bit
                if (op == Op.ABS && r.op(x) == Op.NEG) return r.emit(Op.ABS, r.arg(x, 0), 0, 0, 0);
            }
            case MIN, MAX -> {
                if (x == y) return x; // min(w, w) = w, NaN included
            }
            case MASKPOS -> {
                // maskpos(x, maskpos(x, a)) = maskpos(x, a); maskpos(x, signmul(x, a)) = maskpos(x, a): x > 0 selects a in both
                if ((r.op(y) == Op.MASKPOS || r.op(y) == Op.SIGNMUL) && r.arg(y, 0) == x) return r.emit(Op.MASKPOS, x, r.arg(y, 1), 0, 0);
                // relu(w) > 0 exactly when w > 0 (relu(NaN) is NaN, not > 0)
                if (r.op(x) == Op.RELU) return r.emit(Op.MASKPOS, r.arg(x, 0), y, 0, 0);
            }
            case SIGNMUL -> {
                // with x never negative, sign(x) * a is x > 0 ? a : 0
                if (!r.may(x, NEG | NINF)) return r.emit(Op.MASKPOS, x, y, 0, 0);
            }
            case SELECT -> {
                // the inner select on the same condition takes the same branch as the outer one
                if (r.op(y) == Op.SELECT && r.arg(y, 0) == x) return r.emit(Op.SELECT, x, r.arg(y, 1), z, 0);
                if (r.op(z) == Op.SELECT && r.arg(z, 0) == x) return r.emit(Op.SELECT, x, y, r.arg(z, 2), 0);
                // select tests c != 0 (NaN counting as true): ne(w, 0) tests the same, eq(w, 0) the opposite
                if (r.op(x) == Op.NE || r.op(x) == Op.EQ) {
                    int w = FuseMasks.comparedWithZero(r, x);
                    if (w != GraphBuilder.NONE) return r.op(x) == Op.NE ? r.emit(Op.SELECT, w, y, z, 0) : r.emit(Op.SELECT, w, z, y, 0);
                }
            }
            default -> { }
        }
        return GraphBuilder.NONE;
    }

    /** Whether a zero {@code a} times (or over) {@code b} is +0: b's sign bit equals that of every zero a may be. */
    private static boolean zeroProductIsPositive(Rewriter r, int a, int b) {
        return (!r.may(a, PZERO) || r.within(b, PZERO | POS | PINF)) && (!r.may(a, NZERO) || r.within(b, NZERO | NEG | NINF));
    }

    /** c1 * (c2 * w) as (c1*c2) * w, or NONE when x is not a constant or y not a product with one. */
    private static int reassociate(Rewriter r, int x, int y) {
        if (!r.isConst(x) || r.op(y) != Op.MUL) return GraphBuilder.NONE;
        int c2 = r.isConst(r.arg(y, 0)) ? r.arg(y, 0) : r.isConst(r.arg(y, 1)) ? r.arg(y, 1) : -1;
        if (c2 < 0) return GraphBuilder.NONE;
        double c = r.value(x) * r.value(c2);
        if (!Double.isFinite(c) || c == 0.0) return GraphBuilder.NONE;
        int w = c2 == r.arg(y, 0) ? r.arg(y, 1) : r.arg(y, 0);
        return r.emit(Op.MUL, r.constant(c), w, 0, 0);
    }

    /** A normal power of two: its reciprocal is exact when also one. */
    static boolean isPowerOfTwo(double c) {
        if (!Double.isFinite(c) || c == 0.0) return false;
        long bits = Double.doubleToRawLongBits(c);
        return (bits & 0x000F_FFFF_FFFF_FFFFL) == 0 && Math.getExponent(c) >= Double.MIN_EXPONENT;
    }
}
