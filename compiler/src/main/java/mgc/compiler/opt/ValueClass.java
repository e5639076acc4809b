package mgc.compiler.opt;

import mgc.compiler.ir.Op;

/**
 * A sound over-approximation of the IEEE classes a node's value may fall in, as a 7-bit set: NaN,
 * -inf, finite negative, -0, +0, finite positive, +inf. Rewrites that are exact only for some
 * values (x + 0 = x unless x is -0; x * 0 = 0 when x is finite and not negative) ask it first.
 * Leaves are finite: the builder assumes so too, and the trainer refuses non-finite data.
 */
final class ValueClass {
    private ValueClass() {}

    static final int NAN = 1, NINF = 2, NEG = 4, NZERO = 8, PZERO = 16, POS = 32, PINF = 64;
    static final int ZERO = NZERO | PZERO, INF = NINF | PINF, FINITE = NEG | ZERO | POS, ALL = 127;
    /** Values whose sign bit is clear, NaN aside. */
    static final int NONNEG = PZERO | POS | PINF;
    static final int NONPOS = NZERO | NEG | NINF;

    static int ofValue(double v) {
        if (Double.isNaN(v)) return NAN;
        if (v == Double.NEGATIVE_INFINITY) return NINF;
        if (v == Double.POSITIVE_INFINITY) return PINF;
        if (v == 0.0) return Double.doubleToRawLongBits(v) == 0L ? PZERO : NZERO;
        return v < 0 ? NEG : POS;
    }

    static boolean within(int set, int allowed) { return (set & ~allowed) == 0; }

    static boolean may(int set, int cls) { return (set & cls) != 0; }

    /** The classes of {@code op}'s result given its payload and operands' classes (fa, fb, fc). */
    static int of(Op op, double k, int fa, int fb, int fc) {
        return switch (op) {
            case CONST -> ofValue(k);
            case PARAM, INPUT, TARGET, TANGENT -> FINITE;
            case NEG -> negate(fa);
            case ABS -> negate(fa & NONPOS) & ~NONPOS | fa & (NAN | NONNEG);
            case RELU -> fa & (NAN | POS | PINF) | (may(fa, NONPOS | PZERO) ? PZERO : 0);
            case EXP -> map(fa, NAN, PZERO, PZERO | POS, POS, POS, POS | PINF, PINF);
            case LOG -> map(fa, NAN, NAN, NAN, NINF, NINF, NEG | PZERO | POS, PINF);
            case SQRT -> map(fa, NAN, NAN, NAN, NZERO, PZERO, POS, PINF);
            case TANH -> map(fa, NAN, NEG, NEG | NZERO, NZERO, PZERO, POS | PZERO, POS);
            case SIGMOID -> map(fa, NAN, PZERO, PZERO | POS, POS, POS, POS, POS);
            case SOFTPLUS -> map(fa, NAN, PZERO, PZERO | POS, POS, POS, POS | PINF, PINF);
            case SIN, COS -> map(fa, NAN, NAN, FINITE, FINITE, FINITE, FINITE, NAN);
            case POWC -> k == 2.0 ? square(fa) : k == 1.0 ? fa : ALL;
            case ADD -> add(fa, fb);
            case SUB -> add(fa, negate(fb));
            case MUL -> mul(fa, fb, false);
            case DIV -> mul(fa, fb, true);
            case DMUL -> (may(fa, ZERO) ? PZERO : 0) | mul(fa & ~ZERO, fb, false);
            case DDIV -> (may(fa, ZERO) ? PZERO : 0) | mul(fa & ~ZERO, fb, true);
            case MIN, MAX -> fa | fb;
            case LT, LE, GT, GE, EQ, NE -> PZERO | POS;
            case MASKPOS -> (may(fa, POS | PINF) ? fb : 0) | (may(fa, ~(POS | PINF)) ? PZERO : 0);
            case SIGNMUL -> (may(fa, POS | PINF) ? fb : 0) | (may(fa, NEG | NINF) ? negate(fb) : 0)
                    | (may(fa, NAN | ZERO) ? PZERO : 0);
            case SELECT -> (may(fa, ~ZERO) ? fb : 0) | (may(fa, ZERO) ? fc : 0);
            case POW -> ALL;
        };
    }

    /** The classes a set maps to, given the image of each class in order NaN, -inf, neg, -0, +0, pos, +inf. */
    private static int map(int set, int... images) {
        int r = 0;
        for (int i = 0; i < 7; i++) if ((set & (1 << i)) != 0) r |= images[i];
        return r;
    }

    static int negate(int set) {
        return map(set, NAN, PINF, POS, PZERO, NZERO, NEG, NINF);
    }

    private static int square(int s) {
        return map(s, NAN, PINF, POS | PZERO | PINF, PZERO, PZERO, POS | PZERO | PINF, PINF);
    }

    private static int add(int fa, int fb) {
        int r = 0;
        for (int i = 0; i < 7; i++) {
            if ((fa & (1 << i)) == 0) continue;
            for (int j = 0; j < 7; j++) if ((fb & (1 << j)) != 0) r |= add1(1 << i, 1 << j);
        }
        return r;
    }

    private static int add1(int x, int y) {
        if (x == NAN || y == NAN || x == PINF && y == NINF || x == NINF && y == PINF) return NAN;
        if (x == PINF || y == PINF) return PINF;
        if (x == NINF || y == NINF) return NINF;
        if (x == NZERO && y == NZERO) return NZERO;
        if (may(x, ZERO) && may(y, ZERO)) return PZERO;
        if (may(x, ZERO)) return y;
        if (may(y, ZERO)) return x;
        if (x == y) return x == POS ? POS | PINF : NEG | NINF;
        return NEG | PZERO | POS;
    }

    /** Products and quotients: the sign is the exclusive or of the signs; magnitudes by kind. */
    private static int mul(int fa, int fb, boolean divide) {
        int r = 0;
        for (int i = 0; i < 7; i++) {
            if ((fa & (1 << i)) == 0) continue;
            for (int j = 0; j < 7; j++) if ((fb & (1 << j)) != 0) r |= mul1(1 << i, 1 << j, divide);
        }
        return r;
    }

    private static int mul1(int x, int y, boolean divide) {
        if (x == NAN || y == NAN) return NAN;
        boolean negative = may(x, NONPOS) != may(y, NONPOS);
        int mx = magnitude(x), my = magnitude(y);
        int m; // 0 zero, 1 finite nonzero, 2 infinite; bits of a set
        if (!divide) {
            if (mx == 0 && my == 2 || mx == 2 && my == 0) return NAN;
            m = mx == 2 || my == 2 ? 4 : mx == 0 || my == 0 ? 1 : 1 | 2 | 4;
        } else {
            if (mx == my && mx != 1) return NAN;
            m = mx == 0 || my == 2 ? 1 : mx == 2 || my == 0 ? 4 : 1 | 2 | 4;
        }
        int r = 0;
        if ((m & 1) != 0) r |= negative ? NZERO : PZERO;
        if ((m & 2) != 0) r |= negative ? NEG : POS;
        if ((m & 4) != 0) r |= negative ? NINF : PINF;
        return r;
    }

    private static int magnitude(int cls) {
        return may(cls, ZERO) ? 0 : may(cls, INF) ? 2 : 1;
    }
}
