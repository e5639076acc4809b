package mgc.runtime.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Small IDX files written byte by byte, as MNIST's are: big-endian header, then unsigned bytes. */
public final class IdxFiles {

    private IdxFiles() { }

    /** The bytes of an image file of {@code count} images of {@code rows x cols}; pixels are {@code pixels[i] & 0xff}. */
    public static byte[] images(int count, int rows, int cols, int[] pixels) {
        return idx(0x08, new int[] {count, rows, cols}, pixels);
    }

    public static byte[] labels(int[] labels) {
        return idx(0x08, new int[] {labels.length}, labels);
    }

    /** An IDX file with element type {@code type}, the given dimensions and one byte per value. */
    public static byte[] idx(int type, int[] dims, int[] values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(0);
        out.write(type);
        out.write(dims.length);
        for (int d : dims) {
            out.write(d >>> 24);
            out.write(d >>> 16);
            out.write(d >>> 8);
            out.write(d);
        }
        for (int v : values) out.write(v);
        return out.toByteArray();
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static Path write(Path file, byte[] data) {
        try {
            return Files.write(file, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the four standard MNIST files into {@code dir} (gzip-compressed if asked) from synthetic
     * {@code side x side} "digits": class c is a bright horizontal bar at row {@code c} (so classes are
     * learnable), with a little deterministic noise.
     */
    public static void writeDirectory(Path dir, int side, int classes, int train, int test, boolean gz) {
        String suffix = gz ? ".gz" : "";
        int[][] trainSet = bars(side, classes, train, 1);
        int[][] testSet = bars(side, classes, test, 2);
        write(dir.resolve("train-images-idx3-ubyte" + suffix), maybeGzip(images(train, side, side, trainSet[0]), gz));
        write(dir.resolve("train-labels-idx1-ubyte" + suffix), maybeGzip(labels(trainSet[1]), gz));
        write(dir.resolve("t10k-images-idx3-ubyte" + suffix), maybeGzip(images(test, side, side, testSet[0]), gz));
        write(dir.resolve("t10k-labels-idx1-ubyte" + suffix), maybeGzip(labels(testSet[1]), gz));
    }

    private static byte[] maybeGzip(byte[] b, boolean gz) {
        return gz ? gzip(b) : b;
    }

    /** {pixels, labels} of n bar images; label i is {@code (i * 7 + seed) % classes}. */
    private static int[][] bars(int side, int classes, int n, int seed) {
        int[] pixels = new int[n * side * side];
        int[] labels = new int[n];
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            int c = (i * 7 + seed) % classes;
            labels[i] = c;
            for (int r = 0; r < side; r++)
                for (int q = 0; q < side; q++)
                    pixels[i * side * side + r * side + q] = r == c ? 200 + rng.nextInt(56) : rng.nextInt(40);
        }
        return new int[][] {pixels, labels};
    }
}
