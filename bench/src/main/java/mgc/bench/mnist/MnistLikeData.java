package mgc.bench.mnist;

import java.util.SplittableRandom;

/**
 * Training data shaped like MNIST (28x28 inputs in [0, 1], 10 classes) without downloading it: "sparse" images
 * are a few thick pen strokes in the central 20x20 box, about 19% nonzero pixels like real digits (measured on
 * MNIST's training set: 19.1%); "dense" inputs are uniform in [0, 1) with no zeros. Labels are uniform classes.
 */
public record MnistLikeData(double[] x, int[] labels, int examples) {

    public static final int PIXELS = 784;
    public static final int CLASSES = 10;

    public static MnistLikeData generate(String kind, int examples, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[examples * PIXELS];
        int[] labels = new int[examples];
        for (int i = 0; i < examples; i++) {
            labels[i] = r.nextInt(CLASSES);
            switch (kind) {
                case "sparse" -> strokes(r, x, i * PIXELS);
                case "dense" -> { for (int p = 0; p < PIXELS; p++) x[i * PIXELS + p] = r.nextDouble(); }
                default -> throw new IllegalArgumentException("data `" + kind + "`: expected sparse or dense");
            }
        }
        return new MnistLikeData(x, labels, examples);
    }

    /** Fraction of inputs that are exactly zero. */
    public double zeroFraction() {
        long zeros = 0;
        for (double v : x) if (v == 0) zeros++;
        return (double) zeros / x.length;
    }

    /** Three or four strokes, each a quadratic curve drawn with a soft round pen of radius PEN. */
    private static void strokes(SplittableRandom r, double[] x, int at) {
        final double pen = 1.6;
        int n = 3 + r.nextInt(2);
        for (int s = 0; s < n; s++) {
            double x0 = 5 + 18 * r.nextDouble(), y0 = 5 + 18 * r.nextDouble();
            double x1 = 5 + 18 * r.nextDouble(), y1 = 5 + 18 * r.nextDouble();
            double x2 = 5 + 18 * r.nextDouble(), y2 = 5 + 18 * r.nextDouble();
            for (int k = 0; k <= 24; k++) {
                double u = k / 24.0;
                double px = (1 - u) * (1 - u) * x0 + 2 * u * (1 - u) * x1 + u * u * x2;
                double py = (1 - u) * (1 - u) * y0 + 2 * u * (1 - u) * y1 + u * u * y2;
                for (int row = (int) (py - pen); row <= (int) (py + pen) + 1; row++)
                    for (int col = (int) (px - pen); col <= (int) (px + pen) + 1; col++) {
                        if (row < 0 || row >= 28 || col < 0 || col >= 28) continue;
                        double d = Math.hypot(col - px, row - py);
                        double v = d >= pen ? 0 : Math.min(1, 1.4 * (1 - d / pen));
                        int i = at + row * 28 + col;
                        if (v > x[i]) x[i] = v;
                    }
            }
        }
    }
}
