package mgc.runtime.train;

import java.util.Arrays;
import java.util.SplittableRandom;
import mgc.runtime.CompiledModel;
import mgc.runtime.ModelSignature;
import mgc.runtime.data.Dataset;
import mgc.runtime.optim.Optimizer;

/**
 * Trains a compiled model by minibatch gradient descent.
 *
 * <p>Each step takes a batch, computes the objective {@code (sum of per-example losses) / batchSize +
 * penalty} and its gradient (the penalty and its gradient once per batch), checks both are finite, clips
 * the gradient's global norm if asked, and lets the optimiser update the parameters with the schedule's
 * rate for that step ({@link StepRule}, which the Spark engine applies too).
 *
 * <p>Batches: with {@code batch = all} every step sees the whole set in its order. Otherwise each epoch
 * walks a permutation of the examples, {@code new SplittableRandom(new SplittableRandom(seed + epoch)
 * .nextLong())} shuffled with {@link Dataset#shuffle}, in consecutive batches (the last one of an epoch
 * may be smaller); step-count runs continue across epochs.
 *
 * <p>Threads: a batch is cut into {@code threads} contiguous ranges; the caller computes the first and
 * a fixed pool of daemon threads (made once per run) the others, each with its own gradient buffer and
 * scratch array. Buffers are summed in range order, so a run is reproducible for a given seed and
 * thread count; one thread uses no pool. Different thread counts agree up to float reassociation.
 *
 * <p>{@link #requestStop()} (for a SIGINT handler) ends the run cleanly between two steps; the result
 * says it stopped and carries the state to save.
 */
public final class Trainer {

    /**
     * Training accuracy at log steps is measured on at most this many examples (evenly spaced over the
     * set): on MNIST's 60,000 a full pass at every log step cost more than the training itself.
     */
    static final int PROGRESS_SAMPLE = 10_000;

    private volatile boolean stopRequested;

    /** Asks a running (or the next) {@code train} / {@code resume} to stop before its next step. */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Trains from {@code params}, updating that array in place. {@code validation} may be null.
     *
     * @throws TrainingDivergedException if the loss or the gradient becomes NaN or infinite
     */
    public TrainResult train(CompiledModel model, double[] params, Dataset train, Dataset validation,
                             TrainConfig config, TrainingListener listener) {
        return new Run(model, params, new StepRule(model, config), train, config, config.seed(), 0, 0, 0)
                .execute(validation, listener);
    }

    /**
     * Continues the run a checkpoint was taken from, with the same data and configuration; the shuffle
     * seed is the checkpoint's. The result equals an uninterrupted run's bit for bit.
     */
    public TrainResult resume(CompiledModel model, CheckpointState state, Dataset train, Dataset validation,
                              TrainConfig config, TrainingListener listener) {
        StepRule rule = new StepRule(model, config);
        rule.restore(state);
        if (state.position() >= Math.max(1, train.size()))
            throw new CheckpointException("the checkpoint stopped at example " + state.position()
                    + " of an epoch, but the training set has " + train.size() + " examples: has the data changed?");
        return new Run(model, state.params().clone(), rule, train, config, state.seed(), state.step(), state.epoch(),
                state.position()).execute(validation, listener);
    }

    /** One training run: its buffers, its position in the data, and the work of one step. */
    private final class Run implements WorkerPool.Share {
        final CompiledModel model;
        final ModelSignature sig;
        final double[] params;
        final StepRule rule;
        final Optimizer optimizer;
        final Dataset data;
        final TrainConfig config;
        final long seed;
        final int firstStep;
        int step;
        int epoch;
        int position;

        final int n;
        final int batch;
        final boolean full;
        final int threads;
        final double[] grad;
        final double[][] workerGrads;
        final double[][] scratches;
        final double[] losses;
        final int[] perm;
        final double[] batchInputs;
        final double[] batchTargets;

        /** {@code grad} is all zeros: the last step's optimiser cleared it ({@link StepRule#applyAndClear}). */
        boolean gradClear;

        // the current batch, read by the workers
        double[] inputs;
        double[] targets;
        int count;

