package mgc.compiler.cli;

import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import mgc.runtime.train.TrainResult;
import mgc.runtime.train.TrainingListener;

/** A live progress bar on a terminal: step, loss, accuracy, examples/s and ETA. */
final class ProgressListener implements TrainingListener {
    private ProgressBar bar;
    private double lastAccuracy = Double.NaN;
    private double testAccuracy = Double.NaN;
    private double testLoss = Double.NaN;

    @Override
    public void onStart(int firstStep, int totalSteps) {
        bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(totalSteps).startsFrom(firstStep, java.time.Duration.ZERO)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(100).continuousUpdate()
                .setMaxRenderedLength(110).build();
    }

    @Override
    public void onStep(int step, double loss, double accuracy, double examplesPerSecond) {
        if (!Double.isNaN(accuracy)) lastAccuracy = accuracy;
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "loss %.4g", loss));
        if (!Double.isNaN(lastAccuracy)) sb.append(String.format(Locale.ROOT, " acc %.1f%%", 100 * lastAccuracy));
        if (!Double.isNaN(testAccuracy)) sb.append(String.format(Locale.ROOT, " test %.2f%%", 100 * testAccuracy));
        else if (!Double.isNaN(testLoss)) sb.append(String.format(Locale.ROOT, " test loss %.4g", testLoss));
        sb.append(String.format(Locale.ROOT, " %.3g ex/s", examplesPerSecond));
        bar.setExtraMessage(sb.toString());
        bar.stepTo(step + 1L);
    }

    @Override
    public void onTest(int epoch, int steps, double loss, double accuracy) {
        testLoss = loss;
        testAccuracy = accuracy;
    }

    @Override
    public void onEnd(TrainResult result) {
        close();
    }

    void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
