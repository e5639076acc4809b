package mgc.compiler.ir;

/**
 * Thrown when a graph would exceed the node limit its builder was given; carries the source
 * position of the expression being built when the limit was crossed (0 when unknown).
 */
public final class GraphTooLargeException extends RuntimeException {
    private final int limit, line, column;

    public GraphTooLargeException(int limit, int line, int column) {
        super("the model unrolls to more than " + limit + " scalar nodes");
        this.limit = limit;
        this.line = line;
        this.column = column;
    }

    public int limit() { return limit; }

    public int line() { return line; }

    public int column() { return column; }
}
