package mgc.runtime.data;

import java.nio.file.Path;

/**
 * Bad data, reported as {@code file:line:col: error: message} like a compiler diagnostic. Lines and
 * columns count from 1; a CSV column is the field's position in its row. Either is left out of the
 * message when unknown (0). The parts are available for callers that render diagnostics themselves.
 */
public class DataException extends RuntimeException {
    private final String source;
    private final long line;
    private final int column;
    private final String detail;

    public DataException(Path file, long line, int column, String detail) {
        this(String.valueOf(file), line, column, detail);
    }

    /** {@code source} is a file name or a generator such as {@code moons}. */
    public DataException(String source, long line, int column, String detail) {
        super(location(source, line, column) + "error: " + detail);
        this.source = source;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    public String source() { return source; }

    /** The line (from 1), or 0 when the error is about the whole file. */
    public long line() { return line; }

    /** The field's position in its row (from 1), or 0. */
    public int column() { return column; }

    /** The message without its location and {@code error:} prefix. */
    public String detail() { return detail; }

    private static String location(String source, long line, int column) {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) sb.append(':').append(line);
        if (line > 0 && column > 0) sb.append(':').append(column);
        return sb.append(": ").toString();
    }
}
