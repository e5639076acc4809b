package mgc.compiler.front;

/**
 * One message about a model: where (1-based line and column, span length; line 0 for the file as a
 * whole), what, and optionally a hint on how to fix it.
 */
public record Diagnostic(Severity severity, int line, int column, int length, String message, String hint) {

    public enum Severity {
        ERROR, WARNING, NOTE;

        public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    public static Diagnostic error(Pos pos, String message, String hint) {
        return new Diagnostic(Severity.ERROR, pos.line(), pos.column(), pos.length(), message, hint);
    }

    public boolean isError() { return severity == Severity.ERROR; }
}
