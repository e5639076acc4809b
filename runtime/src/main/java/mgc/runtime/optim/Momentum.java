package mgc.runtime.optim;

/**
 * Heavy-ball momentum as in PyTorch (no dampening): {@code v = mu * v + g}, then {@code p -= lr * v},
 * or with Nesterov {@code p -= lr * (g + mu * v)}. The state is {@code v}.
 */
public final class Momentum implements Optimizer {
    private final double mu;
    private final boolean nesterov;
    private final double[] velocity;

    public Momentum(int size, double mu, boolean nesterov) {
        this.mu = mu;
        this.nesterov = nesterov;
        this.velocity = new double[size];
    }

    @Override public String name() { return "momentum"; }

    @Override
    public void step(double[] params, double[] grad, double lr) {
        update(params, grad, 1.0, lr, false); // g * 1.0 == g for every double
    }

    @Override
    public void stepAndClear(double[] params, double[] grad, double gradScale, double lr) {
        update(params, grad, gradScale, lr, true);
    }

    /** One pass: each element's gradient scaled, used and (with {@code clear}) zeroed; C2 unswitches the tests. */
    private void update(double[] params, double[] grad, double gradScale, double lr, boolean clear) {
        double[] v = velocity;
        for (int i = 0; i < params.length; i++) {
            double g = grad[i] * gradScale;
            if (clear) grad[i] = 0.0;
            v[i] = mu * v[i] + g;
            params[i] -= lr * (nesterov ? g + mu * v[i] : v[i]);
        }
    }

    @Override public double[] state() { return velocity.clone(); }

    @Override
    public void restoreState(double[] state) {
        Optimizer.checkStateLength(this, state, velocity.length);
        System.arraycopy(state, 0, velocity, 0, velocity.length);
    }
}
