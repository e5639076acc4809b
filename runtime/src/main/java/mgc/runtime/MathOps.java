package mgc.runtime;

/**
 * The scalar semantics of every non-trivial IR op. The compiler's interpreter and the generated
 * bytecode both call these methods (the JIT inlines them), so compiled and interpreted results are
 * bit-for-bit identical. Ops that map to one JVM instruction (add, sub, mul, div, neg) are not here.
 *
 * <p>Kinks follow PyTorch: {@code relu'(0) = 0}, {@code abs'(0) = 0}; comparisons return 1.0 or 0.0.
 */
public final class MathOps {
    private MathOps() {}

    public static double exp(double x) { return StrictMath.exp(x); }
    public static double log(double x) { return StrictMath.log(x); }
    public static double sqrt(double x) { return Math.sqrt(x); }
    public static double sin(double x) { return StrictMath.sin(x); }
    public static double cos(double x) { return StrictMath.cos(x); }

    public static double tanh(double x) { return StrictMath.tanh(x); }

    /** 1 / (1 + e^-x), computed without overflow for either sign. */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + StrictMath.exp(-x));
        }
        double e = StrictMath.exp(x);
        return e / (1.0 + e);
    }

    /** log(1 + e^x), stable: max(x, 0) + log1p(e^-|x|). */
    public static double softplus(double x) {
        return Math.max(x, 0.0) + StrictMath.log1p(StrictMath.exp(-Math.abs(x)));
    }

    /** max(x, 0) with relu(-0.0) = 0.0 and relu(NaN) = NaN. */
    public static double relu(double x) { return x > 0 ? x : (x != x ? x : 0.0); }

    public static double abs(double x) { return Math.abs(x); }

    public static double pow(double x, double y) { return StrictMath.pow(x, y); }

    /** x^k for a constant k; small integer exponents are exact products, as the optimiser assumes. */
    public static double powc(double x, double k) {
        if (k == 2.0) return x * x;
        if (k == 1.0) return x;
        if (k == 3.0) return x * x * x;
        if (k == -1.0) return 1.0 / x;
        if (k == 0.5) return Math.sqrt(x);
        return StrictMath.pow(x, k);
    }

    public static double min(double a, double b) { return Math.min(a, b); }
    public static double max(double a, double b) { return Math.max(a, b); }

    public static double lt(double a, double b) { return a < b ? 1.0 : 0.0; }
    public static double le(double a, double b) { return a <= b ? 1.0 : 0.0; }
    public static double gt(double a, double b) { return a > b ? 1.0 : 0.0; }
    public static double ge(double a, double b) { return a >= b ? 1.0 : 0.0; }
    public static double eq(double a, double b) { return a == b ? 1.0 : 0.0; }
    public static double ne(double a, double b) { return a != b ? 1.0 : 0.0; }

    /** c != 0 ? a : b (a NaN condition selects a). */
    public static double select(double c, double a, double b) { return c != 0.0 ? a : b; }

    /**
     * The chain rule's product with a strong zero: a zero adjoint times anything (even NaN or
     * infinity from a branch that was not taken) is zero.
     */
    public static double dmul(double adjoint, double partial) { return adjoint == 0.0 ? 0.0 : adjoint * partial; }

    /** Strong-zero division, for the chain rule: 0 / anything = 0. */
    public static double ddiv(double adjoint, double denominator) { return adjoint == 0.0 ? 0.0 : adjoint / denominator; }

    /** x > 0 ? a : 0 — relu's derivative applied to an adjoint. */
    public static double maskpos(double x, double a) { return x > 0 ? a : 0.0; }

    /** sign(x) * a with sign(0) = 0, branch-safe — abs's derivative applied to an adjoint. */
    public static double signmul(double x, double a) { return x > 0 ? a : (x < 0 ? -a : 0.0); }
}
