package mgc.spark;

import java.io.Serializable;
import java.util.Arrays;
import mgc.runtime.data.Dataset;

/**
 * The examples of one partition in the layout of {@link mgc.runtime.CompiledModel} (flat inputs and
 * targets), so that a task hands a whole range to the compiled model in one call; and the rows the
 * partition refused: how many, and the first one's description.
 */
public final class Block implements Serializable {
    private static final long serialVersionUID = 1L;

    final int count;
    final int inputSize;
    final int targetSize;
    final double[] inputs;
    final double[] targets;
    final long badRows;
    final String firstBadRow;

    Block(int count, int inputSize, int targetSize, double[] inputs, double[] targets, long badRows, String firstBadRow) {
        this.count = count;
        this.inputSize = inputSize;
        this.targetSize = targetSize;
        this.inputs = inputs;
        this.targets = targets;
        this.badRows = badRows;
        this.firstBadRow = firstBadRow;
    }

    /** Examples {@code [from, to)} of {@code data} (copied). */
    static Block of(Dataset data, int from, int to) {
        int in = data.inputSize();
        int tg = data.targetSize();
        return new Block(to - from, in, tg, Arrays.copyOfRange(data.inputs(), from * in, to * in),
                Arrays.copyOfRange(data.targets(), from * tg, to * tg), 0, null);
    }

    /** The examples as a runtime data set (arrays shared). */
    Dataset dataset() {
        return new Dataset(count, inputSize, targetSize, inputs, targets);
    }

    /** The first {@code max} examples, for plots. */
    Block head(int max) {
        return Block.of(dataset(), 0, Math.min(max, count));
    }

    /** Collects parsed rows of one partition. */
    static final class Builder {
        private final int inputSize;
        private final int targetSize;
        private double[] inputs;
        private double[] targets;
        private int count;
        private long badRows;
        private String firstBadRow;

        Builder(int inputSize, int targetSize) {
            this.inputSize = inputSize;
            this.targetSize = targetSize;
            this.inputs = new double[64 * inputSize];
            this.targets = new double[64 * targetSize];
        }

        /** Room for one more example; the caller writes its values at {@link #inputOffset()} and {@link #targetOffset()}. */
        void grow() {
            if ((count + 1) * inputSize > inputs.length) inputs = Arrays.copyOf(inputs, 2 * inputs.length + inputSize);
            if ((count + 1) * targetSize > targets.length) targets = Arrays.copyOf(targets, 2 * targets.length + targetSize);
        }

        double[] inputs() { return inputs; }
        double[] targets() { return targets; }
        int inputOffset() { return count * inputSize; }
        int targetOffset() { return count * targetSize; }

        void accept() {
            count++;
        }

        void refuse(String description) {
            if (badRows++ == 0) firstBadRow = description;
        }

        Block build() {
            return new Block(count, inputSize, targetSize, Arrays.copyOf(inputs, count * inputSize),
                    Arrays.copyOf(targets, count * targetSize), badRows, firstBadRow);
        }
    }
}
