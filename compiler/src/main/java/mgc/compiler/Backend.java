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
    public enum Choice {
        AUTO, LOOPS, UNROLLED;

        /** {@code auto}, {@code loops} or {@code unrolled}; anything else is an error saying so. */
        public static Choice parse(String text) {
            for (Choice c : values()) if (c.name().toLowerCase(java.util.Locale.ROOT).equals(text)) return c;
            throw new IllegalArgumentException("kernels must be auto, loops or unrolled, not `" + text + "`");
        }
    }
}
