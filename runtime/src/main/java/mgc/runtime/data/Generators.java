package mgc.runtime.data;

import java.util.SplittableRandom;
import mgc.runtime.Initializers;

/**
 * Synthetic 2-D classification data after scikit-learn's formulas. Each generator walks one
 * {@code new SplittableRandom(seed)}: it makes the points class by class, adds noise (standard normal
 * samples from {@link Initializers#gaussian}, x then y, point by point), then shuffles the examples with
 * {@link Dataset#shuffle}. The values are not numpy's (different generator), only the distributions.
 */
public final class Generators {

    private Generators() { }

    /**
     * {@code make_moons}: {@code n / 2} points on the outer half circle {@code (cos t, sin t)} (class 0) and
     * the rest on the inner one {@code (1 - cos t, 1 - sin t - 0.5)} (class 1), {@code t = linspace(0, pi)},
     * plus Gaussian noise of standard deviation {@code noise}.
     */
    public static LabeledPoints moons(int n, double noise, long seed) {
        check(n, 2, noise, "moons");
        SplittableRandom rng = new SplittableRandom(seed);
        int outer = n / 2;
        double[] xy = new double[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            boolean inner = i >= outer;
            double t = linspace(Math.PI, inner ? n - outer : outer, inner ? i - outer : i);
            xy[2 * i] = inner ? 1 - Math.cos(t) : Math.cos(t);
            xy[2 * i + 1] = inner ? 1 - Math.sin(t) - 0.5 : Math.sin(t);
            labels[i] = inner ? 1 : 0;
        }
        addNoise(xy, noise, rng);
        return shuffled("moons", xy, labels, 2, rng);
    }

    /**
     * CS231n's spirals: class {@code j} has points {@code (r sin t, r cos t)} with {@code r = linspace(0, 1)}
     * and {@code t = linspace(4j, 4(j + 1)) + noise * N(0, 1)}; {@code n} is spread over the classes as
     * evenly as possible (the first classes get one more).
     */
    public static LabeledPoints spirals(int n, int classes, double noise, long seed) {
        check(n, classes, noise, "spirals");
        SplittableRandom rng = new SplittableRandom(seed);
        double[] xy = new double[2 * n];
        int[] labels = new int[n];
        int i = 0;
        for (int j = 0; j < classes; j++) {
            int m = share(n, classes, j);
            for (int k = 0; k < m; k++, i++) {
                double r = linspace(1, m, k);
                double t = 4 * j + linspace(4, m, k) + noise * Initializers.gaussian(rng);
                xy[2 * i] = r * Math.sin(t);
                xy[2 * i + 1] = r * Math.cos(t);
                labels[i] = j;
            }
        }
        return shuffled("spirals", xy, labels, classes, rng);
    }

    /**
     * {@code make_blobs}: one center per class drawn uniformly in {@code [-10, 10)^2}, then points
     * {@code center + std * N(0, 1)} per coordinate; {@code n} spread over the classes as in {@link #spirals}.
     */
    public static LabeledPoints blobs(int n, int classes, double std, long seed) {
        check(n, classes, std, "blobs");
        SplittableRandom rng = new SplittableRandom(seed);
        double[] centers = new double[2 * classes];
        for (int c = 0; c < centers.length; c++) centers[c] = -10 + 20 * rng.nextDouble();
        double[] xy = new double[2 * n];
        int[] labels = new int[n];
        int i = 0;
        for (int j = 0; j < classes; j++) {
            for (int k = share(n, classes, j); k > 0; k--, i++) {
                xy[2 * i] = centers[2 * j];
                xy[2 * i + 1] = centers[2 * j + 1];
                labels[i] = j;
            }
        }
        addNoise(xy, std, rng);
        return shuffled("blobs", xy, labels, classes, rng);
    }

    private static void check(int n, int classes, double noise, String what) {
        if (n < 1) throw new DataException(what, 0, 0, "the number of examples must be at least 1, not " + n);
        if (classes < 2) throw new DataException(what, 0, 0, "the number of classes must be at least 2, not " + classes);
        if (!(noise >= 0) || Double.isInfinite(noise))
            throw new DataException(what, 0, 0, "the noise must be a finite number of at least 0, not " + noise);
    }

    /** numpy's {@code linspace(0, stop, m)[k]}. */
    private static double linspace(double stop, int m, int k) {
        return m == 1 ? 0 : stop / (m - 1) * k;
    }

    private static int share(int n, int classes, int j) {
        return n / classes + (j < n % classes ? 1 : 0);
    }

    private static void addNoise(double[] xy, double std, SplittableRandom rng) {
        if (std == 0) return;
        for (int i = 0; i < xy.length; i++) xy[i] += std * Initializers.gaussian(rng);
    }

    private static LabeledPoints shuffled(String source, double[] xy, int[] labels, int classes, SplittableRandom rng) {
        int[] perm = Dataset.permutation(labels.length, rng);
        double[] sx = new double[xy.length];
        int[] sl = new int[labels.length];
        for (int i = 0; i < perm.length; i++) {
            sx[2 * i] = xy[2 * perm[i]];
            sx[2 * i + 1] = xy[2 * perm[i] + 1];
            sl[i] = labels[perm[i]];
        }
        return new LabeledPoints(source, sx, sl, classes);
    }
}
