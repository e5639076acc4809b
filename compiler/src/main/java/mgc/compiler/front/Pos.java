package mgc.compiler.front;

/** A span of source text: 1-based line and column of its first character, and its length on that line. */
public record Pos(int line, int column, int length) {

    /** No position: diagnostics about a whole file (it cannot be read, it has no loss). */
    public static final Pos NONE = new Pos(0, 0, 0);

    public Pos {
        if (length < 1 && line > 0) length = 1;
    }

    /** The span from the start of {@code this} to the end of {@code end} when both lie on one line. */
    public Pos to(Pos end) {
        if (end.line != line || end.column + end.length <= column) return this;
        return new Pos(line, column, end.column + end.length - column);
    }
}
