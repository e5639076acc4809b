package mgc.spark;

import java.util.Arrays;
import java.util.List;
import mgc.runtime.CompiledModel;
import mgc.runtime.ModelSignature;
import mgc.runtime.spec.SpecException;
import mgc.runtime.train.Checkpoint;
import mgc.runtime.train.CheckpointState;
import mgc.runtime.train.StepRule;
import mgc.runtime.train.Task;
import mgc.runtime.train.TrainConfig;
import mgc.runtime.train.TrainResult;
import mgc.runtime.train.TrainingDivergedException;
import mgc.runtime.train.TrainingListener;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Synchronous data-parallel training on Spark. Each step broadcasts the parameters; every partition sums
 * its examples' losses and gradients with the compiled model ({@link Partial#compute}); the driver
 * combines the partitions with {@code treeAggregate} and applies the runtime's {@link StepRule} (the
 * local trainer's objective, checks, clipping, optimiser and schedule).
 *
 * <p>Batches: with {@code batch = all} every step sees every example, and the run equals the local
 * trainer's up to the order of summation. Otherwise each example joins a step's batch with probability
 * {@code batch / n}, drawn from the seed, the step and the partition (so batches vary in size around
 * {@code batch}, and a run, or a retried task, is reproducible for a given partitioning).
 */
public final class SparkTrainer {
    private final JavaSparkContext sc;
    private volatile boolean stopRequested;

    public SparkTrainer(JavaSparkContext sc) {
        this.sc = sc;
    }

    /** Asks a running {@code train} to stop before its next step. */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Trains from {@code params} (updated in place), or from {@code resume} when it is not null, on
     * {@code data}, which {@code summary} describes.
     */
    public TrainResult train(ShippedModel shipped, JavaRDD<Block> data, SparkData.Summary summary, double[] params,
                             TrainConfig config, CheckpointState resume, TrainingListener listener) {
        if (config.validationSplit() > 0)
            throw new SpecException("the spark engine does not hold out a validation split; train without `split`");
        if (summary.examples() == 0) throw new IllegalArgumentException("the training set has no examples");
        if (summary.examples() > Integer.MAX_VALUE)
            throw new SpecException("the training set has " + summary.examples() + " examples; mgc counts steps in int");
        CompiledModel model = shipped.model();
        ModelSignature sig = model.signature();
        int n = (int) summary.examples();
        int batch = config.effectiveBatch(n);
        double fraction = batch == n ? 1 : (double) batch / n;
        int total = config.totalSteps(n);
        int logEvery = config.logInterval(total);
        boolean classify = summary.task().isClassification();

        StepRule rule = new StepRule(model, config);
        long seed = config.seed();
        int first = 0;
        if (resume != null) {
            rule.restore(resume);
            params = resume.params().clone();
            seed = resume.seed();
            first = resume.step();
        }
        if (params.length != sig.paramSize())
            throw new IllegalArgumentException("model `" + sig.modelName() + "` has " + sig.paramSize() + " parameters; got " + params.length);

        Broadcast<ShippedModel> code = sc.broadcast(shipped);
        double[] lossHistory = new double[Math.max(0, total - first)];
        double[] accHistory = new double[lossHistory.length];
        Arrays.fill(accHistory, Double.NaN);
        boolean stopped = false;
        int step = first;
        listener.onStart(first, total);
        long t0 = System.nanoTime();
        long examples = 0;
        try {
            while (step < total) {
                if (stopRequested) {
                    stopped = true;
                    break;
                }
                boolean measure = classify && (step % logEvery == 0 || step == total - 1);
                Partial p = run(code, data, params, new Partial.Work(seed, step, fraction, true, measure));
                double[] grad = p.grad;
                if (p.count == 0) { // a sampled batch can be empty on tiny data: skip the update, keep the schedule
                    lossHistory[step - first] = Double.NaN;
                    step++;
                    continue;
                }
                double loss = rule.objective(params, grad, p.loss, (int) p.count);
                String bad = rule.checkAndClip(loss, grad);
                if (bad != null)
                    throw new TrainingDivergedException(step, bad, state(params.clone(), rule, step, seed, batch, n));
                double acc = measure ? (double) p.right / p.measured : Double.NaN;
                rule.apply(params, grad, step, total);
                examples += p.count;
                lossHistory[step - first] = loss;
                accHistory[step - first] = acc;
                listener.onStep(step, loss, acc, examples / Math.max(1e-9, (System.nanoTime() - t0) / 1e9));
                step++;
                if (config.checkpoint() != null && config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0
                        && step < total)
                    Checkpoint.save(config.checkpoint(), sig, state(params, rule, step, seed, batch, n));
            }
        } finally {
            stopRequested = false;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        CheckpointState state = state(params, rule, step, seed, batch, n);
        if (config.checkpoint() != null) Checkpoint.save(config.checkpoint(), sig, state);
        Partial fin = run(code, data, params, new Partial.Work(seed, step, 1, false, classify));
        code.destroy();
        int done = step - first;
        TrainResult result = new TrainResult(summary.task(), first, step, total, stopped,
                fin.loss / fin.count + model.penalty(params, model.newScratch()),
                classify ? (double) fin.right / fin.measured : Double.NaN, Double.NaN, Double.NaN,
                Arrays.copyOf(lossHistory, done), Arrays.copyOf(accHistory, done), seconds, state);
        listener.onEnd(result);
        return result;
    }

    /** One Spark job: broadcasts the parameters, computes every partition's share, and sums them in a tree. */
    private Partial run(Broadcast<ShippedModel> code, JavaRDD<Block> data, double[] params, Partial.Work work) {
        Broadcast<double[]> p = sc.broadcast(params);
        try {
            return data.mapPartitionsWithIndex((partition, blocks) ->
                            List.of(Partial.compute(blocks, partition, work, code.value().model(), p.value())).iterator(), false)
                    .treeAggregate(new Partial(), Partial::add, Partial::add);
        } finally {
            p.destroy();
        }
    }

    /** Sampling depends on the seed and the step alone: the epoch is how many sets' worth of examples were seen. */
    private static CheckpointState state(double[] params, StepRule rule, int step, long seed, int batch, int n) {
        return new CheckpointState(params, rule.optimizer().name(), rule.optimizer().state(), step, seed,
                (int) Math.min(Integer.MAX_VALUE, (long) step * batch / n), 0);
    }
}
