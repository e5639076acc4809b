package mgc.runtime.testing;

import java.util.List;
import java.util.Map;
import mgc.runtime.CompiledModel;
import mgc.runtime.Initializer;
import mgc.runtime.ModelSignature;
import mgc.runtime.TensorSpec;

/** Softmax regression on 2-D points: {@code probs = softmax(W x + b)}, cross-entropy with a one-hot target. */
public final class Softmax implements CompiledModel {
    private final int k;
    private final ModelSignature sig;

    public Softmax(int k) {
        this.k = k;
        this.sig = new ModelSignature("softmax",
                List.of(new TensorSpec("W", new int[] {k, 2}, 0, new Initializer.Xavier()),
                        new TensorSpec("b", new int[] {k}, 2 * k, new Initializer.Fill(0))),
                List.of(new TensorSpec("x", new int[] {2}, 0, null)),
                List.of(new TensorSpec("y", new int[] {k}, 0, null)),
                List.of(new TensorSpec("probs", new int[] {k}, 0, null)),
                false, Map.of());
    }

    @Override public ModelSignature signature() { return sig; }

    @Override public int scratchSize() { return k; }

    /** Leaves the probabilities of example i in scratch[0..k). */
    private void probs(double[] p, double[] in, int i, double[] s) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            s[c] = p[2 * c] * in[2 * i] + p[2 * c + 1] * in[2 * i + 1] + p[2 * k + c];
            max = Math.max(max, s[c]);
        }
        double z = 0;
        for (int c = 0; c < k; c++) z += s[c] = Math.exp(s[c] - max);
        for (int c = 0; c < k; c++) s[c] /= z;
    }

    @Override
    public void forward(double[] params, double[] inputs, int from, int to, double[] outputs, double[] scratch) {
        for (int i = from; i < to; i++) {
            probs(params, inputs, i, scratch);
            System.arraycopy(scratch, 0, outputs, (i - from) * k, k);
        }
    }

    @Override
    public double loss(double[] params, double[] inputs, double[] targets, int from, int to, double[] scratch) {
        double l = 0;
        for (int i = from; i < to; i++) {
            probs(params, inputs, i, scratch);
            for (int c = 0; c < k; c++) if (targets[i * k + c] != 0) l -= targets[i * k + c] * Math.log(scratch[c]);
        }
        return l;
    }

    @Override
    public double lossAndGradient(double[] params, double[] inputs, double[] targets, int from, int to,
                                  double[] grad, double[] scratch) {
        double l = 0;
        for (int i = from; i < to; i++) {
            probs(params, inputs, i, scratch);
            for (int c = 0; c < k; c++) {
                double t = targets[i * k + c];
                if (t != 0) l -= t * Math.log(scratch[c]);
                double d = scratch[c] - t;
                grad[2 * c] += d * inputs[2 * i];
                grad[2 * c + 1] += d * inputs[2 * i + 1];
                grad[2 * k + c] += d;
            }
        }
        return l;
    }

    @Override public double penalty(double[] params, double[] scratch) { return 0; }

    @Override public double penaltyAndGradient(double[] params, double[] grad, double[] scratch) { return 0; }
}