        Run(CompiledModel model, double[] params, StepRule rule, Dataset data, TrainConfig config, long seed,
            int step, int epoch, int position) {
            this.model = model;
            this.sig = model.signature();
            this.params = params;
            this.rule = rule;
            this.optimizer = rule.optimizer();
            this.data = data;
            this.config = config;
            this.seed = seed;
            this.firstStep = step;
            this.step = step;
            this.epoch = epoch;
            this.position = position;
            check(sig, params, data);
            n = data.size();
            batch = config.effectiveBatch(n);
            full = batch == n;
            threads = Math.min(config.threads(), batch);
            int p = sig.paramSize();
            grad = new double[p];
            workerGrads = new double[threads][];
            scratches = new double[threads][];
            for (int k = 0; k < threads; k++) {
                workerGrads[k] = k == 0 ? grad : new double[p];
                scratches[k] = model.newScratch();
            }
            losses = new double[threads];
            perm = full ? null : new int[n];
            batchInputs = full ? null : new double[batch * data.inputSize()];
            batchTargets = full ? null : new double[batch * data.targetSize()];
            if (!full) permute();
        }

        TrainResult execute(Dataset validation, TrainingListener listener) {
            int total = config.totalSteps(n);
            int logEvery = config.logInterval(total);
            Metrics metrics = new Metrics(model, data);
            Metrics progress = n <= PROGRESS_SAMPLE ? metrics : new Metrics(model, data.subset(evenlySpaced(n, PROGRESS_SAMPLE)));
            double[] lossHistory = new double[Math.max(0, total - firstStep)];
            double[] accHistory = new double[lossHistory.length];
            Arrays.fill(accHistory, Double.NaN);
            boolean stopped = false;
            listener.onStart(firstStep, total);
            long t0 = System.nanoTime();
            long examples = 0;
            try (WorkerPool pool = threads > 1 ? new WorkerPool(threads, this) : null) {
                while (step < total) {
                    if (stopRequested) {
                        stopped = true;
                        break;
                    }
                    int epochBefore = epoch;
                    int positionBefore = position;
                    nextBatch();
                    boolean fused = rule.fuses(count);
                    double loss = objectiveAndGradient(pool, fused);
                    checkFinite(loss, epochBefore, positionBefore);
                    double acc = (step % logEvery == 0 || step == total - 1) ? progress.accuracy(params) : Double.NaN;
                    if (fused) rule.applyAndClear(params, grad, count, step, total);
                    else rule.apply(params, grad, step, total);
                    gradClear = fused;
                    examples += count;
                    lossHistory[step - firstStep] = loss;
                    accHistory[step - firstStep] = acc;
                    listener.onStep(step, loss, acc, examples / Math.max(1e-9, (System.nanoTime() - t0) / 1e9));
                    step++;
                    if (epoch != epochBefore) listener.onEpoch(epoch, step, params);
                    if (config.checkpoint() != null && config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0
                            && step < total)
                        saveBetweenSteps(listener);
                }
            } finally {
                stopRequested = false;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            CheckpointState state = state(params, optimizer.state(), epoch, position);
            if (config.checkpoint() != null) Checkpoint.save(config.checkpoint(), sig, state);
            Metrics.Evaluation fin = metrics.evaluate(params);
            Metrics.Evaluation v = validation == null ? new Metrics.Evaluation(Double.NaN, Double.NaN)
                    : new Metrics(model, validation).evaluate(params);
            int done = step - firstStep;
            TrainResult result = new TrainResult(metrics.task(), firstStep, step, total, stopped,
                    fin.objective(), fin.accuracy(), v.objective(), v.accuracy(),
                    trim(lossHistory, done), trim(accHistory, done), seconds, state);
            listener.onEnd(result);
            return result;
        }

        /** A periodic checkpoint: the listener decides whether a failed write ends the run. */
        private void saveBetweenSteps(TrainingListener listener) {
            try {
                Checkpoint.save(config.checkpoint(), sig, state(params, optimizer.state(), epoch, position));
            } catch (CheckpointException e) {
                listener.onCheckpointFailed(step, e);
            }
        }

        private CheckpointState state(double[] p, double[] optState, int ep, int pos) {
            return new CheckpointState(p, optimizer.name(), optState, step, seed, ep, pos);
        }

        /** Points {@code inputs}/{@code targets}/{@code count} at the next batch and advances the position. */
        private void nextBatch() {
            if (full) {
                inputs = data.inputs();
                targets = data.targets();
                count = n;
                epoch++;
                return;
            }
            int in = data.inputSize();
            int tg = data.targetSize();
            count = Math.min(batch, n - position);
            for (int i = 0; i < count; i++) {
                int j = perm[position + i];
                System.arraycopy(data.inputs(), j * in, batchInputs, i * in, in);
                System.arraycopy(data.targets(), j * tg, batchTargets, i * tg, tg);
            }
            inputs = batchInputs;
            targets = batchTargets;
            position += count;
            if (position == n) {
                position = 0;
                epoch++;
                permute();
            }
        }

        private void permute() {
            for (int i = 0; i < n; i++) perm[i] = i;
            Dataset.shuffle(perm, new SplittableRandom(new SplittableRandom(seed + epoch).nextLong()));
        }

        /**
         * Leaves the objective's gradient in {@code grad} and returns the objective; with {@code fused} (the
         * one-pass route, {@link StepRule#fuses}) leaves the summed gradient there for the optimiser to divide.
         */
        private double objectiveAndGradient(WorkerPool pool, boolean fused) {
            double sum;
            if (pool == null) {
                if (!gradClear) Arrays.fill(grad, 0);
                sum = model.lossAndGradient(params, inputs, targets, 0, count, grad, scratches[0]);
            } else {
                pool.run();
                sum = losses[0];
                for (int k = 1; k < threads; k++) {
                    sum += losses[k];
                    double[] g = workerGrads[k];
                    for (int i = 0; i < grad.length; i++) grad[i] += g[i];
                }
            }
            return fused ? rule.undividedObjective(params, sum, count) : rule.objective(params, grad, sum, count);
        }

        /** Share {@code k} of the batch, on worker {@code k} (0 is the caller). */
        @Override
        public void run(int k) {
            int from = (int) ((long) k * count / threads);
            int to = (int) ((long) (k + 1) * count / threads);
            double[] g = workerGrads[k];
            if (k != 0 || !gradClear) Arrays.fill(g, 0);   // worker 0's buffer is grad
            losses[k] = model.lossAndGradient(params, inputs, targets, from, to, g, scratches[k]);
        }

        /** Throws if the objective or the gradient is not finite; clips the gradient's norm if asked. */
        private void checkFinite(double loss, int epochBefore, int positionBefore) {
            String bad = rule.checkAndClip(loss, grad);
            if (bad != null) throw diverged(bad, epochBefore, positionBefore);
        }

        private TrainingDivergedException diverged(String what, int epochBefore, int positionBefore) {
            return new TrainingDivergedException(step, what,
                    state(params.clone(), optimizer.state(), epochBefore, positionBefore));
        }
    }

    private static int[] evenlySpaced(int n, int count) {
        int[] idx = new int[count];
        for (int i = 0; i < count; i++) idx[i] = (int) ((long) i * n / count);
        return idx;
    }

    private static double[] trim(double[] history, int length) {
        return history.length == length ? history : Arrays.copyOf(history, length);
    }

    private static void check(ModelSignature sig, double[] params, Dataset data) {
        if (params.length != sig.paramSize())
            throw new IllegalArgumentException("model `" + sig.modelName() + "` has " + sig.paramSize()
                    + " parameters; got an array of " + params.length);
        if (data.size() == 0) throw new IllegalArgumentException("the training set has no examples");
        if (data.inputSize() != sig.inputSize() || data.targetSize() != sig.targetSize())
            throw new IllegalArgumentException("model `" + sig.modelName() + "` takes " + sig.inputSize() + " inputs and "
                    + sig.targetSize() + " targets per example; the data has " + data.inputSize() + " and " + data.targetSize());
    }
}
