package mgc.runtime.train;

import java.nio.file.Path;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import mgc.runtime.data.Dataset;

/**
 * A trainer that runs outside this JVM's threads (Spark: {@code mgc train --engine spark}), found by
 * name with {@link ServiceLoader}, so that the CLI needs no compile-time dependency on it and does not
 * carry it: the module is on the class path only when the launcher puts it there.
 */
public interface TrainingEngine {

    /** The {@code --engine} name. */
    String name();

    /**
     * Trains {@code job.modelJar()} (a jar written by {@code mgc compile}) on {@code job.data()} with the
     * same objective, optimiser and schedule as {@link Trainer}, reporting to {@code listener}.
     */
    Outcome train(Job job, TrainingListener listener);

    /** Asks a running {@code train} to stop before its next step (for a SIGINT handler). */
    void requestStop();

    /**
     * What to train: {@code data} is a data spec as {@link mgc.runtime.data.DataSpec#parse} reads it
     * (relative to {@code baseDir}) or a Parquet file; {@code master} may be null (spark-submit sets it);
     * {@code resume} continues a checkpoint (may be null); bad rows are skipped (and counted) only with
     * {@code skipBadRows}; up to {@code plotSample} examples come back for plots.
     */
    record Job(Path modelJar, String data, Path baseDir, String master, TrainConfig config, CheckpointState resume,
               boolean skipBadRows, int plotSample) { }

    /** The run, and a sample of the training data for plots (empty when none was asked for). */
    record Outcome(TrainResult result, Dataset sample) { }

    /** The engine called {@code name} on the class path, or an {@link IllegalArgumentException} saying how to get it. */
    static TrainingEngine find(String name) {
        try {
            for (TrainingEngine e : ServiceLoader.load(TrainingEngine.class))
                if (e.name().equals(name)) return e;
        } catch (ServiceConfigurationError e) {
            throw new IllegalArgumentException("the " + name + " engine cannot start: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("no training engine `" + name + "` on the class path (the `mgc` launcher adds"
                + " mgc-spark for `--engine spark`; build it with `mvn -pl spark -am package`)");
    }
}
