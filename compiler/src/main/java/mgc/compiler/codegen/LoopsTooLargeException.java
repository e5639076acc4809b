package mgc.compiler.codegen;

/** A loop-kernel plan needs more scratch than one Java array holds (per-example tensors times the tile). */
public final class LoopsTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LoopsTooLargeException(long doubles) {
        super(String.format(java.util.Locale.ROOT, "loop kernels over tiles of %d examples would need %,d doubles of scratch,"
                + " more than one Java array holds", LoopGenerator.TILE, doubles));
    }
}
