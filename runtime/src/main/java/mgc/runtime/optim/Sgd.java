package mgc.runtime.optim;

/** Plain gradient descent: {@code p -= lr * g}. */
public final class Sgd implements Optimizer {

    @Override public String name() { return "sgd"; }

    @Override
    public void step(double[] params, double[] grad, double lr) {
        for (int i = 0; i < params.length; i++) params[i] -= lr * grad[i];
    }

    @Override public double[] state() { return new double[0]; }

    @Override public void restoreState(double[] state) { Optimizer.checkStateLength(this, state, 0); }
}
