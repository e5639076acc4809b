package mgc.compiler.opt;

import static mgc.compiler.opt.ValueClass.NAN;
import static mgc.compiler.opt.ValueClass.NEG;
import static mgc.compiler.opt.ValueClass.NINF;
import static mgc.compiler.opt.ValueClass.NZERO;
import static mgc.compiler.opt.ValueClass.PINF;
import static mgc.compiler.opt.ValueClass.POS;
import static mgc.compiler.opt.ValueClass.PZERO;
import static mgc.compiler.opt.ValueClass.ZERO;

import mgc.compiler.ir.Graph;
import mgc.compiler.ir.GraphBuilder;
import mgc.compiler.ir.Op;

/**
 * Constant folding and propagation. Nodes with constant operands fold in the builder (by the op's
 * own {@link Op#eval}, so bit for bit), and every pass's rebuild folds a value that its
 * {@link ValueClass} pins to +0, -0 or an infinity (see {@link Rewriter#emit}); here, in addition,
 * what the value classes decide: a comparison or a select condition whose outcome is the same for
 * every value the operands may take, a mask whose sign is known, a power with exponent zero.
 */
final class ConstantFold implements Pass {
    private static final int LESS = 1, EQUAL = 2, GREATER = 4, UNORDERED = 8;

    @Override public String name() { return "fold"; }

    @Override public Graph run(Graph g, PassOptions o) { return Rewriter.rebuild(g, o, ConstantFold::fold); }

    static int fold(Rewriter r, Op op, int x, int y, int z, double k) {
        if (op.isComparison()) {
            int outcomes = x == y ? (r.may(x, NAN) ? EQUAL | UNORDERED : EQUAL) : outcomes(r.cls(x), r.cls(y));
            int truth = truth(op);
            if ((outcomes & ~truth) == 0) return r.constant(1.0); // true for every possible outcome
            if ((outcomes & truth) == 0) return r.constant(0.0);  // false for every possible outcome
            return GraphBuilder.NONE;
        }
        switch (op) {
            case SELECT -> {
                if (r.within(x, ZERO)) return z;  // the condition is always ±0
                if (!r.may(x, ZERO)) return y;     // never 0 (NaN selects the first branch too)
            }
            case MASKPOS -> {
                if (r.within(x, POS | PINF)) return y; // x > 0 always
            }
            case SIGNMUL -> {
                if (r.within(x, POS | PINF)) return y;                 // x > 0 always
                if (r.within(x, NEG | NINF)) return r.emit(Op.NEG, y, 0, 0, 0); // x < 0 always
            }
            case POWC -> {
                if (k == 0.0) return r.constant(1.0); // pow(x, ±0) = 1 for every x, NaN included
            }
            case POW -> {
                if (r.within(y, ZERO)) return r.constant(1.0); // pow(x, ±0) = 1 for every x
            }
            default -> { }
        }
        return GraphBuilder.NONE;
    }

    /** The outcomes for which the comparison is true. */
    private static int truth(Op op) {
        return switch (op) {
            case LT -> LESS;
            case LE -> LESS | EQUAL;
            case GT -> GREATER;
            case GE -> GREATER | EQUAL;
            case EQ -> EQUAL;
            case NE -> LESS | GREATER | UNORDERED;
            default -> throw new IllegalArgumentException(op.text());
        };
    }

    /** Possible outcomes of comparing a value of classes cx with one of classes cy. */
    static int outcomes(int cx, int cy) {
        int r = 0;
        for (int i = 0; i < 7; i++) {
            if ((cx & (1 << i)) == 0) continue;
            for (int j = 0; j < 7; j++) {
                if ((cy & (1 << j)) == 0) continue;
                int a = 1 << i, b = 1 << j;
                if (a == NAN || b == NAN) r |= UNORDERED;
                else if (rank(a) < rank(b)) r |= LESS;
                else if (rank(a) > rank(b)) r |= GREATER;
                else r |= a == NEG || a == POS ? LESS | EQUAL | GREATER : EQUAL; // -inf, ±0, +inf are single points
            }
        }
        return r;
    }

    private static int rank(int cls) {
        return switch (cls) {
            case NINF -> 0;
            case NEG -> 1;
            case NZERO, PZERO -> 2;
            case POS -> 3;
            default -> 4;
        };
    }
}
