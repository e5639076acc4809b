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
        double[] v = velocity;
        for (int i = 0; i < params.length; i++) {
            v[i] = mu * v[i] + grad[i];
            params[i] -= lr * (nesterov ? grad[i] + mu * v[i] : v[i]);
        }
    }

    /** One pass: each element's gradient is scaled, used and zeroed (the interface's default takes three). */
    @Override
    public void stepAndClear(double[] params, double[] grad, double gradScale, double lr) {
        double[] v = velocity;
        for (int i = 0; i < params.length; i++) {
            double g = grad[i] * gradScale;
            grad[i] = 0.0;
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
