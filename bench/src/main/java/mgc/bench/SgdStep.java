package mgc.bench;

import mgc.bench.workload.Workload;

/**
 * micrograd's training loop on flat arrays: full batch, objective {@link LossGradient#batchObjective},
 * then {@code p -= lr * grad} with micrograd's schedule {@code lr = 1 - 0.9 k / 100}. After 100 steps
 * it restarts from the initial parameters, so a long benchmark averages over exactly the 100-step
 * training run and never drifts.
 */
public final class SgdStep {

    public static final int STEPS = 100;

    private final Workload workload;
    private final LossGradient model;
    private final double[] params;
    private final double[] grad;
    private int k;

    public SgdStep(Workload workload, LossGradient model) {
        this.workload = workload;
        this.model = model;
        this.params = workload.copyOfInitialParams();
        this.grad = new double[params.length];
    }

    /** One step; returns the objective before the update. */
    public double step() {
        if (k == STEPS) {
            System.arraycopy(workload.initialParams(), 0, params, 0, params.length);
            k = 0;
        }
        double loss = model.batchObjective(params, workload.inputs(), workload.targets(), workload.examples(), grad);
        double lr = 1.0 - 0.9 * k++ / STEPS;
        for (int i = 0; i < params.length; i++) params[i] -= lr * grad[i];
        return loss;
    }

    /** Runs {@code steps} steps from the initial parameters and returns the parameters reached. */
    public static double[] train(Workload workload, LossGradient model, int steps) {
        SgdStep s = new SgdStep(workload, model);
        for (int i = 0; i < steps; i++) s.step();
        return s.params.clone();
    }

    public double[] params() { return params; }
}
