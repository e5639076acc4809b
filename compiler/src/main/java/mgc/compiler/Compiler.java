package mgc.compiler;

import java.util.List;
import mgc.compiler.codegen.CodeGenerator;
import mgc.compiler.codegen.GeneratedClass;
import mgc.compiler.codegen.ModelLoader;
import mgc.compiler.diff.Differentiator;
import mgc.compiler.front.CheckedModel;
import mgc.compiler.front.CompileError;
import mgc.compiler.front.Diagnostic;
import mgc.compiler.front.FrontEnd;
import mgc.compiler.front.Source;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.GraphTooLargeException;
import mgc.compiler.ir.Verifier;
import mgc.compiler.lower.Lowering;
import mgc.compiler.opt.Pipeline;
import mgc.compiler.opt.PipelineResult;
import mgc.runtime.CompiledModel;

/**
 * The whole pipeline as one call: source → checked AST → forward IR → joint IR → optimised IR →
 * class bytes → loaded hidden class. Each stage is also reachable on its own (see {@link Stage}).
 * Errors in the model surface as {@link CompileError} with file:line:col diagnostics.
 */
public final class Compiler {
    private Compiler() {}

    /** How far to take a compilation. */
    public enum Stage { AST, IR, GRAD, OPT, BYTECODE, LOADED }

    /** Reads, compiles and loads a model file with default options: the one-line entry point of the API. */
    public static CompiledModel load(java.nio.file.Path model) {
        return compile(Source.read(model), CompileOptions.defaults()).model();
    }

    public static Compilation compile(Source source, CompileOptions options) {
        return compile(source, options, Stage.LOADED);
    }

    public static Compilation compile(Source source, CompileOptions options, Stage upTo) {
        long t0 = System.nanoTime();
        CheckedModel checked = FrontEnd.check(source);
        long t1 = System.nanoTime();
        if (upTo == Stage.AST) return new Compilation(checked, null, null, null, null, null, new StageTimes(t1 - t0, 0, 0, 0, 0, 0));
        Graph forward = lower(source, checked, options);
        long t2 = System.nanoTime();
        verify(options, forward, "lowering");
        Graph joint = null;
        PipelineResult optimized = null;
        GeneratedClass generated = null;
        CompiledModel model = null;
        long t3 = t2, t4 = t2, t5 = t2, t6 = t2;
        if (upTo.compareTo(Stage.GRAD) >= 0) {
            joint = guardSize(source, () -> Differentiator.reverse(forward, options.inputGradients()), options);
            t3 = System.nanoTime();
            verify(options, joint, "differentiation");
            t4 = t3;
            if (upTo.compareTo(Stage.OPT) >= 0) {
                Graph j = joint;
                optimized = Pipeline.run(j, options.verify() ? options.passes().withVerify(true) : options.passes());
                t4 = System.nanoTime();
            }
            t5 = t4;
            if (upTo.compareTo(Stage.BYTECODE) >= 0) {
                generated = CodeGenerator.generate(optimized.graph(), forward.signature(), options.codegen());
                t5 = System.nanoTime();
            }
            t6 = t5;
            if (upTo.compareTo(Stage.LOADED) >= 0) {
                model = ModelLoader.define(generated, forward.signature());
                t6 = System.nanoTime();
            }
        }
        return new Compilation(checked, forward, joint, optimized, generated, model,
                new StageTimes(t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5));
    }

    private static Graph lower(Source source, CheckedModel checked, CompileOptions options) {
        return guardSize(source, () -> Lowering.lower(checked, options.maxNodes()), options);
    }

    private static Graph guardSize(Source source, java.util.function.Supplier<Graph> stage, CompileOptions options) {
        try {
            return stage.get();
        } catch (GraphTooLargeException e) {
            throw tooLarge(source, e);
        }
    }

    private static CompileError tooLarge(Source source, GraphTooLargeException e) {
        int line = Math.max(1, e.line()), col = Math.max(1, e.column());
        String msg = "the model unrolls to more than " + String.format("%,d", e.limit())
                + " scalar nodes (the limit); this expression is where the limit was crossed";
        return new CompileError(source, List.of(new Diagnostic(Diagnostic.Severity.ERROR, line, col, 1, msg,
                "use smaller shapes, or raise the limit with --max-nodes")));
    }

    private static void verify(CompileOptions options, Graph g, String stage) {
        if (options.verify()) Verifier.verify(g, stage);
    }
}
