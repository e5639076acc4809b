package mgc.runtime.train;

/**
 * Everything needed to continue a run exactly: parameters, the optimiser's kind and state, the number of
 * steps done, and the shuffle position (the seed, the epoch, and the next example's position in that
 * epoch's permutation, which is derived from the seed and the epoch alone). Arrays are not copied.
 */
public record CheckpointState(double[] params, String optimizer, double[] optimizerState, int step, long seed,
                              int epoch, int position) {

    public CheckpointState {
        if (step < 0 || epoch < 0 || position < 0) throw new IllegalArgumentException("negative step, epoch or position");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CheckpointState s && java.util.Arrays.equals(params, s.params) && optimizer.equals(s.optimizer)
                && java.util.Arrays.equals(optimizerState, s.optimizerState) && step == s.step && seed == s.seed
                && epoch == s.epoch && position == s.position;
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(params) * 31 + step;
    }

    @Override
    public String toString() {
        return "CheckpointState[" + params.length + " params, " + optimizer + ", step " + step + ", epoch " + epoch
                + ", position " + position + "]";
    }
}
