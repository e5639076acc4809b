package mgc.runtime.train;

import java.util.Arrays;
import mgc.runtime.CompiledModel;
import mgc.runtime.data.Dataset;

/**
 * Evaluates a test set after every epoch of a run and at its end: a listener that passes every event on
 * to {@code display} and, at each epoch, measures the test objective (mean loss plus penalty, as the
 * validation loss is) and accuracy with the parameters of that moment, reports them with
 * {@link TrainingListener#onTest} and keeps them as a curve.
 */
public final class TestEvaluation implements TrainingListener {
    private final Metrics metrics;
    private final TrainingListener display;
    private int points;
    private int[] steps = new int[16];
    private double[] loss = new double[16];
    private double[] accuracy = new double[16];

    public TestEvaluation(CompiledModel model, Dataset test, TrainingListener display) {
        if (test.targetSize() != model.signature().targetSize())
            throw new IllegalArgumentException("the test set has " + test.targetSize() + " targets per example; model `"
                    + model.signature().modelName() + "` takes " + model.signature().targetSize());
        this.metrics = new Metrics(model, test);
        this.display = display;
    }

    /** The test figures at each evaluation, in order: after step {@code steps[i]} (a count of steps done). */
    public record Curve(int[] steps, double[] loss, double[] accuracy) {
        public int size() { return steps.length; }
    }

    /** Test objective and accuracy of one set of parameters. */
    public record Figures(double loss, double accuracy) { }

    public Task task() {
        return metrics.task();
    }

    /** The figures for {@code params}: the last evaluation's if it was made after {@code steps} steps, else measured now. */
    public Figures at(int steps, double[] params) {
        if (points > 0 && this.steps[points - 1] == steps) return new Figures(loss[points - 1], accuracy[points - 1]);
        return measure(params);
    }

    public Figures measure(double[] params) {
        Metrics.Evaluation e = metrics.evaluate(params);
        return new Figures(e.objective(), e.accuracy());
    }

    public Curve curve() {
        return new Curve(Arrays.copyOf(steps, points), Arrays.copyOf(loss, points), Arrays.copyOf(accuracy, points));
    }

    @Override
    public void onStart(int firstStep, int totalSteps) {
        display.onStart(firstStep, totalSteps);
    }

    @Override
    public void onStep(int step, double stepLoss, double stepAccuracy, double examplesPerSecond) {
        display.onStep(step, stepLoss, stepAccuracy, examplesPerSecond);
    }

    @Override
    public void onEpoch(int epoch, int stepsDone, double[] params) {
        Figures f = measure(params);
        if (points == steps.length) {
            steps = Arrays.copyOf(steps, 2 * points);
            loss = Arrays.copyOf(loss, 2 * points);
            accuracy = Arrays.copyOf(accuracy, 2 * points);
        }
        steps[points] = stepsDone;
        loss[points] = f.loss();
        accuracy[points] = f.accuracy();
        points++;
        display.onEpoch(epoch, stepsDone, params);
        display.onTest(epoch, stepsDone, f.loss(), f.accuracy());
    }

    @Override
    public void onTest(int epoch, int stepsDone, double testLoss, double testAccuracy) {
        display.onTest(epoch, stepsDone, testLoss, testAccuracy);
    }

    @Override
    public void onCheckpointFailed(int step, CheckpointException e) {
        display.onCheckpointFailed(step, e);
    }

    @Override
    public void onEnd(TrainResult result) {
        display.onEnd(result);
    }
}
