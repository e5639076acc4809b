package mgc.bench;

import java.util.Arrays;

/**
 * What the benchmarks call on every implementation (baselines and mgc alike): the same contract as
 * {@link mgc.runtime.CompiledModel#lossAndGradient} and {@link mgc.runtime.CompiledModel#penaltyAndGradient},
 * with any scratch memory owned by the implementation. Not thread-safe.
 */
public interface LossGradient {

    /** Adds the gradient of the summed loss of examples {@code [from, to)} into {@code grad}; returns that sum. */
    double lossAndGradient(double[] params, double[] inputs, double[] targets, int from, int to, double[] grad);

    /** Adds the penalty's gradient into {@code grad} and returns the penalty (0 for workloads without one). */
    double penaltyAndGradient(double[] params, double[] grad);

    /**
     * A training step's objective as micrograd's demo defines it: the mean loss over examples
     * {@code [0, n)} plus the penalty. Overwrites {@code grad} with its gradient and returns it.
     */
    default double batchObjective(double[] params, double[] inputs, double[] targets, int n, double[] grad) {
        Arrays.fill(grad, 0);
        double dataLoss = lossAndGradient(params, inputs, targets, 0, n, grad);
        double scale = 1.0 / n;
        for (int i = 0; i < grad.length; i++) grad[i] *= scale;
        return dataLoss * scale + penaltyAndGradient(params, grad);
    }
}
