package mgc.runtime.train;

/**
 * The outcome of a run. {@code steps} is the number of steps done in total (counting those before a
 * resume); history entry {@code i} is step {@code firstStep + i}; accuracies are NaN where not measured
 * (regression, or not a log step); validation figures are NaN without a validation set. Final figures
 * are measured on the whole training set with the final parameters.
 */
public record TrainResult(Task task, int firstStep, int steps, int totalSteps, boolean stopped,
                          double finalLoss, double finalAccuracy, double validationLoss, double validationAccuracy,
                          double[] lossHistory, double[] accuracyHistory, double seconds, CheckpointState finalState) {

    /** The trained parameters (the array the trainer updated). */
    public double[] params() {
        return finalState.params();
    }
}
