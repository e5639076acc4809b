package mgc.runtime.train;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;

/** Writes one line every {@code every} steps, and at the last step, like micrograd's demo loop. */
public final class PlainLogListener implements TrainingListener {
    private final PrintWriter out;
    private int every;
    private boolean tenths;
    private int total;

    public PlainLogListener(PrintStream out, int every) {
        this(new PrintWriter(out, true), every);
    }

    public PlainLogListener(PrintWriter out, int every) {
        if (every < 1) throw new IllegalArgumentException("log interval must be at least 1, not " + every);
        this.out = out;
        this.every = every;
    }

    /** One line every tenth of the run, whose length it learns at the start (for engines that count the data first). */
    public static PlainLogListener tenths(PrintWriter out) {
        PlainLogListener l = new PlainLogListener(out, 1);
        l.tenths = true;
        return l;
    }

    @Override
    public void onStart(int firstStep, int totalSteps) {
        total = totalSteps;
        if (tenths) every = Math.max(1, totalSteps / 10);
        out.println(firstStep == 0 ? "training for " + totalSteps + " steps"
                : "resuming at step " + firstStep + " of " + totalSteps);
    }

    @Override
    public void onStep(int step, double loss, double accuracy, double examplesPerSecond) {
        if (step % every != 0 && step != total - 1) return;
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "step %d loss %.6g", step, loss));
        if (!Double.isNaN(accuracy)) sb.append(String.format(Locale.ROOT, ", accuracy %.1f%%", 100 * accuracy));
        sb.append(String.format(Locale.ROOT, " (%.0f examples/s)", examplesPerSecond));
        out.println(sb);
    }

    @Override
    public void onTest(int epoch, int steps, double loss, double accuracy) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "epoch %d (step %d): test loss %.6g", epoch, steps, loss));
        if (!Double.isNaN(accuracy)) sb.append(String.format(Locale.ROOT, ", test accuracy %.2f%%", 100 * accuracy));
        out.println(sb);
    }

    @Override
    public void onEnd(TrainResult r) {
        StringBuilder sb = new StringBuilder(r.stopped() ? "stopped after " : "done: ").append(r.steps()).append(" steps");
        int ran = r.steps() - r.firstStep();
        if (ran > 0 && r.seconds() > 0) {
            sb.append(String.format(Locale.ROOT, " in %.3f s (%.4f ms/step)", r.seconds(), 1e3 * r.seconds() / ran));
        }
        sb.append(String.format(Locale.ROOT, ", loss %.6g", r.finalLoss()));
        if (!Double.isNaN(r.finalAccuracy())) sb.append(String.format(Locale.ROOT, ", accuracy %.1f%%", 100 * r.finalAccuracy()));
        if (!Double.isNaN(r.validationLoss())) {
            sb.append(String.format(Locale.ROOT, "; validation loss %.6g", r.validationLoss()));
            if (!Double.isNaN(r.validationAccuracy()))
                sb.append(String.format(Locale.ROOT, ", accuracy %.1f%%", 100 * r.validationAccuracy()));
        }
        out.println(sb);
        out.flush();
    }
}
