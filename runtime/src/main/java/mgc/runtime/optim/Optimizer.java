package mgc.runtime.optim;

/**
 * Updates parameters in place from a gradient. Optimisers keep per-parameter state (velocities,
 * moments) sized at construction; {@link #state()} and {@link #restoreState(double[])} move it in and
 * out of checkpoints exactly.
 */
public interface Optimizer {

    /** The spec name: {@code sgd}, {@code momentum}, {@code adam} or {@code adamw}. */
    String name();

    /** One update: {@code params} moves against {@code grad} with learning rate {@code lr}. Allocates nothing. */
    void step(double[] params, double[] grad, double lr);

    /**
     * One update on the gradient {@code gradScale * grad} (a sum over a batch times 1/batch, say) that leaves
     * {@code grad} all zeros, ready to accumulate the next batch. Bit for bit the same as scaling {@code grad} in
     * place, calling {@link #step} and zeroing it; an optimiser may do it in one pass over the arrays instead of
     * three (Adam does: the MNIST MLP's 101,770 parameters are 3.2 MB of state, read once per step).
     */
    default void stepAndClear(double[] params, double[] grad, double gradScale, double lr) {
        for (int i = 0; i < grad.length; i++) grad[i] *= gradScale;
        step(params, grad, lr);
        java.util.Arrays.fill(grad, 0.0);
    }

    /** A copy of the optimiser's state (empty for plain SGD). */
    double[] state();

    /** Restores a state produced by {@link #state()} of an optimiser of the same kind and size. */
    void restoreState(double[] state);

    /** Checks a state's length, so that a checkpoint of another optimiser is refused with a clear message. */
    static void checkStateLength(Optimizer o, double[] state, int expected) {
        if (state.length != expected)
            throw new IllegalArgumentException("the saved state of optimizer " + o.name() + " has " + state.length
                    + " values; this one needs " + expected);
    }
}
