package mgc.compiler.front;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the diagnostics of one run and renders them, each as
 * <pre>
 * file:line:col: error: message
 *    12 | the source line
 *       |      ^~~~
 * hint: what to do
 * </pre>
 * Past {@link #LIMIT} errors further ones are dropped, so that garbage input cannot flood the terminal.
 */
public final class Diagnostics {

    public static final int LIMIT = 50;

    private final Source source;
    private final List<Diagnostic> list = new ArrayList<>();
    private int errors;

    public Diagnostics(Source source) {
        this.source = source;
    }

    public Source source() { return source; }

    public void error(Pos pos, String message) {
        error(pos, message, null);
    }

    public void error(Pos pos, String message, String hint) {
        add(Diagnostic.error(pos, message, hint));
    }

    public void add(Diagnostic d) {
        if (d.isError() && ++errors > LIMIT) return;
        list.add(d);
    }

    public boolean hasErrors() { return errors > 0; }

    public int errorCount() { return errors; }

    public List<Diagnostic> all() { return List.copyOf(list); }

    /** Throws a {@link CompileError} holding everything collected so far if any of it is an error. */
    public void throwIfErrors() {
        if (hasErrors()) throw new CompileError(source, withOverflowNote());
    }

    /** Orders the diagnostics by position (stable; those about the whole file last), as a reader scans. */
    public void sort() {
        list.sort(java.util.Comparator.comparingInt((Diagnostic d) -> d.line() == 0 ? Integer.MAX_VALUE : d.line())
                .thenComparingInt(Diagnostic::column));
    }

    public String render() {
        return render(source, withOverflowNote());
    }

    private List<Diagnostic> withOverflowNote() {
        if (errors <= LIMIT) return list;
        List<Diagnostic> out = new ArrayList<>(list);
        out.add(new Diagnostic(Diagnostic.Severity.NOTE, 0, 0, 0, (errors - LIMIT) + " more errors not shown", null));
        return out;
    }

    static String render(Source source, List<Diagnostic> diagnostics) {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : diagnostics) render(source, d, sb);
        return sb.toString();
    }

    /** Appends one diagnostic in the format described on the class. */
    public static void render(Source source, Diagnostic d, StringBuilder sb) {
        sb.append(source.name());
        if (d.line() > 0) sb.append(':').append(d.line()).append(':').append(d.column());
        sb.append(": ").append(d.severity().label()).append(": ").append(d.message()).append('\n');
        if (d.line() > 0) {
            String line = source.line(d.line());
            String number = Integer.toString(d.line());
            String gutter = " ".repeat(number.length());
            sb.append((" " + number + " | " + line).stripTrailing()).append('\n');
            sb.append(' ').append(gutter).append(" | ");
            int start = Math.min(d.column() - 1, line.length());
            // Keep tabs so that the caret lines up with the text above it in any terminal.
            for (int i = 0; i < start; i++) sb.append(line.charAt(i) == '\t' ? '\t' : ' ');
            int length = Math.max(1, Math.min(d.length(), line.length() - start));
            sb.append('^').append("~".repeat(length - 1)).append('\n');
        }
        if (d.hint() != null) sb.append("hint: ").append(d.hint()).append('\n');
    }
}
