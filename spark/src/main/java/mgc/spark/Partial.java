package mgc.spark;

import java.io.Serializable;
import java.util.Iterator;
import java.util.SplittableRandom;
import mgc.runtime.CompiledModel;
import mgc.runtime.train.Metrics;

/**
 * One partition's share of a step, and (by {@link #add}) the sum of several: the summed loss, the summed
 * gradient (null when not asked for), the number of examples they cover, and the examples of the whole
 * partition classified right out of those measured.
 */
final class Partial implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int CHUNK = 1024;

    double loss;
    double[] grad;
    long count;
    long right;
    long measured;

    /** What the tasks of one job compute; {@code fraction < 1} samples each example with that probability. */
    record Work(long seed, int step, double fraction, boolean gradient, boolean accuracy) implements Serializable { }

    Partial add(Partial o) {
        loss += o.loss;
        count += o.count;
        right += o.right;
        measured += o.measured;
        if (o.grad != null) {
            if (grad == null) grad = o.grad.clone();
            else for (int i = 0; i < grad.length; i++) grad[i] += o.grad[i];
        }
        return this;
    }

    /**
     * Partition {@code partition}'s share: with {@code work.gradient()} the loss and gradient summed over
     * its (sampled) examples through {@link CompiledModel#lossAndGradient} on a range per block, otherwise
     * the loss over all of them; the sample depends on the seed, the step and the partition alone, so a
     * retried task computes the same numbers.
     */
    static Partial compute(Iterator<Block> blocks, int partition, Work work, CompiledModel model, double[] params) {
        Partial p = new Partial();
        double[] scratch = model.newScratch();
        SplittableRandom rng = work.fraction() < 1 ? new SplittableRandom(sampleSeed(work.seed(), work.step(), partition)) : null;
        if (work.gradient()) p.grad = new double[params.length];
        while (blocks.hasNext()) {
            Block b = blocks.next();
            if (!work.gradient()) {
                p.loss += model.loss(params, b.inputs, b.targets, 0, b.count, scratch);
                p.count += b.count;
            } else if (rng == null) {
                p.loss += model.lossAndGradient(params, b.inputs, b.targets, 0, b.count, p.grad, scratch);
                p.count += b.count;
            } else {
                Block s = sample(b, work.fraction(), rng);
                p.loss += model.lossAndGradient(params, s.inputs, s.targets, 0, s.count, p.grad, scratch);
                p.count += s.count;
            }
            if (work.accuracy()) p.measure(model, params, b, scratch);
        }
        return p;
    }

    /** The seed of a partition's sample at a step: a fresh stream per (seed, step), split per partition. */
    static long sampleSeed(long seed, int step, int partition) {
        return new SplittableRandom(new SplittableRandom(seed).nextLong() + step).nextLong() ^ (partition * 0x9E3779B97F4A7C15L);
    }

    private static Block sample(Block b, double fraction, SplittableRandom rng) {
        Block.Builder s = new Block.Builder(b.inputSize, b.targetSize);
        for (int i = 0; i < b.count; i++) {
            if (rng.nextDouble() >= fraction) continue;
            s.grow();
            System.arraycopy(b.inputs, i * b.inputSize, s.inputs(), s.inputOffset(), b.inputSize);
            System.arraycopy(b.targets, i * b.targetSize, s.targets(), s.targetOffset(), b.targetSize);
            s.accept();
        }
        return s.build();
    }

    /** Counts the block's examples classified right, as {@link Metrics#accuracy} does. */
    private void measure(CompiledModel model, double[] params, Block b, double[] scratch) {
        int k = model.signature().outputSize();
        double[] out = new double[Math.min(CHUNK, Math.max(1, b.count)) * k];
        for (int from = 0; from < b.count; from += CHUNK) {
            int to = Math.min(b.count, from + CHUNK);
            model.forward(params, b.inputs, from, to, out, scratch);
            for (int i = from; i < to; i++)
                if (Metrics.classOf(out, (i - from) * k, k) == Metrics.classOf(b.targets, i * b.targetSize, b.targetSize))
                    right++;
        }
        measured += b.count;
    }
}
