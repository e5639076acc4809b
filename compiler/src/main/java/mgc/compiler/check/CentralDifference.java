package mgc.compiler.check;

import java.util.function.DoubleUnaryOperator;

/**
 * The numeric derivative of {@link GradientCheck}, with an estimate of its own error.
 *
 * <p>Central differences {@code D(s) = (f(x + s) - f(x - s)) / 2s} at {@code s = h, h/2, h/4} with
 * {@code h = 1e-3 * max(1, |x|)} (each divisor is the difference of the arguments actually stored),
 * extrapolated twice (Romberg): {@code R(s) = D(s/2) + (D(s/2) - D(s)) / 3} removes the h² term,
 * {@code N = R(h/2) + (R(h/2) - R(h)) / 15} the h⁴ term, leaving an O(h⁶) truncation error.
 *
 * <p>Error estimate: {@code |R(h/2) - R(h)|} (≈ 15 times the h⁴ error of {@code R(h/2)}, which N
 * improves on) plus a rounding bound {@code 16 ε max|f| / h} (the extrapolated difference amplifies
 * f's rounding noise about 4 ε |f| / h; the rest covers a few ulps of error in f itself). It is
 * large only where no finite difference at this step could resolve the derivative: a function whose
 * high derivatives dwarf its first (x⁸ near 0), or one whose value dwarfs its slope.
 */
public final class CentralDifference {
    private CentralDifference() {}

    /** Relative step h / max(1, |x|). */
    public static final double STEP = 1e-3;

    /** A numeric derivative and a bound on its error. */
    public record Estimate(double value, double error) {}

    /** The six arguments at which f is evaluated: x ± h, x ± h/2, x ± h/4. */
    public static double[] points(double x) {
        double h = STEP * Math.max(1.0, Math.abs(x));
        return new double[]{x + h, x - h, x + h / 2, x - h / 2, x + h / 4, x - h / 4};
    }

    /** The extrapolated derivative from f's values at {@link #points}, f's rounding noise taken as a few ulps of |f|. */
    public static Estimate estimate(double[] points, double[] values) {
        double largest = 0.0;
        for (double v : values) largest = Math.max(largest, Math.abs(v));
        return estimate(points, values, 4 * Math.ulp(1.0) * largest);
    }

    /**
     * The extrapolated derivative from f's values at {@link #points}, given the absolute rounding noise
     * of those values (larger than ulps of |f| when f is a sum whose terms cancel, a gradient say).
     */
    public static Estimate estimate(double[] points, double[] values, double noise) {
        double d0 = central(points, values, 0), d1 = central(points, values, 1), d2 = central(points, values, 2);
        double wide = d1 + (d1 - d0) / 3.0, narrow = d2 + (d2 - d1) / 3.0;
        double rounding = 4 * noise * 2 / (points[0] - points[1]);
        return new Estimate(narrow + (narrow - wide) / 15.0, Math.abs(narrow - wide) + rounding);
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
