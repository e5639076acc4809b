package mgc.runtime.data;

import java.util.SplittableRandom;

/**
 * {@code size} examples in the layout of {@link mgc.runtime.CompiledModel}: flat row-major inputs
 * ({@code size * inputSize}) and targets ({@code size * targetSize}; a data set read for prediction has
 * no targets and {@code targetSize == 0}). The arrays are shared, not copied: the trainer reads them
 * without copying, so callers must not modify them.
 */
public final class Dataset {
    private final int size;
    private final int inputSize;
    private final int targetSize;
    private final double[] inputs;
    private final double[] targets;

    public Dataset(int size, int inputSize, int targetSize, double[] inputs, double[] targets) {
        if (size < 0 || inputSize < 0 || targetSize < 0) throw new IllegalArgumentException("negative size");
        if (inputs.length != (long) size * inputSize)
            throw new IllegalArgumentException("inputs hold " + inputs.length + " values; expected " + size + " x " + inputSize);
        if (targets.length != (long) size * targetSize)
            throw new IllegalArgumentException("targets hold " + targets.length + " values; expected " + size + " x " + targetSize);
        this.size = size;
        this.inputSize = inputSize;
        this.targetSize = targetSize;
        this.inputs = inputs;
        this.targets = targets;
    }

    /** A training and a validation part. */
    public record Split(Dataset train, Dataset validation) { }

    public int size() { return size; }

    public int inputSize() { return inputSize; }

    public int targetSize() { return targetSize; }

    /** The shared input array (do not modify). */
    public double[] inputs() { return inputs; }

    /** The shared target array (do not modify). */
    public double[] targets() { return targets; }

    public boolean hasTargets() { return targetSize > 0; }

    /** The examples at {@code idx}, in that order (copied). */
    public Dataset subset(int[] idx) {
        double[] in = new double[idx.length * inputSize];
        double[] tg = new double[idx.length * targetSize];
        for (int i = 0; i < idx.length; i++) {
            int j = idx[i];
            if (j < 0 || j >= size) throw new IndexOutOfBoundsException("example " + j + " of " + size);
            System.arraycopy(inputs, j * inputSize, in, i * inputSize, inputSize);
            System.arraycopy(targets, j * targetSize, tg, i * targetSize, targetSize);
        }
        return new Dataset(idx.length, inputSize, targetSize, in, tg);
    }

    /**
     * Shuffles the examples with {@link #permutation(int, SplittableRandom)} of {@code new SplittableRandom(seed)}
     * and holds out the first {@code round(size * validationFraction)} of them for validation; the others,
     * in shuffled order, train. Both parts must be non-empty.
     */
    public Split split(double validationFraction, long seed) {
        if (!(validationFraction > 0 && validationFraction < 1))
            throw new IllegalArgumentException("the validation fraction must be between 0 and 1, not " + validationFraction);
        int held = (int) Math.round(size * validationFraction);
        if (held == 0 || held == size)
            throw new IllegalArgumentException("cannot hold out " + validationFraction + " of " + size
                    + " examples: one part would be empty");
        int[] perm = permutation(size, new SplittableRandom(seed));
        int[] v = java.util.Arrays.copyOfRange(perm, 0, held);
        int[] t = java.util.Arrays.copyOfRange(perm, held, size);
        return new Split(subset(t), subset(v));
    }

    /** A Fisher-Yates shuffle of {@code 0..n-1}: for i from n-1 down to 1, swap i with {@code rng.nextInt(i + 1)}. */
    public static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        shuffle(p, rng);
        return p;
    }

    /** Shuffles {@code p} in place as {@link #permutation} does. */
    public static void shuffle(int[] p, SplittableRandom rng) {
        for (int i = p.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
    }
}
