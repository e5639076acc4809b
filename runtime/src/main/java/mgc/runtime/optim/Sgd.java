package mgc.runtime.optim;

/** Plain gradient descent: {@code p -= lr * g}. */
public final class Sgd implements Optimizer {

    @Override public String name() { return "sgd"; }

    @Override
    public void step(double[] params, double[] grad, double lr) {
        update(params, grad, 1.0, lr, false); // g * 1.0 == g for every double
    }

    @Override
    public void stepAndClear(double[] params, double[] grad, double gradScale, double lr) {
        update(params, grad, gradScale, lr, true);
    }

    /** One pass: each element's gradient scaled, used and (with {@code clear}) zeroed; C2 unswitches the test. */
    private static void update(double[] params, double[] grad, double gradScale, double lr, boolean clear) {
        for (int i = 0; i < params.length; i++) {
            double g = grad[i] * gradScale;
            if (clear) grad[i] = 0.0;
            params[i] -= lr * g;
        }
    }

    @Override public double[] state() { return new double[0]; }

    @Override public void restoreState(double[] state) { Optimizer.checkStateLength(this, state, 0); }
}
