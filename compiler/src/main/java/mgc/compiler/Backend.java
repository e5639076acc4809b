package mgc.compiler;

/**
 * Which back end runs a model. {@code --kernels auto|loops|unrolled} chooses; {@link Partitioner} decides
 * for {@code auto}.
 */
public enum Backend {
    /** Every tensor unrolled into scalars: straight-line per-example code (fastest at micrograd's size). */
    UNROLLED,
    /** Loop kernels over tiles of examples (MNIST-sized work). */
    LOOPS;

    /** The {@code --kernels} values. */
    public enum Choice { AUTO, LOOPS, UNROLLED }
}
