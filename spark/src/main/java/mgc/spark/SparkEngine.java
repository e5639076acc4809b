package mgc.spark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mgc.runtime.Initializers;
import mgc.runtime.ModelSignature;
import mgc.runtime.Models;
import mgc.runtime.data.DataException;
import mgc.runtime.data.Dataset;
import mgc.runtime.train.TrainResult;
import mgc.runtime.train.TrainingEngine;
import mgc.runtime.train.TrainingListener;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.ShutdownHookManager;
import scala.runtime.BoxedUnit;

/** {@code mgc train --engine spark}: reads the data with Spark SQL and trains with {@link SparkTrainer}. */
public final class SparkEngine implements TrainingEngine {
    /** How long a stop request waits for the current step, the checkpoint and the final measurement. */
    private static final int STOP_WAIT_SECONDS = 120;

    private final PrintStream log;
    private volatile SparkTrainer running;

    /** For {@link java.util.ServiceLoader}; notes (skipped rows) go to standard error. */
    public SparkEngine() {
        this(System.err);
    }

    public SparkEngine(PrintStream log) {
        this.log = log;
    }

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public void requestStop() {
        SparkTrainer t = running;
        if (t != null) t.requestStop();
    }

    @Override
    public Outcome train(Job job, TrainingListener listener) {
        ShippedModel shipped = new ShippedModel(Models.read(job.modelJar()));
        SparkSession.Builder b = SparkSession.builder().appName("mgc train " + job.modelJar().getFileName())
                .config("spark.ui.enabled", "false");
        if (job.master() != null) b.master(job.master());
        boolean ours = SparkSession.getDefaultSession().isEmpty(); // a session someone else started stays up
        SparkSession spark = b.getOrCreate();
        try {
            return train(spark, shipped, job, listener);
        } finally {
            if (ours) spark.stop();
        }
    }

    /** Trains in an existing session (left running). */
    public Outcome train(SparkSession spark, ShippedModel shipped, Job job, TrainingListener listener) {
        ModelSignature sig = shipped.model().signature();
        JavaRDD<Block> data;
        SparkData.Summary summary;
        try {
            data = SparkData.read(spark, job.data(), job.baseDir(), sig);
            summary = SparkData.summarize(data, shipped);
        } catch (Exception e) { // Spark's AnalysisException is checked in Scala's eyes only
            if (e instanceof AnalysisException a) throw new DataException(job.data(), 0, 0, "cannot read: " + a.getSimpleMessage());
            throw e;
        }
        if (summary.badRows() > 0) {
            if (!job.skipBadRows())
                throw new DataException(job.data(), 0, 0, summary.badRows() + " bad row" + (summary.badRows() == 1 ? "" : "s")
                        + "; the first: " + summary.firstBadRow() + " (fix the data, or pass --skip-bad-rows to skip them)");
            log.println("mgc: skipped " + summary.badRows() + " bad row" + (summary.badRows() == 1 ? "" : "s")
                    + " of " + (summary.examples() + summary.badRows()) + " (--skip-bad-rows)");
        }
        SparkTrainer trainer = new SparkTrainer(JavaSparkContext.fromSparkContext(spark.sparkContext()));
        running = trainer;
        // On SIGTERM or Ctrl-C Spark stops its executors and context from its own shutdown hooks, under a
        // running job. This hook runs before all of them (the highest priority in Spark's hook manager) and
        // lets the run stop cleanly between two steps and write its checkpoint while Spark is still up.
        CountDownLatch done = new CountDownLatch(1);
        Object hook = ShutdownHookManager.addShutdownHook(ShutdownHookManager.DEFAULT_SHUTDOWN_PRIORITY() + 10, () -> {
            trainer.requestStop();
            try {
                done.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return BoxedUnit.UNIT;
        });
        try {
            TrainResult result = trainer.train(shipped, data, summary, Initializers.initialize(sig, job.config().seed()),
                    job.config(), job.resume(), listener);
            return new Outcome(result, sample(data, job.plotSample(), sig));
        } finally {
            running = null;
            data.unpersist(false);
            done.countDown();
            ShutdownHookManager.removeShutdownHook(hook);
        }
    }

    /** About {@code max} examples, the first ones of each partition. */
    private static Dataset sample(JavaRDD<Block> data, int max, ModelSignature sig) {
        if (max <= 0) return new Dataset(0, sig.inputSize(), sig.targetSize(), new double[0], new double[0]);
        int each = (max + data.getNumPartitions() - 1) / data.getNumPartitions();
        List<Block> heads = new ArrayList<>(data.map(b -> b.head(each)).collect());
        int n = 0;
        for (Block h : heads) n += h.count;
        double[] in = new double[n * sig.inputSize()];
        double[] tg = new double[n * sig.targetSize()];
        int at = 0;
        for (Block h : heads) {
            System.arraycopy(h.inputs, 0, in, at * sig.inputSize(), h.inputs.length);
            System.arraycopy(h.targets, 0, tg, at * sig.targetSize(), h.targets.length);
            at += h.count;
        }
        return new Dataset(n, sig.inputSize(), sig.targetSize(), in, tg);
    }
}
