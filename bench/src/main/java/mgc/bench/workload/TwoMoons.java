package mgc.bench.workload;

import java.util.Random;

/** scikit-learn's {@code make_moons} (shuffled, Gaussian noise), with labels mapped to -1 / +1 as in micrograd's demo. */
public final class TwoMoons {

    private TwoMoons() {}

    /** Returns {x (n x 2, row-major), y (n)}. */
    public static double[][] make(int n, double noise, long seed) {
        int nOut = n / 2;
        int nIn = n - nOut;
        double[] x = new double[2 * n];
        double[] y = new double[n];
        for (int i = 0; i < nOut; i++) {
            double t = nOut == 1 ? 0 : Math.PI * i / (nOut - 1);
            x[2 * i] = Math.cos(t);
            x[2 * i + 1] = Math.sin(t);
            y[i] = -1;
        }
        for (int i = 0; i < nIn; i++) {
            double t = nIn == 1 ? 0 : Math.PI * i / (nIn - 1);
            x[2 * (nOut + i)] = 1 - Math.cos(t);
            x[2 * (nOut + i) + 1] = 1 - Math.sin(t) - 0.5;
            y[nOut + i] = 1;
        }
        Random r = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            swap(x, 2 * i, 2 * j);
            swap(x, 2 * i + 1, 2 * j + 1);
            swap(y, i, j);
        }
        for (int i = 0; i < x.length; i++) x[i] += noise * r.nextGaussian();
        return new double[][] {x, y};
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
