package mgc.runtime.train;

import java.nio.file.Path;
import java.util.Map;
import mgc.runtime.optim.OptimizerSpec;
import mgc.runtime.spec.Numbers;
import mgc.runtime.spec.SpecException;

/**
 * How to train. Exactly one of {@code steps} and {@code epochs} is positive. {@code batchSize} 0 means
 * the whole training set each step ({@code batch = all}). {@code seed} drives shuffling (and
 * {@code validationSplit}, which the caller applies with {@link mgc.runtime.data.Dataset#split}).
 * {@code gradClip} 0 means no clipping, otherwise the global gradient norm is clipped to it.
 * {@code logEvery} is the interval of accuracy measurements (0: a tenth of the run). With a {@code checkpoint} path the trainer
 * saves every {@code checkpointEvery} steps (0: only at the end) and when it stops.
 */
public record TrainConfig(int steps, int epochs, int batchSize, long seed, OptimizerSpec optimizer, int threads,
                          double gradClip, double validationSplit, int logEvery, Path checkpoint, int checkpointEvery) {

    public TrainConfig {
        if ((steps > 0) == (epochs > 0)) throw new SpecException("give either steps or epochs (one of them, positive)");
        if (steps < 0 || epochs < 0) throw new SpecException("steps and epochs must not be negative");
        if (batchSize < 0) throw new SpecException("batch must be `all` or at least 1, not " + batchSize);
        if (threads < 1) throw new SpecException("threads must be at least 1, not " + threads);
        if (!(gradClip >= 0)) throw new SpecException("clip must be 0 (off) or positive, not " + gradClip);
        if (!(validationSplit >= 0 && validationSplit < 1)) throw new SpecException("split must be in [0, 1), not " + validationSplit);
        if (logEvery < 0) throw new SpecException("log must be at least 1, not " + logEvery);
        if (checkpointEvery < 0) throw new SpecException("checkpoint interval must not be negative");
        if (optimizer == null) throw new SpecException("no optimizer");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Total number of steps for a training set of {@code n} examples. */
    public int totalSteps(int n) {
        if (steps > 0) return steps;
        long perEpoch = (n + (long) effectiveBatch(n) - 1) / effectiveBatch(n);
        long total = perEpoch * epochs;
        if (total > Integer.MAX_VALUE) throw new SpecException(epochs + " epochs of " + n + " examples are too many steps");
        return (int) total;
    }

    /** The accuracy interval for a run of {@code total} steps. */
    public int logInterval(int total) {
        return logEvery > 0 ? logEvery : Math.max(1, total / 10);
    }

    /** The batch size for {@code n} examples ({@code all} and sizes above n mean n). */
    public int effectiveBatch(int n) {
        return batchSize == 0 ? n : Math.min(batchSize, n);
    }

    /**
     * Defaults: {@code steps = 100}, {@code batch = all}, {@code seed = 0}, {@code optimizer = sgd(lr = 0.1)},
     * {@code threads = availableProcessors}, no clipping, no split, {@code log} a tenth of the run.
     */
    public static final class Builder {
        private int steps = 100;
        private int epochs;
        private int batchSize;
        private long seed;
        private OptimizerSpec optimizer = OptimizerSpec.parse("sgd(lr = 0.1)");
        private int threads = Runtime.getRuntime().availableProcessors();
        private double gradClip;
        private double split;
        private int logEvery;
        private Path checkpoint;
        private int checkpointEvery;
        private String lr;

        public Builder steps(int steps) { this.steps = steps; this.epochs = 0; return this; }
        public Builder epochs(int epochs) { this.epochs = epochs; this.steps = 0; return this; }
        public Builder batchSize(int batchSize) { this.batchSize = batchSize; return this; }
        public Builder fullBatch() { this.batchSize = 0; return this; }
        public Builder seed(long seed) { this.seed = seed; return this; }
        public Builder optimizer(OptimizerSpec optimizer) { this.optimizer = optimizer; return this; }
        public Builder optimizer(String spec) { this.optimizer = OptimizerSpec.parse(spec); return this; }
        public Builder threads(int threads) { this.threads = threads; return this; }
        public Builder gradClip(double gradClip) { this.gradClip = gradClip; return this; }
        public Builder validationSplit(double split) { this.split = split; return this; }
        public Builder logEvery(int logEvery) { this.logEvery = logEvery; return this; }
        public Builder checkpoint(Path path, int every) { this.checkpoint = path; this.checkpointEvery = every; return this; }

        /**
         * Sets one setting from its text, as in a {@code train { }} block or {@code --set key=value}: keys
         * {@code steps}, {@code epochs}, {@code batch} (a number or {@code all}), {@code seed},
         * {@code optimizer}, {@code lr} (replaces the optimizer's rate), {@code threads}, {@code clip}, {@code split}, {@code log}.
         */
        public Builder set(String key, String value) {
            String v = value.strip();
            switch (key) {
                case "steps" -> steps(whole(key, v));
                case "epochs" -> epochs(whole(key, v));
                case "batch" -> batchSize(v.equals("all") ? 0 : positiveWhole(key, v));
                case "seed" -> {
                    if (!Numbers.isInteger(v)) throw new SpecException("`seed` must be a whole number, not `" + v + "`");
                    seed(Long.parseLong(v.replace("+", "")));
                }
                case "optimizer" -> optimizer(v);
                case "threads" -> threads(positiveWhole(key, v));
                case "clip" -> gradClip(number(key, v));
                case "split" -> validationSplit(number(key, v));
                case "log" -> logEvery(positiveWhole(key, v));
                case "lr" -> {
                    OptimizerSpec.parse(OptimizerSpec.withRate(optimizer.text(), v)); // refuse a bad rate now
                    lr = v;
                }
                default -> throw new SpecException("unknown training setting `" + key
                        + "`; expected steps, epochs, batch, seed, optimizer, lr, threads, clip, split or log");
            }
            return this;
        }

        /** Applies a model's {@code train { }} defaults; {@code data} and {@code test} are not trainer settings and are skipped. */
        public Builder setAll(Map<String, String> settings) {
            if (settings.containsKey("steps") && settings.containsKey("epochs"))
                throw new SpecException("give steps or epochs, not both");
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(settings).entrySet())
                if (!e.getKey().equals("data") && !e.getKey().equals("test")) set(e.getKey(), e.getValue());
            return this;
        }

        public TrainConfig build() {
            OptimizerSpec opt = lr == null ? optimizer : OptimizerSpec.parse(OptimizerSpec.withRate(optimizer.text(), lr));
            return new TrainConfig(steps, epochs, batchSize, seed, opt, threads, gradClip, split, logEvery,
                    checkpoint, checkpointEvery);
        }

        private static int whole(String key, String v) {
            if (!Numbers.isInteger(v) || Long.parseLong(v.replace("+", "")) > Integer.MAX_VALUE)
                throw new SpecException("`" + key + "` must be a whole number, not `" + v + "`");
            return Integer.parseInt(v.replace("+", ""));
        }

        private static int positiveWhole(String key, String v) {
            int n = whole(key, v);
            if (n < 1) throw new SpecException("`" + key + "` must be at least 1, not " + n);
            return n;
        }

        private static double number(String key, String v) {
            if (!Numbers.isDecimal(v)) throw new SpecException("`" + key + "` must be a number, not `" + v + "`");
            return Double.parseDouble(v);
        }
    }
}
