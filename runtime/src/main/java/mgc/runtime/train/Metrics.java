package mgc.runtime.train;

import mgc.runtime.CompiledModel;
import mgc.runtime.data.Dataset;

/**
 * Accuracy, mean squared error and the training objective of a model on a data set. An instance keeps
 * its buffers, so that the trainer measures at log steps without allocating; the static methods are for
 * one-off use.
 */
public final class Metrics {
    private static final int CHUNK = 1024;

    private final CompiledModel model;
    private final Dataset data;
    private final Task task;
    private final double[] outputs;
    private final double[] scratch;

    public Metrics(CompiledModel model, Dataset data) {
        this.model = model;
        this.data = data;
        this.task = Task.detect(model.signature(), data);
        this.outputs = new double[Math.min(CHUNK, data.size()) * model.signature().outputSize()];
        this.scratch = model.newScratch();
    }

    public Task task() {
        return task;
    }

    /**
     * The fraction of examples classified right: for {@link Task#BINARY}, {@code output > 0} agrees with
     * {@code target > 0}; for {@link Task#MULTICLASS}, the output's argmax is the target's (first maximum on
     * ties). NaN for regression.
     */
    public double accuracy(double[] params) {
        if (!task.isClassification()) return Double.NaN;
        int right = 0;
        for (int from = 0; from < data.size(); from += CHUNK) {
            int to = Math.min(data.size(), from + CHUNK);
            model.forward(params, data.inputs(), from, to, outputs, scratch);
            right += right(from, to);
        }
        return (double) right / data.size();
    }

    /** How many of examples [from, to) the outputs in {@code outputs} classify right. */
    private int right(int from, int to) {
        int k = model.signature().outputSize();
        double[] t = data.targets();
        int right = 0;
        for (int i = from; i < to; i++) {
            if (task == Task.BINARY) {
                if ((outputs[i - from] > 0) == (t[i] > 0)) right++;
            } else if (argmax(outputs, (i - from) * k, k) == argmax(t, i * k, k)) {
                right++;
            }
        }
        return right;
    }

    /** The objective and the accuracy of one set of parameters (the accuracy NaN for regression). */
    public record Evaluation(double objective, double accuracy) {}

    /**
     * {@link #objective} and {@link #accuracy} bit for bit, from one pass over the set: each chunk's outputs and
     * loss come from one {@link CompiledModel#lossAndOutputs} call (the MNIST test set: one forward pass instead of
     * two).
     */
    public Evaluation evaluate(double[] params) {
        if (!task.isClassification()) return new Evaluation(objective(params), Double.NaN);
        double loss = 0;
        int right = 0;
        for (int from = 0; from < data.size(); from += CHUNK) {
            int to = Math.min(data.size(), from + CHUNK);
            loss += model.lossAndOutputs(params, data.inputs(), data.targets(), from, to, outputs, scratch);
            right += right(from, to);
        }
        return new Evaluation(loss / data.size() + model.penalty(params, scratch), (double) right / data.size());
    }

    /** Mean over examples and elements of {@code (output - target)^2}; outputs and targets must be the same size. */
    public double mse(double[] params) {
        int k = model.signature().outputSize();
        if (k != data.targetSize())
            throw new IllegalArgumentException("mse needs outputs and targets of the same size; the model has "
                    + k + " outputs and the data " + data.targetSize() + " targets");
        double sum = 0;
        double[] t = data.targets();
        for (int from = 0; from < data.size(); from += CHUNK) {
            int to = Math.min(data.size(), from + CHUNK);
            model.forward(params, data.inputs(), from, to, outputs, scratch);
            for (int j = 0; j < (to - from) * k; j++) {
                double d = outputs[j] - t[from * k + j];
                sum += d * d;
            }
        }
        return sum / ((double) data.size() * k);
    }

    /**
     * The training objective over the whole set: mean per-example loss plus the penalty. The loss is summed a chunk
     * of {@value #CHUNK} examples at a time and the chunks' sums added in order (as {@link #evaluate} sums them).
     */
    public double objective(double[] params) {
        double loss = 0;
        for (int from = 0; from < data.size(); from += CHUNK)
            loss += model.loss(params, data.inputs(), data.targets(), from, Math.min(data.size(), from + CHUNK), scratch);
        return loss / data.size() + model.penalty(params, scratch);
    }

    public static double accuracy(CompiledModel model, double[] params, Dataset data) {
        return new Metrics(model, data).accuracy(params);
    }

    public static double mse(CompiledModel model, double[] params, Dataset data) {
        return new Metrics(model, data).mse(params);
    }

    public static double objective(CompiledModel model, double[] params, Dataset data) {
        return new Metrics(model, data).objective(params);
    }

    /**
     * The class an output (or a target) stands for: for one value, 1 when it is positive and 0
     * otherwise (the ±1 convention); for several, the index of the first maximum.
     */
    public static int classOf(double[] a, int from, int k) {
        return k == 1 ? (a[from] > 0 ? 1 : 0) : argmax(a, from, k);
    }

    static int argmax(double[] a, int from, int k) {
        int best = 0;
        for (int c = 1; c < k; c++) if (a[from + c] > a[from + best]) best = c;
        return best;
    }
}
