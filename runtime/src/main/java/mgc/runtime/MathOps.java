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

    // tanh(x) = x + x^3 P(x^2) on |x| < 0.4: a degree-8 Chebyshev fit of P (|error| < 4e-17), Horner form
    private static final double
            T0 = -0.3333333333333333, T1 = 0.13333333333329464, T2 = -0.05396825396178988,
            T3 = 0.02186948811976278, T4 = -0.008863222061310261, T5 = 0.0035918824420581286,
            T6 = -0.0014531879554384325, T7 = 0.0005732117073728595, T8 = -0.0001798367033295759;

    /**
     * tanh, within 3 ulps of {@code StrictMath.tanh} (measured on 2M points by the codegen's accuracy test) at a fraction of
     * its cost: an odd polynomial below 0.4, {@code (1 - e^-2|x|) / (1 + e^-2|x|)} above (no cancellation
     * there: e^-2|x| < 0.45), exactly +-1 from 22 on. tanh(-0.0) = -0.0; NaN gives NaN.
     */
    public static double tanh(double x) {
        double a = Math.abs(x);
        if (a < 0.4) {
            if (a < 0x1p-26) return x; // x^3/3 is below half an ulp of x; keeps the sign of zero
            double z = x * x;
            double p = (((((((T8 * z + T7) * z + T6) * z + T5) * z + T4) * z + T3) * z + T2) * z + T1) * z + T0;
            return x + x * (z * p);
        }
        if (a >= 22.0) return Math.copySign(1.0, x);
        double t = Math.exp(-2.0 * a);
        return Math.copySign((1.0 - t) / (1.0 + t), x);
    }

    /**
     * 1 / (1 + e^-x) without overflow for either sign: with e = e^-|x| (at most 1), e / (1 + e) below
     * zero and 1 / (1 + e) above. One exp and one division, no branch but a select; within 2 ulps of
     * the same formula with StrictMath.exp.
     */
    public static double sigmoid(double x) {
        double e = Math.exp(-Math.abs(x));
        return (x >= 0 ? 1.0 : e) / (1.0 + e);
    }

    /**
     * log(1 + e^x), stable: max(x, 0) + log1p(e^-|x|), with log1p(e) = log(u) * e / (u - 1), u = 1 + e
     * (Kahan's trick: the rounding error of u cancels in the quotient), e itself when u rounds to 1.
     * Within 3 ulps of the same formula with StrictMath's exp and log1p.
     */
    public static double softplus(double x) {
        double e = Math.exp(-Math.abs(x));
        double u = 1.0 + e;
        double log1p = u == 1.0 ? e : Math.log(u) * (e / (u - 1.0));
        return Math.max(x, 0.0) + log1p;
    }

    /**
     * max(x, 0) with relu(-0.0) = 0.0 and relu(NaN) = NaN. In straight-line code each relu is one unit, whose
     * sign mostly repeats from one example to the next. On JDK 17 a comparison and a select is then the fast
     * form: C2 lowers {@code Math.max} to two blends, a max and an unordered compare, and moons' loss went
     * from 14.0 to 9.6 us per 100 examples with the select. JDK 25 is the other way round (the moons step
     * 14.2 us with {@code Math.max}, 19.8 with the select), so JDKs after 17 (only 25 measured) take
     * {@link #reluBranchFree}'s form. Either way the value is the same (MathOpsMasksTest); the choice is a
     * constant the JIT folds.
     */
    public static double relu(double x) { return SELECT_RELU ? (!(x <= 0.0) ? x : 0.0) : reluBranchFree(x); }

    private static final boolean SELECT_RELU = Runtime.version().feature() <= 17;

    /**
     * {@link #relu}'s value, any NaN for a NaN (MathOpsMasksTest), without a branch: the loop kernels apply
     * it over a tile of pre-activations, positive about half the time, unpredictably (MNIST step 877 to
     * 824 us against a select; 875 against 900 us measured again against {@link #relu}).
     */
    public static double reluBranchFree(double x) { return Math.max(x, 0.0); }

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

    // The chain rule's strong-zero ops come in two forms of the same value. The plain one is a compare and a
    // select: in straight-line code each is one unit of one layer, whose adjoint is zero (a relu off, a hinge
    // satisfied) or not mostly alike from one example to the next, and C2's profiled select beats bit
    // arithmetic there (moons' loss and gradient at its initial parameters: 46 to 35 us per 100 examples).
    // The branch-free form is for loops over a tile of examples, where the same test is as often true as not,
    // unpredictably: a mask costs a few integer operations and never mispredicts. MathOpsMasksTest checks that
    // both forms compute exactly what the ternaries say.

    /**
     * The chain rule's product with a strong zero: a zero adjoint times anything (even NaN or
     * infinity from a branch that was not taken) is zero.
     */
    public static double dmul(double adjoint, double partial) {
        return adjoint == 0.0 ? 0.0 : adjoint * partial;
    }

    /** {@link #dmul} without a branch. */
    public static double dmulBranchFree(double adjoint, double partial) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(adjoint * partial) & nonZeroMask(adjoint));
    }

    /** Strong-zero division, for the chain rule: 0 / anything = 0. */
    public static double ddiv(double adjoint, double denominator) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(adjoint / denominator) & nonZeroMask(adjoint));
    }

    /** x > 0 ? a : 0 — relu's derivative applied to an adjoint. */
    public static double maskpos(double x, double a) {
        return x > 0 ? a : 0.0;
    }

    /** {@link #maskpos} without a branch. */
    public static double maskposBranchFree(double x, double a) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(a) & positiveMask(x));
    }

    /** All ones when {@code x != 0} (NaN included), zero for +0.0 and -0.0: {@code x == 0 ? 0 : -1}. */
    private static long nonZeroMask(double x) {
        long magnitude = Double.doubleToRawLongBits(x) << 1; // drops the sign: 0 only for ±0.0
        return (magnitude | -magnitude) >> 63;
    }

    /** All ones when {@code x > 0} (+inf included, NaN and ±0 excluded): {@code x > 0 ? -1 : 0}. */
    private static long positiveMask(double x) {
        long t = Double.doubleToRawLongBits(x) - 1; // 0 .. POSITIVE_INFINITY-1 exactly when x > 0
        return ~((t | (0x7fefffffffffffffL - t)) >> 63);
    }

    /** sign(x) * a with sign(0) = 0, branch-safe — abs's derivative applied to an adjoint. */
    public static double signmul(double x, double a) { return x > 0 ? a : (x < 0 ? -a : 0.0); }

    /**
     * The sign bit set iff {@code bits} (a double's raw bits) is an infinity or a NaN: an all-ones exponent carries
     * into bit 63. ORed over many values, a negative result says some value is not finite, with no branch per value.
     */
    public static long nonFiniteSign(long bits) {
        return (bits & 0x7ff0000000000000L) + 0x0010000000000000L;
    }
}
