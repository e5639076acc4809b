package mgc.compiler.cli;

import java.io.PrintWriter;
import mgc.runtime.train.CheckpointException;
import mgc.runtime.train.TrainResult;
import mgc.runtime.train.TrainingListener;

/**
 * A failed periodic checkpoint (full disk, read-only directory) is a warning and training goes on, since
 * a later save may succeed; the same reason is said once, not at every step. The final save's failure
 * is still an error (the trainer throws it).
 */
final class SaveFailureWarnings implements TrainingListener {
    private final TrainingListener progress;
    private final PrintWriter err;
    private String lastWarning;

    SaveFailureWarnings(TrainingListener progress, PrintWriter err) {
        this.progress = progress;
        this.err = err;
    }

    @Override
    public void onCheckpointFailed(int step, CheckpointException e) {
        if (e.getMessage().equals(lastWarning)) return;
        lastWarning = e.getMessage();
        err.println("mgc: warning: after step " + step + ": " + e.getMessage() + "; training goes on");
        err.flush();
    }

    @Override public void onStart(int firstStep, int totalSteps) { progress.onStart(firstStep, totalSteps); }

    @Override
    public void onStep(int step, double loss, double accuracy, double examplesPerSecond) {
        progress.onStep(step, loss, accuracy, examplesPerSecond);
    }

    @Override public void onEpoch(int epoch, int steps, double[] params) { progress.onEpoch(epoch, steps, params); }

    @Override public void onTest(int epoch, int steps, double loss, double accuracy) { progress.onTest(epoch, steps, loss, accuracy); }

    @Override public void onEnd(TrainResult result) { progress.onEnd(result); }
}
