package mgc.runtime.train;

/**
 * The loss or a gradient became NaN or infinite. The parameters are left as they were before the step
 * named; {@link #lastGoodState()} holds them with the optimiser's state, ready to save.
 */
public class TrainingDivergedException extends RuntimeException {
    private final int step;
    private final transient CheckpointState lastGoodState;

    public TrainingDivergedException(int step, String what, CheckpointState lastGoodState) {
        super("training diverged at step " + step + ": " + what
                + " (try a smaller learning rate, or gradient clipping)");
        this.step = step;
        this.lastGoodState = lastGoodState;
    }

    public int step() {
        return step;
    }

    public CheckpointState lastGoodState() {
        return lastGoodState;
    }
}
