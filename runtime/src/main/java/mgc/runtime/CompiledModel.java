package mgc.runtime;

/**
 * What every generated model class implements (and what the runtime's trainers call).
 *
 * <p>Layout: parameters are one flat {@code double[]} with the tensors of {@link ModelSignature#params()}
 * concatenated in declaration order, each row-major. Inputs, targets and outputs are flat the same way
 * per example, and examples follow one another: example {@code i}'s inputs start at
 * {@code i * signature().inputSize()}.
 *
 * <p>The hot methods neither allocate nor box. Values that a generated class cannot keep in JVM locals
 * live in a caller-owned {@code scratch} array of at least {@link #scratchSize()} elements; one scratch
 * array must not be shared by two threads at once. Gradients are <em>added</em> into {@code grad}, so a
 * caller sums a batch (or a thread's share of it) into one accumulator.
 */
public interface CompiledModel {

    ModelSignature signature();

    /** Minimum length of the {@code scratch} argument of every hot method (may be 0). */
    int scratchSize();

    /** Writes the outputs of examples {@code [from, to)} to {@code outputs}, example {@code i} at {@code (i - from) * outputSize}. */
    void forward(double[] params, double[] inputs, int from, int to, double[] outputs, double[] scratch);

    /** Returns the sum over examples {@code [from, to)} of the per-example loss. */
    double loss(double[] params, double[] inputs, double[] targets, int from, int to, double[] scratch);

    /**
     * Adds the gradient of the summed per-example loss over {@code [from, to)} with respect to the
     * parameters into {@code grad} (length {@code signature().paramSize()}) and returns the summed loss.
     */
    double lossAndGradient(double[] params, double[] inputs, double[] targets, int from, int to,
                           double[] grad, double[] scratch);

    /**
     * {@link #forward} and {@link #loss} of examples {@code [from, to)} in one call: writes the outputs as forward
     * does and returns the summed loss as loss does, both bit for bit. The default makes the two calls; loop-kernel
     * classes run the shared forward pass once (an evaluation of loss and accuracy together, as the trainer's test
     * figures are, then reads each example's inputs once instead of twice).
     */
    default double lossAndOutputs(double[] params, double[] inputs, double[] targets, int from, int to,
                                  double[] outputs, double[] scratch) {
        forward(params, inputs, from, to, outputs, scratch);
        return loss(params, inputs, targets, from, to, scratch);
    }

    /** The penalty (a function of the parameters alone; 0 when the model declares none). */
    double penalty(double[] params, double[] scratch);

    /** Adds the penalty's gradient into {@code grad} and returns the penalty. */
    double penaltyAndGradient(double[] params, double[] grad, double[] scratch);

    /** A scratch array of the right size, for callers that do not pool them. */
    default double[] newScratch() {
        return new double[scratchSize()];
    }
}
