package mgc.runtime.train;

import java.util.Arrays;
import mgc.runtime.CompiledModel;
import mgc.runtime.data.Dataset;
import mgc.runtime.data.Predictor;

/**
 * How a classifier's predictions on a data set fall: {@code counts[t * classes + p]} examples of true
 * class {@code t} were predicted as {@code p}, with each example's classes kept so that the mistakes can
 * be shown. Classes follow {@link Metrics#classOf}: argmax for one-hot targets, the sign for ±1 ones.
 */
public record Confusion(int classes, int[] counts, int[] truth, int[] predicted) {

    public static Confusion of(CompiledModel model, double[] params, Dataset data) {
        Task task = Task.detect(model.signature(), data);
        if (!task.isClassification())
            throw new IllegalArgumentException("a confusion matrix needs a classifier: one-hot targets (or ±1 for one output)");
        int k = data.targetSize();
        int classes = k == 1 ? 2 : k;
        double[] out = Predictor.predict(model, params, data);
        int n = data.size();
        int[] truth = new int[n];
        int[] predicted = new int[n];
        int[] counts = new int[classes * classes];
        for (int i = 0; i < n; i++) {
            truth[i] = Metrics.classOf(data.targets(), i * k, k);
            predicted[i] = Metrics.classOf(out, i * k, k);
            counts[truth[i] * classes + predicted[i]]++;
        }
        return new Confusion(classes, counts, truth, predicted);
    }

    public int count(int trueClass, int predictedClass) {
        return counts[trueClass * classes + predictedClass];
    }

    /** Examples whose true class is {@code c}. */
    public int support(int c) {
        int s = 0;
        for (int p = 0; p < classes; p++) s += count(c, p);
        return s;
    }

    public int correct() {
        int s = 0;
        for (int c = 0; c < classes; c++) s += count(c, c);
        return s;
    }

    public double accuracy() {
        return truth.length == 0 ? Double.NaN : (double) correct() / truth.length;
    }

    /** The fraction of class {@code c}'s examples predicted as {@code c} (NaN when there are none). */
    public double classAccuracy(int c) {
        int s = support(c);
        return s == 0 ? Double.NaN : (double) count(c, c) / s;
    }

    /** The indices of the misclassified examples, in data order. */
    public int[] mistakes() {
        return java.util.stream.IntStream.range(0, truth.length).filter(i -> truth[i] != predicted[i]).toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Confusion c && c.classes == classes && Arrays.equals(c.counts, counts)
                && Arrays.equals(c.truth, truth) && Arrays.equals(c.predicted, predicted);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }
}
