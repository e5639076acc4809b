package mgc.compiler.check;

import java.util.function.DoubleUnaryOperator;

/**
 * The numeric derivative of {@link GradientCheck}, with an estimate of its own error.
 *
 * <p>Central differences {@code D(s) = (f(x + s) - f(x - s)) / 2s} at {@code s = h, h/2, h/4} with
 * {@code h = 1e-4 * max(1, |x|)} (each divisor is the difference of the arguments actually stored),
 * extrapolated twice (Romberg): {@code N = (64 D(h/4) - 20 D(h/2) + D(h)) / 45} cancels the h² and
 * h⁴ terms, leaving O(h⁶).
 *
 * <p>Error estimate e, deliberately conservative — it bounds the error of the plain difference
 * {@code D(h/4)}, which N improves on wherever the expansion in h holds, and stays large where it
 * does not (a function that changes character within h): {@code |D(h/4) - D(h/2)| + |D(h/2) - D(h)| / 16}
 * (about 3 and 1/4 times D(h/4)'s h² error) plus a rounding bound {@code 8 δ / h}, δ being f's
 * absolute rounding noise (N amplifies it at most 6.6 δ / h). By default δ = 64 ulps of
 * max(1, |f|): a loss built by tens of operations from O(1) terms carries tens of ulps of those
 * terms (up to ~40 measured on random graphs), even when it is small itself. On smooth functions
 * e is about {@code 4e-10 |f'''| + 1e-9 max(1, |f|)}, three orders below the default tolerance.
 */
public final class CentralDifference {
    private CentralDifference() {}

    /** Relative step h / max(1, |x|): small enough that f rarely changes character within it, large enough that rounding stays ~1e-9. */
    public static final double STEP = 1e-4;

    /** A numeric derivative and a bound on its error. */
    public record Estimate(double value, double error) {}

    /** The six arguments at which f is evaluated: x ± h, x ± h/2, x ± h/4. */
    public static double[] points(double x) {
        double h = STEP * Math.max(1.0, Math.abs(x));
        return new double[]{x + h, x - h, x + h / 2, x - h / 2, x + h / 4, x - h / 4};
    }

    /** Ulps of max(1, |f|) taken as f's rounding noise by default. */
    public static final double NOISE_ULPS = 64;

    /** The extrapolated derivative from f's values at {@link #points}, f's noise taken as {@link #NOISE_ULPS} ulps of max(1, |f|). */
    public static Estimate estimate(double[] points, double[] values) {
        double largest = 1.0;
        for (double v : values) largest = Math.max(largest, Math.abs(v));
        return estimate(points, values, NOISE_ULPS * Math.ulp(1.0) * largest);
    }

    /**
     * The extrapolated derivative from f's values at {@link #points}, given the absolute rounding noise
     * δ of those values.
     */
    public static Estimate estimate(double[] points, double[] values, double noise) {
        double d0 = central(points, values, 0), d1 = central(points, values, 1), d2 = central(points, values, 2);
        double h = (points[0] - points[1]) / 2;
        double value = (64 * d2 - 20 * d1 + d0) / 45;
        return new Estimate(value, Math.abs(d2 - d1) + Math.abs(d1 - d0) / 16 + 8 * noise / h);
    }

    /** f'(x), estimated. */
    public static Estimate derivative(DoubleUnaryOperator f, double x) {
        double[] at = points(x);
        double[] values = new double[at.length];
        for (int s = 0; s < at.length; s++) values[s] = f.applyAsDouble(at[s]);
        return estimate(at, values);
    }

    private static double central(double[] points, double[] values, int k) {
        return (values[2 * k] - values[2 * k + 1]) / (points[2 * k] - points[2 * k + 1]);
    }
}
