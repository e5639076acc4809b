package mgc.bench.workload;

import java.util.List;

import mgc.runtime.TensorSpec;

/**
 * One benchmark problem: a model's parameter layout (flat, row-major, declaration order, as
 * {@link mgc.runtime.CompiledModel} lays it out), its initial parameters and a fixed data set.
 * Every implementation reads the same arrays, so they compute the same numbers.
 */
public record Workload(Kind kind, List<TensorSpec> params, int inputSize, int targetSize, int examples,
                       double[] initialParams, double[] inputs, double[] targets) {

    /** The model families benchmarked; each implementation has one routine per kind. */
    public enum Kind {
        /** micrograd's demo: 2 -> 16 relu -> 16 relu -> 1, hinge loss, L2 penalty once per batch. */
        MOONS("moons", true),
        /** 64 -> 64 tanh -> 64 tanh -> 1, squared error. */
        MLP64("mlp64", false),
        /** 2 -> 32 tanh, then 4 x (h = h + tanh(W h + b)), -> 1, squared error. */
        RESIDUAL("residual", false),
        /** 2 -> 16 tanh -> 3 logits, loss = -log_softmax(logits)[class]. */
        SOFTMAX("softmax", false);

        private final String id;
        private final boolean hasPenalty;

        Kind(String id, boolean hasPenalty) {
            this.id = id;
            this.hasPenalty = hasPenalty;
        }

        public String id() { return id; }

        public boolean hasPenalty() { return hasPenalty; }
    }

    public Workload {
        params = List.copyOf(params);
    }

    public int paramSize() {
        int n = 0;
        for (TensorSpec s : params) n += s.size();
        return n;
    }

    /** Offset of the named parameter tensor in the flat parameter array. */
    public int offset(String name) {
        for (TensorSpec s : params) if (s.name().equals(name)) return s.offset();
        throw new IllegalArgumentException(kind.id() + " has no parameter " + name);
    }

    /** A fresh copy of the initial parameters (callers train on copies). */
    public double[] copyOfInitialParams() {
        return initialParams.clone();
    }
}
