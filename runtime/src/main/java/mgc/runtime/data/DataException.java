package mgc.runtime.data;

import java.nio.file.Path;

/**
 * Bad data, reported as {@code file:line:col: error: message} like a compiler diagnostic. Lines and
 * columns count from 1; a CSV column is the field's position in its row. Either is left out when
 * unknown (0).
 */
public class DataException extends RuntimeException {
    private final String detail;

    public DataException(Path file, long line, int column, String detail) {
        this(String.valueOf(file), line, column, detail);
    }

    /** {@code source} is a file name or a generator such as {@code moons}. */
    public DataException(String source, long line, int column, String detail) {
        super(location(source, line, column) + "error: " + detail);
        this.detail = detail;
    }

    /** The message without its location and {@code error:} prefix. */
    public String detail() {
        return detail;
    }

    private static String location(String source, long line, int column) {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) sb.append(':').append(line);
        if (line > 0 && column > 0) sb.append(':').append(column);
        return sb.append(": ").toString();
    }
}
