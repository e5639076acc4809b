package mgc.runtime.testing;

import java.util.List;
import java.util.Map;
import mgc.runtime.CompiledModel;
import mgc.runtime.Initializer;
import mgc.runtime.ModelSignature;
import mgc.runtime.TensorSpec;

/**
 * micrograd's demo head on raw features: {@code score = w . x + b}, loss {@code relu(1 - y score)},
 * penalty {@code 1e-4 (|w|^2 + b^2)}. Uses one scratch slot so that scratch sharing would show.
 */
public final class Hinge implements CompiledModel {
    private static final ModelSignature SIG = new ModelSignature("hinge",
            List.of(new TensorSpec("w", new int[] {2}, 0, new Initializer.Uniform(-1, 1)),
                    new TensorSpec("b", new int[0], 2, new Initializer.Fill(0))),
            List.of(new TensorSpec("x", new int[] {2}, 0, null)),
            List.of(new TensorSpec("y", new int[0], 0, null)),
            List.of(new TensorSpec("score", new int[0], 0, null)),
            true, Map.of());

    @Override public ModelSignature signature() { return SIG; }

    @Override public int scratchSize() { return 1; }

    private static double score(double[] p, double[] in, int i, double[] scratch) {
        scratch[0] = p[0] * in[2 * i] + p[1] * in[2 * i + 1];
        return scratch[0] + p[2];
    }

    @Override
    public void forward(double[] params, double[] inputs, int from, int to, double[] outputs, double[] scratch) {
        for (int i = from; i < to; i++) outputs[i - from] = score(params, inputs, i, scratch);
    }

    @Override
    public double loss(double[] params, double[] inputs, double[] targets, int from, int to, double[] scratch) {
        double l = 0;
        for (int i = from; i < to; i++) l += Math.max(0, 1 - targets[i] * score(params, inputs, i, scratch));
        return l;
    }

    @Override
    public double lossAndGradient(double[] params, double[] inputs, double[] targets, int from, int to,
                                  double[] grad, double[] scratch) {
        double l = 0;
        for (int i = from; i < to; i++) {
            double y = targets[i];
            double margin = 1 - y * score(params, inputs, i, scratch);
            if (margin > 0) {
                l += margin;
                grad[0] -= y * inputs[2 * i];
                grad[1] -= y * inputs[2 * i + 1];
                grad[2] -= y;
            }
        }
        return l;
    }

    @Override
    public double penalty(double[] p, double[] scratch) {
        return 1e-4 * (p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
    }

    @Override
    public double penaltyAndGradient(double[] p, double[] grad, double[] scratch) {
        for (int j = 0; j < 3; j++) grad[j] += 2e-4 * p[j];
        return penalty(p, scratch);
    }
}
