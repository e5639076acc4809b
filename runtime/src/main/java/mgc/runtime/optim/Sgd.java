package mgc.runtime.optim;

/** Plain gradient descent: {@code p -= lr * g}. */
public final class Sgd implements Optimizer {

    @Override public String name() { return "sgd"; }

    @Override
    public void step(double[] params, double[] grad, double lr) {
        for (int i = 0; i < params.length; i++) params[i] -= lr * grad[i];
    }

    /** One pass: each element's gradient is scaled, used and zeroed (the interface's default takes three). */
    @Override
    public void stepAndClear(double[] params, double[] grad, double gradScale, double lr) {
        for (int i = 0; i < params.length; i++) {
            double g = grad[i] * gradScale;
            grad[i] = 0.0;
            params[i] -= lr * g;
        }
    }

    @Override public double[] state() { return new double[0]; }

    @Override public void restoreState(double[] state) { Optimizer.checkStateLength(this, state, 0); }
}
