package mgc.runtime.optim;

/**
 * A learning-rate schedule: the rate at step {@code k} (from 0) of a run of {@code steps} steps.
 * Written as {@code lr = 0.1}, {@code lr = 1.0 to 0.1}, {@code lr = cosine(1.0, 0.1)} or
 * {@code lr = step(0.1, 0.5, 30)}.
 */
public sealed interface LearningRate {

    double at(int k, int steps);

    /** {@code lr = C}. */
    record Constant(double value) implements LearningRate {
        @Override public double at(int k, int steps) { return value; }
        @Override public String toString() { return Double.toString(value); }
    }

    /**
     * {@code lr = A to B}: {@code A - (A - B) * k / steps}, evaluated in that order. This is micrograd's
     * {@code 1.0 - 0.9*k/steps} exactly for {@code 1.0 to 0.1}: the rate starts at A and would reach B at
     * step {@code steps}, one past the last.
     */
    record Linear(double from, double to) implements LearningRate {
        @Override public double at(int k, int steps) { return from - (from - to) * k / steps; }
        @Override public String toString() { return from + " to " + to; }
    }

    /** {@code cosine(A, B)}: {@code B + (A - B) * (1 + cos(pi * k / steps)) / 2}. */
    record Cosine(double from, double to) implements LearningRate {
        @Override public double at(int k, int steps) {
            return to + (from - to) * (1 + Math.cos(Math.PI * k / steps)) / 2;
        }
        @Override public String toString() { return "cosine(" + from + ", " + to + ")"; }
    }

    /** {@code step(A, factor, every)}: {@code A * factor^floor(k / every)}. */
    record StepDecay(double initial, double factor, int every) implements LearningRate {
        @Override public double at(int k, int steps) { return initial * Math.pow(factor, k / every); }
        @Override public String toString() { return "step(" + initial + ", " + factor + ", " + every + ")"; }
    }
}
