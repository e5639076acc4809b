package mgc.runtime;

import java.util.Arrays;

/**
 * How a parameter tensor gets its initial values. Sampling is deterministic for a seed; see
 * {@code mgc.runtime.Initializers} (written by the runtime) for the exact streams.
 */
public sealed interface Initializer {

    /** Every element equal to {@code value} ({@code = 0}). */
    record Fill(double value) implements Initializer {
        @Override public String toString() { return "= " + value; }
    }

    /** Explicit values, row-major ({@code = [1, 2, 3]}). */
    record Values(double[] values) implements Initializer {
        public Values { values = values.clone(); }
        @Override public double[] values() { return values.clone(); }
        @Override public boolean equals(Object o) { return o instanceof Values v && Arrays.equals(values, v.values); }
        @Override public int hashCode() { return Arrays.hashCode(values); }
        @Override public String toString() { return "= " + Arrays.toString(values); }
    }

    /** Independent uniform samples in {@code [lo, hi)}. */
    record Uniform(double lo, double hi) implements Initializer {
        @Override public String toString() { return "~ uniform(" + lo + ", " + hi + ")"; }
    }

    /** Independent normal samples. */
    record Normal(double mean, double stddev) implements Initializer {
        @Override public String toString() { return "~ normal(" + mean + ", " + stddev + ")"; }
    }

    /** Glorot/Xavier uniform: U(-a, a), a = sqrt(6 / (fanIn + fanOut)). */
    record Xavier() implements Initializer {
        @Override public String toString() { return "~ xavier"; }
    }

    /** He/Kaiming normal: N(0, sqrt(2 / fanIn)). */
    record Kaiming() implements Initializer {
        @Override public String toString() { return "~ kaiming"; }
    }
}
