package mgc.runtime.train;

import mgc.runtime.ModelSignature;
import mgc.runtime.data.Dataset;

/** What the targets say the model is for, which decides the accuracy metric. */
public enum Task {
    /** A scalar output and scalar targets that are all +1 or -1: accuracy is sign agreement. */
    BINARY,
    /** A vector output and one-hot targets of the same size: accuracy is argmax agreement. */
    MULTICLASS,
    /** Anything else: no accuracy. */
    REGRESSION;

    public boolean isClassification() {
        return this != REGRESSION;
    }

    public static Task detect(ModelSignature sig, Dataset data) {
        int k = data.targetSize();
        double[] t = data.targets();
        if (k == 0 || data.size() == 0) return REGRESSION;
        if (k == 1 && sig.outputSize() == 1) {
            for (double y : t) if (y != 1 && y != -1) return REGRESSION;
            return BINARY;
        }
        if (k > 1 && sig.outputSize() == k) {
            for (int i = 0; i < data.size(); i++) {
                int ones = 0;
                for (int c = 0; c < k; c++) {
                    double y = t[i * k + c];
                    if (y == 1) ones++;
                    else if (y != 0) return REGRESSION;
                }
                if (ones != 1) return REGRESSION;
            }
            return MULTICLASS;
        }
        return REGRESSION;
    }
}
