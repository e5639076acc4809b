package mgc.runtime;

import java.util.SplittableRandom;

/**
 * Initial parameter values, deterministic for a seed.
 *
 * <p>The stream: one {@code new SplittableRandom(seed)} is walked over the parameters in declaration
 * order, each tensor's elements row-major. {@code Fill} and {@code Values} draw nothing; a uniform
 * sample draws one {@code nextDouble()} {@code u} and is {@code lo + (hi - lo) * u}; a normal sample draws
 * two, {@code u1} then {@code u2}, and is {@code mean + stddev * sqrt(-2 ln(1 - u1)) * cos(2 pi u2)}
 * (Box-Muller with {@link StrictMath}, so it is the same on every JVM). Xavier is uniform in
 * {@code [-a, a)} with {@code a = sqrt(6 / (fanIn + fanOut))}; Kaiming is normal with standard deviation
 * {@code sqrt(2 / fanIn)}. For a tensor of rank 2 or more, fan-in is the last dimension and fan-out the
 * first ({@code W[out, in]} multiplies a vector of size {@code in}); for a vector both are its size; for
 * a scalar both are 1.
 */
public final class Initializers {

    private Initializers() { }

    public static double[] initialize(ModelSignature signature, long seed) {
        double[] params = new double[signature.paramSize()];
        SplittableRandom rng = new SplittableRandom(seed);
        for (TensorSpec p : signature.params()) {
            int n = p.size();
            int at = p.offset();
            Initializer init = p.init();
            if (init == null) throw new IllegalArgumentException("parameter " + p.name() + " has no initialiser");
            if (init instanceof Initializer.Fill f) {
                java.util.Arrays.fill(params, at, at + n, f.value());
            } else if (init instanceof Initializer.Values v) {
                double[] values = v.values();
                if (values.length != n)
                    throw new IllegalArgumentException("parameter " + p.name() + p.shapeText() + " has " + n
                            + " elements but its initialiser lists " + values.length + " values");
                System.arraycopy(values, 0, params, at, n);
            } else if (init instanceof Initializer.Uniform u) {
                uniform(params, at, n, u.lo(), u.hi(), rng);
            } else if (init instanceof Initializer.Normal g) {
                normal(params, at, n, g.mean(), g.stddev(), rng);
            } else if (init instanceof Initializer.Xavier) {
                double a = Math.sqrt(6.0 / (fanIn(p) + fanOut(p)));
                uniform(params, at, n, -a, a, rng);
            } else if (init instanceof Initializer.Kaiming) {
                normal(params, at, n, 0, Math.sqrt(2.0 / fanIn(p)), rng);
            }
        }
        return params;
    }

    static int fanIn(TensorSpec p) {
        int[] s = p.shape();
        return s.length == 0 ? 1 : s[s.length - 1];
    }

    static int fanOut(TensorSpec p) {
        int[] s = p.shape();
        return s.length == 0 ? 1 : s[0];
    }

    private static void uniform(double[] out, int at, int n, double lo, double hi, SplittableRandom rng) {
        for (int i = 0; i < n; i++) out[at + i] = lo + (hi - lo) * rng.nextDouble();
    }

    private static void normal(double[] out, int at, int n, double mean, double stddev, SplittableRandom rng) {
        for (int i = 0; i < n; i++) out[at + i] = mean + stddev * gaussian(rng);
    }

    /** One standard normal sample from two uniform draws (Box-Muller, cosine branch). */
    public static double gaussian(SplittableRandom rng) {
        double u1 = rng.nextDouble();
        double u2 = rng.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(1 - u1)) * StrictMath.cos(2 * Math.PI * u2);
    }
}
