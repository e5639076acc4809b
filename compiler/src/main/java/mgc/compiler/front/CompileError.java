package mgc.compiler.front;

import java.util.List;

/** The model has errors: thrown by the front end with every diagnostic it collected. */
public final class CompileError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Source source;
    private final transient List<Diagnostic> diagnostics;

    public CompileError(Source source, List<Diagnostic> diagnostics) {
        super(diagnostics.isEmpty() ? "compile error" : diagnostics.get(0).message(), null, false, false);
        this.source = source;
        this.diagnostics = List.copyOf(diagnostics);
    }

    public Source source() { return source; }

    public List<Diagnostic> diagnostics() { return diagnostics; }

    /** All diagnostics in the documented text format, one block each, ending with a newline. */
    public String render() {
        return Diagnostics.render(source, diagnostics);
    }
}
