package mgc.runtime.data;

/**
 * Integer class labels as the one-hot target rows a classifier's {@code target y[K]} is fed: label
 * {@code c} becomes a row of K zeros with a 1 at index {@code c}. IDX label files, a CSV column named
 * after the target, and the generators all bind labels this way.
 */
public final class ClassLabels {

    private ClassLabels() { }

    /** {@code labels.length * k} values, row after row; every label must be in 0..k-1 (callers check, to name the source). */
    public static double[] oneHot(int[] labels, int k) {
        double[] rows = new double[labels.length * k];
        for (int i = 0; i < labels.length; i++) {
            int c = labels[i];
            if (c < 0 || c >= k) throw new IllegalArgumentException("label " + c + " of item " + i + " is outside 0.." + (k - 1));
            rows[i * k + c] = 1;
        }
        return rows;
    }
}
