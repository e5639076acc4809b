package mgc.runtime.data;

import java.util.List;
import mgc.runtime.ModelSignature;
import mgc.runtime.TensorSpec;

/**
 * 2-D points with class labels {@code 0..classes-1}, as the generators make them: point {@code i} is
 * {@code (xy[2i], xy[2i+1])} with label {@code labels[i]}. {@code source} names the generator in messages.
 */
public record LabeledPoints(String source, double[] xy, int[] labels, int classes) {

    public int size() {
        return labels.length;
    }

    /**
     * Binds the points to a model with one input of size 2 and one target: a scalar target gets
     * {@code -1} for class 0 and {@code +1} for class 1 (micrograd's {@code y*2 - 1}; two classes only);
     * a vector target of size k gets a one-hot row (k classes).
     */
    public Dataset toDataset(ModelSignature sig) {
        List<TensorSpec> in = sig.inputs();
        List<TensorSpec> tg = sig.targets();
        if (in.size() != 1 || in.get(0).size() != 2)
            throw new DataException(source, 0, 0, "the generator makes 2-D points for one input of size 2; model `"
                    + sig.modelName() + "` has " + describe(in));
        if (tg.size() != 1 || tg.get(0).rank() > 1)
            throw new DataException(source, 0, 0, "the generator makes class labels for one scalar or vector target; model `"
                    + sig.modelName() + "` has " + describe(tg));
        TensorSpec t = tg.get(0);
        int n = size();
        double[] targets;
        if (t.rank() == 0) {
            if (classes != 2)
                throw new DataException(source, 0, 0, "a scalar target takes two classes (as -1 and +1); the generator makes "
                        + classes + " (declare `target " + t.name() + "[" + classes + "]` for one-hot labels)");
            targets = new double[n];
            for (int i = 0; i < n; i++) targets[i] = labels[i] == 1 ? 1 : -1;
        } else {
            int k = t.size();
            if (classes != k)
                throw new DataException(source, 0, 0, "target " + t.name() + t.shapeText() + " is one-hot over " + k
                        + " classes; the generator makes " + classes);
            targets = ClassLabels.oneHot(labels, k);
        }
        return new Dataset(n, 2, t.size(), xy.clone(), targets);
    }

    private static String describe(List<TensorSpec> specs) {
        if (specs.isEmpty()) return "none";
        StringBuilder sb = new StringBuilder();
        for (TensorSpec s : specs) sb.append(sb.length() == 0 ? "" : ", ").append(s.name()).append(s.shapeText());
        return sb.toString();
    }
}
