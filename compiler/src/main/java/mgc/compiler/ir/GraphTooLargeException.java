package mgc.compiler.ir;

/** Thrown when a graph would exceed the node limit its builder was given. */
public final class GraphTooLargeException extends RuntimeException {
    private final int limit;

    public GraphTooLargeException(int limit) {
        super("the model unrolls to more than " + limit + " scalar nodes");
        this.limit = limit;
    }

    public int limit() { return limit; }
}
