package mgc.compiler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import mgc.compiler.codegen.CodeGenerator;
import mgc.compiler.codegen.LoopGenerator;
import mgc.compiler.codegen.LoopsTooLargeException;
import mgc.compiler.codegen.ModelLoader;
import mgc.compiler.front.CompileError;
import mgc.compiler.front.Diagnostic;
import mgc.compiler.front.FrontEnd;
import mgc.compiler.front.Source;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.GraphTooLargeException;
import mgc.compiler.ir.Verifier;
import mgc.compiler.opt.PassOptions;
import mgc.compiler.opt.Pipeline;
import mgc.compiler.opt.TensorPipeline;
import mgc.compiler.tensor.TDifferentiator;
import mgc.compiler.tensor.TLowering;
import mgc.compiler.tensor.TVerifier;
import mgc.compiler.tensor.Unroller;
import mgc.runtime.CompiledModel;

/**
 * The whole pipeline as one list of named steps, each with one input and one output held in a
 * {@link Compilation}, timed alike, verified after each step when asked:
 * <pre>
 *   front        source -> checked AST                      (mgc.compiler.front)
 *   tensor       checked AST -> forward tensor graph        (mgc.compiler.tensor)
 *   partition    tensor graph -> back end                   ({@link Partitioner})
 *   tensor-diff  forward -> joint tensor graph               (mgc.compiler.tensor, reverse mode)
 *   tensor-opt   joint tensor graph -> optimised, grouped    ({@link TensorPipeline})
 *   unrolled:  unroll -> scalar joint graph; opt -> optimised ({@link Pipeline}); emit -> straight-line class
 *   loops:     emit-loops -> loop-kernel class
 *   define       class bytes -> loaded hidden class
 * </pre>
 * Both back ends compile the one joint tensor graph, so they compute the same sums in the same order.
 * The scalar reverse mode ({@code mgc.compiler.diff}) differentiates the unrolled forward graph for the
 * tools that need scalar derivatives (forward mode, HVP, Hessians) and is the tests' second opinion.
 */
public final class Compiler {
    private Compiler() {}

    /** How far to take a compilation. */
    public enum Stage { AST, TENSOR, TENSOR_OPT, IR, GRAD, OPT, BYTECODE, LOADED }

    private record Step(String name, Stage stage, Backend only, Consumer<Compilation> run) {}

    private static final List<Step> STEPS = List.of(
            new Step("front", Stage.AST, null, c -> c.checked = FrontEnd.check(c.source)),
            new Step("tensor", Stage.TENSOR, null, c -> {
                c.tensor = TLowering.lower(c.checked);
                if (c.options.verify()) TVerifier.verify(c.tensor, "tensor lowering");
            }),
            new Step("partition", Stage.TENSOR, null, c -> c.backend = Partitioner.choose(c.tensor, c.options.kernels(), c.options.loopThreshold())),
            new Step("tensor-diff", Stage.TENSOR_OPT, null, c -> {
                // loop kernels compute no input gradients: only the straight-line code takes --input-grad
                c.tensorJoint = TDifferentiator.reverse(c.tensor, c.backend == Backend.UNROLLED && c.options.inputGradients());
                if (c.options.verify()) TVerifier.verify(c.tensorJoint, "tensor differentiation");
            }),
            new Step("tensor-opt", Stage.TENSOR_OPT, null, c -> {
                PassOptions passes = c.options.verify() ? c.options.passes().withVerify(true) : c.options.passes();
                c.tensorOpt = TensorPipeline.run(c.tensorJoint, passes);
            }),
            new Step("unroll", Stage.GRAD, Backend.UNROLLED, c -> {
                c.joint = guardSize(c.source, () -> Unroller.unroll(c.tensorOpt.graph(), c.options.maxNodes()));
                if (c.options.verify()) Verifier.verify(c.joint, "unrolling");
            }),
            new Step("opt", Stage.OPT, Backend.UNROLLED, c ->
                    c.optimized = Pipeline.run(c.joint, c.options.verify() ? c.options.passes().withVerify(true) : c.options.passes())),
            new Step("emit", Stage.BYTECODE, Backend.UNROLLED, c ->
                    c.generated = CodeGenerator.generate(c.optimized.graph(), c.signature(), c.options.codegen())),
            new Step("emit-loops", Stage.BYTECODE, Backend.LOOPS, c -> {
                try {
                    c.generated = LoopGenerator.generate(c.tensorOpt.graph(), c.signature(), c.options.codegen(),
                            c.options.kernels() == Backend.Choice.AUTO);
                } catch (LoopsTooLargeException e) {
                    throw new CompileError(c.source, List.of(new Diagnostic(Diagnostic.Severity.ERROR, 1, 1, 1,
                            e.getMessage(), "use smaller shapes, or --kernels unrolled")));
                }
            }),
            new Step("define", Stage.LOADED, null, c -> c.model = ModelLoader.define(c.generated, c.signature())));

    /** Reads, compiles and loads a model file with default options: the one-line entry point of the API. */
    public static CompiledModel load(java.nio.file.Path model) {
        return compile(Source.read(model), CompileOptions.defaults()).model();
    }

    public static Compilation compile(Source source, CompileOptions options) {
        return compile(source, options, Stage.LOADED);
    }

    public static Compilation compile(Source source, CompileOptions options, Stage upTo) {
        Compilation c = new Compilation(source, options);
        Map<String, Long> times = new LinkedHashMap<>();
        for (Step step : STEPS) {
            if (step.stage().compareTo(upTo) > 0) continue;
            if (step.only() != null && step.only() != c.backend) continue;
            long start = System.nanoTime();
            step.run().accept(c);
            times.put(step.name(), System.nanoTime() - start);
        }
        c.times = new StageTimes(times);
        return c;
    }

    static Graph guardSize(Source source, Supplier<Graph> stage) {
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
                "use smaller shapes, raise the limit with --max-nodes, or compile to loop kernels (--kernels loops)")));
    }
}
