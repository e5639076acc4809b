package mgc.bench.mnist;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import mgc.runtime.data.DataException;
import mgc.runtime.data.DataSpec;
import mgc.runtime.data.Idx;

/**
 * Training data shaped like MNIST (28x28 inputs in [0, 1], 10 classes) without downloading it: "sparse" images
 * are a few thick pen strokes in the central 20x20 box, about 19% nonzero pixels like real digits (measured on
 * MNIST's training set: 19.1%); "dense" inputs are uniform in [0, 1) with no zeros. Labels are uniform classes.
 */
public record MnistLikeData(double[] x, int[] labels, int examples) {

    public static final int PIXELS = 784;
    public static final int CLASSES = 10;

    /** Where {@code real} finds MNIST's IDX files: {@value #DIR_PROPERTY}, else $MNIST_DIR, else examples/mnist/data. */
    public static final String DIR_PROPERTY = "mgc.mnist.dir";

    /**
     * {@code sparse}, {@code dense} (generated), or {@code real}: the first {@code examples} training images of
     * MNIST, read from {@link #realDirectory()} (plain or .gz IDX files); an {@link IllegalStateException} saying
     * where it looked and how to get them when they are not there.
     */
    public static MnistLikeData generate(String kind, int examples, long seed) {
        if (kind.equals("real")) return real(realDirectory(), examples);
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[examples * PIXELS];
        int[] labels = new int[examples];
        for (int i = 0; i < examples; i++) {
            labels[i] = r.nextInt(CLASSES);
            switch (kind) {
                case "sparse" -> strokes(r, x, i * PIXELS);
                case "dense" -> { for (int p = 0; p < PIXELS; p++) x[i * PIXELS + p] = r.nextDouble(); }
                default -> throw new IllegalArgumentException("data `" + kind + "`: expected sparse, dense or real");
            }
        }
        return new MnistLikeData(x, labels, examples);
    }

    public static Path realDirectory() {
        String dir = System.getProperty(DIR_PROPERTY, System.getenv().getOrDefault("MNIST_DIR", "examples/mnist/data"));
        return Path.of(dir).toAbsolutePath();
    }

    /** The first {@code examples} images and labels of MNIST's training set in {@code dir}. */
    public static MnistLikeData real(Path dir, int examples) {
        DataSpec.IdxPair train;
        try {
            train = new DataSpec.IdxDirectory(dir).train(); // each file plain or .gz
        } catch (DataException e) {
            throw new IllegalStateException("real MNIST: " + e.getMessage() + "; run examples/mnist/fetch.sh, or point -D"
                    + DIR_PROPERTY + "=DIR or MNIST_DIR at them", e);
        }
        Idx.Images im = Idx.readImages(train.images());
        Idx.Labels lb = Idx.readLabels(train.labels());
        if (im.pixelsPerImage() != PIXELS || im.count() < examples || lb.count() < examples)
            throw new IllegalStateException("real MNIST in " + dir + ": expected at least " + examples + " images of 28x28 and as many labels, found "
                    + im.count() + " of " + im.rows() + "x" + im.columns() + " and " + lb.count() + " labels");
        return new MnistLikeData(Arrays.copyOf(im.pixels(), examples * PIXELS), Arrays.copyOf(lb.labels(), examples), examples);
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
