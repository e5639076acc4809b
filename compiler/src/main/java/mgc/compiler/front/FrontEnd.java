package mgc.compiler.front;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** The front end's one entry point: source text to a checked model, or a {@link CompileError}. */
public final class FrontEnd {

    /**
     * Stack of the thread that parses and checks. Nesting is limited to {@link ModelParser#MAX_NESTING},
     * but ANTLR's recursive descent over a long chain of prefix operators still needs more than a
     * default 512 KB-1 MB thread stack; the memory is reserved, not committed.
     */
    private static final long STACK_BYTES = 256L << 20;

    private FrontEnd() {}

    /** Parses and checks {@code source}; throws {@link CompileError} listing every error found. */
    public static CheckedModel check(Source source) {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread worker = new Thread(null, () -> {
            try {
                result.set(checkOnThisThread(source));
            } catch (Throwable t) {
                result.set(t);
            }
        }, "mgc-front-end", STACK_BYTES);
        worker.start();
        boolean interrupted = false;
        while (true) {
            try {
                worker.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        Object r = result.get();
        if (r instanceof CheckedModel m) return m;
        if (r instanceof RuntimeException e) throw e;
        if (r instanceof Error e) throw e;
        throw new IllegalStateException("front end failed", (Throwable) r);
    }

    private static CheckedModel checkOnThisThread(Source source) {
        Diagnostics diagnostics = new Diagnostics(source);
        List<Stmt> statements = ModelParser.parse(source, diagnostics);
        diagnostics.throwIfErrors();
        return new Checker(source, diagnostics).check(statements);
    }
}
