package mgc.runtime.train;

/** Progress of a training run, called on the training thread (keep it quick). */
public interface TrainingListener {

    /** Before the first step; {@code firstStep > 0} when resuming. */
    default void onStart(int firstStep, int totalSteps) { }

    /**
     * After step {@code step} (counted from 0): the batch objective before the update, the training
     * accuracy at the same parameters (NaN unless this is a log step of a classification task; measured on
     * at most 10,000 evenly spaced examples of a larger set), and the throughput so far.
     */
    default void onStep(int step, double loss, double accuracy, double examplesPerSecond) { }

    /**
     * A periodic checkpoint (every {@code checkpointEvery} steps, after step {@code step}) could not be
     * written; the previous one is intact. By default the run ends with {@code e}; a listener that returns
     * lets training go on (a later save may succeed). The final save's failure is always thrown.
     */
    default void onCheckpointFailed(int step, CheckpointException e) {
        throw e;
    }

    /**
     * After the step that completed epoch {@code epoch} (counted from 1; with {@code batch = all} every step
     * is an epoch), {@code steps} steps in: the parameters at that point, to evaluate a test set. Read them,
     * do not keep or modify them.
     */
    default void onEpoch(int epoch, int steps, double[] params) { }

    /** A test-set evaluation after epoch {@code epoch} (see {@link TestEvaluation}): objective and accuracy (NaN for regression). */
    default void onTest(int epoch, int steps, double loss, double accuracy) { }

    /** After the run, stopped or not (not called when training diverges). */
    default void onEnd(TrainResult result) { }

    TrainingListener NONE = new TrainingListener() { };
}
