package mgc.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicBoolean;
import mgc.runtime.CompiledModel;
import mgc.runtime.Initializers;
import mgc.runtime.ModelSignature;
import mgc.runtime.data.DataSpec;
import mgc.runtime.data.Dataset;
import mgc.runtime.train.Checkpoint;
import mgc.runtime.train.CheckpointState;
import mgc.runtime.train.TrainConfig;
import mgc.runtime.train.TrainResult;
import mgc.runtime.train.Trainer;
import mgc.runtime.train.TrainingListener;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkTrainerTest {

    /**
     * Relative tolerance between Spark's and the local trainer's parameters after {@link #PARITY_STEPS}
     * full-batch steps. Both compute the same per-example terms with the same generated code; they only
     * add them in a different order (the local trainer sums 100 examples left to right, Spark sums four
     * partitions of 25 and then the four sums). Reassociating a sum of n terms changes it by at most
     * about n·u·Σ|terms| (u = 2^-53 ≈ 1.1e-16), so each step's gradient differs by ~1e-14 relative; 30
     * SGD steps with lr ≤ 1 on this small, smooth-almost-everywhere network amplify that by a modest
     * factor, far below 1e-9 (measured: the largest difference is 6e-16). A ReLU exactly at its kink
     * could flip and break the bound, but no activation of this data comes within 1e-9 of one.
     */
    static final double PARITY_TOLERANCE = 1e-9;
    static final int PARITY_STEPS = 30;

    private static ModelSignature sig(ShippedModel m) {
        return m.model().signature();
    }

    private static Dataset moons(ModelSignature sig) {
        return DataSpec.parse(sig.trainDefaults().get("data"), TestSpark.examples()).load(sig);
    }

    private static TrainConfig.Builder moonsConfig(ModelSignature sig) {
        return TrainConfig.builder().setAll(sig.trainDefaults()).threads(1);
    }

    private static TrainResult spark(ShippedModel shipped, JavaRDD<Block> blocks, TrainConfig config, CheckpointState resume,
                                     TrainingListener listener) {
        ModelSignature sig = sig(shipped);
        return new SparkTrainer(TestSpark.sc()).train(shipped, blocks, SparkData.summarize(blocks, shipped),
                Initializers.initialize(sig, config.seed()), config, resume, listener);
    }

    @Test
    void fullBatchParametersEqualTheLocalTrainersWithinRoundoff() {
        ShippedModel shipped = TestSpark.shipped("moons");
        ModelSignature sig = sig(shipped);
        Dataset data = moons(sig);
        TrainConfig config = moonsConfig(sig).steps(PARITY_STEPS).build();

        double[] local = Initializers.initialize(sig, config.seed());
        TrainResult l = new Trainer().train(shipped.model(), local, data, null, config, TrainingListener.NONE);
        JavaRDD<Block> blocks = SparkData.parallelize(TestSpark.sc(), data, 4).cache();
        TrainResult s = spark(shipped, blocks, config, null, TrainingListener.NONE);

        assertEquals(PARITY_STEPS, s.steps());
        double worst = 0;
        for (int i = 0; i < local.length; i++)
            worst = Math.max(worst, Math.abs(local[i] - s.params()[i]) / Math.max(1, Math.abs(local[i])));
        assertTrue(worst <= PARITY_TOLERANCE, "largest relative difference " + worst);
        assertNotEquals(0, Arrays.stream(local).map(Math::abs).sum(), "the parameters moved");
        for (int k = 0; k < PARITY_STEPS; k++)
            assertEquals(l.lossHistory()[k], s.lossHistory()[k], PARITY_TOLERANCE * Math.abs(l.lossHistory()[k]), "loss at step " + k);
        assertEquals(l.finalLoss(), s.finalLoss(), PARITY_TOLERANCE * l.finalLoss());
        assertEquals(l.finalAccuracy(), s.finalAccuracy());
        blocks.unpersist(false);
    }

    @Test
    void moonsReachesFullAccuracyInOneHundredSteps() {
        ShippedModel shipped = TestSpark.shipped("moons");
        ModelSignature sig = sig(shipped);
        TrainConfig config = moonsConfig(sig).build();
        JavaRDD<Block> blocks = SparkData.parallelize(TestSpark.sc(), moons(sig), 2).cache();
        TrainResult r = spark(shipped, blocks, config, null, TrainingListener.NONE);
        assertEquals(100, r.steps());
        assertEquals(1.0, r.finalAccuracy());
        assertEquals(1.0, r.accuracyHistory()[99], "the last step is a log step");
        blocks.unpersist(false);
    }

    /** Set by the first task that throws; static because local mode runs tasks in this JVM. */
    static final AtomicBoolean FAILED_ONCE = new AtomicBoolean();

    @Test
    void aTaskThatFailsOnItsFirstAttemptIsRetriedAndTheResultIsUnchanged() {
        ShippedModel shipped = TestSpark.shipped("moons");
        ModelSignature sig = sig(shipped);
        TrainConfig config = moonsConfig(sig).steps(10).build();
        // two partitions: the driver adds two partial sums, which commute exactly, so the runs agree bit for bit
        JavaRDD<Block> blocks = SparkData.parallelize(TestSpark.sc(), moons(sig), 2).cache();
        JavaRDD<Block> flaky = blocks.mapPartitionsWithIndex((Integer partition, Iterator<Block> it) -> {
            if (partition == 1 && TaskContext.get().attemptNumber() == 0 && FAILED_ONCE.compareAndSet(false, true))
                throw new IllegalStateException("injected failure of partition 1, attempt 0");
            return it;
        }, true);

        TrainResult clean = spark(shipped, blocks, config, null, TrainingListener.NONE);
        TrainResult retried = spark(shipped, flaky, config, null, TrainingListener.NONE);
        assertTrue(FAILED_ONCE.get(), "a task failed");
        assertArrayEquals(clean.params(), retried.params());
        assertArrayEquals(clean.lossHistory(), retried.lossHistory());
        blocks.unpersist(false);
    }

    @Test
    void miniBatchesAreReproducibleForASeedAndResumeExactly(@TempDir Path dir) {
        ShippedModel shipped = TestSpark.shipped("moons");
        ModelSignature sig = sig(shipped);
        JavaRDD<Block> blocks = SparkData.parallelize(TestSpark.sc(), moons(sig), 2).cache();
        TrainConfig config = moonsConfig(sig).steps(8).batchSize(20).optimizer("adam(lr = 0.01)").build();

        TrainResult a = spark(shipped, blocks, config, null, TrainingListener.NONE);
        TrainResult other = spark(shipped, blocks, moonsConfig(sig).steps(8).batchSize(20).optimizer("adam(lr = 0.01)")
                .seed(7).build(), null, TrainingListener.NONE);
        assertNotEquals(Arrays.toString(a.lossHistory()), Arrays.toString(other.lossHistory()), "another seed, other batches");

        // stop after 3 steps, save, resume to 8: the same parameters as the uninterrupted run (so runs also reproduce)
        Path checkpoint = dir.resolve("run.ckpt");
        TrainConfig saving = moonsConfig(sig).steps(8).batchSize(20).optimizer("adam(lr = 0.01)").checkpoint(checkpoint, 0).build();
        SparkTrainer trainer = new SparkTrainer(TestSpark.sc());
        TrainResult first = trainer.train(shipped, blocks, SparkData.summarize(blocks, shipped),
                Initializers.initialize(sig, saving.seed()), saving, null, new TrainingListener() {
                    @Override public void onStep(int step, double loss, double accuracy, double examplesPerSecond) {
                        if (step == 2) trainer.requestStop();
                    }
                });
        assertTrue(first.stopped());
        assertTrue(Files.exists(checkpoint));
        CheckpointState state = Checkpoint.load(checkpoint, sig);
        assertEquals(3, state.step());
        TrainResult resumed = spark(shipped, blocks, saving, state, TrainingListener.NONE);
        assertEquals(8, resumed.steps());
        assertArrayEquals(a.params(), resumed.params());
        blocks.unpersist(false);
    }

    @Test
    void theModelIsDefinedOncePerJvmAndSharedByItsHash() {
        ShippedModel a = TestSpark.shipped("moons");
        ShippedModel b = TestSpark.shipped("moons");
        assertEquals(a.hash(), b.hash());
        CompiledModel m = a.model();
        assertSame(m, b.model());
        assertNotEquals(a.hash(), TestSpark.shipped("linear").hash());
    }
}
