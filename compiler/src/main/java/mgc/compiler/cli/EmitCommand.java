package mgc.compiler.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import mgc.compiler.Compilation;
import mgc.compiler.Compiler;
import mgc.compiler.codegen.BytecodePrinter;
import mgc.compiler.codegen.SchedulePrinter;
import mgc.compiler.diff.Differentiator;
import mgc.compiler.front.AstPrinter;
import mgc.compiler.front.Source;
import mgc.compiler.ir.DotPrinter;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.IrPrinter;
import mgc.compiler.opt.PassStat;
import mgc.compiler.opt.TensorPipeline;
import mgc.compiler.opt.PipelineResult;
import picocli.CommandLine;
import mgc.compiler.tensor.TDifferentiator;
import mgc.compiler.tensor.TPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mgc emit MODEL.mg --stage STAGE}: prints the model as a pipeline stage sees it. */
@Command(name = "emit", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = {"Prints the model as one pipeline stage sees it (AST, IR, gradients, bytecode...).", "Stages:",
                "  ast       the checked syntax tree with resolved shapes",
                "  tensor    the forward tensor IR: whole tensors, one primitive per line",
                "  tensorgrad  the joint tensor IR: forward + tensor-level adjoints",
                "  tensoropt   the joint tensor IR after the tensor passes, with its groups",
                "              (what both back ends compile; --after PASS stops there)",
                "  ir        the forward scalar IR (one node per line)",
                "  grad      the joint scalar IR (joint tensor IR unrolled), before the passes",
                "  jvp       the forward IR plus forward-mode tangents (Jacobian-vector products)",
                "  opt       the optimised joint scalar IR (--after PASS stops after that pass)",
                "  schedule  the linear schedule of the generated methods with JVM local slots;",
                "            for loop kernels, each entry point's steps (once per call, per tile)",
                "  bytecode  the generated methods (ASM Textifier) with their byte sizes"})
public final class EmitCommand implements Callable<Integer> {

    enum Stage { ast, tensor, tensorgrad, tensoropt, ir, grad, jvp, opt, schedule, bytecode }

    enum Format { text, dot }

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model source (.mg).")
    Path model;

    @Option(names = "--stage", defaultValue = "ast", paramLabel = "STAGE",
            description = "One of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Stage stage;

    @Option(names = "--stats", description = "IR stages: node counts by op instead of the nodes (with --stage opt: per pass too); "
            + "--stage tensoropt: nodes after each tensor pass before the graph.")
    boolean stats;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "IR stages: one of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); dot draws the graph like micrograd's draw_dot.")
    Format format;

    @Option(names = "--after", paramLabel = "PASS",
            description = "With --stage opt or tensoropt: stop the optimiser after this pass (tensor passes run first).")
    String after;

    @Option(names = "--input-grad", description = "With --stage grad/opt: also differentiate with respect to the inputs.")
    boolean inputGrad;

    @Mixin
    CompileFlags flags;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        PrintWriter out = cl.getOut();
        if (format == Format.dot && (stage == Stage.ast || stage == Stage.tensor || stage == Stage.tensorgrad
                || stage == Stage.tensoropt || stage == Stage.schedule || stage == Stage.bytecode)) {
            throw new CommandLine.ParameterException(cl, "--format dot applies to the IR stages (ir, grad, jvp, opt)");
        }
        if (after != null && stage != Stage.opt && stage != Stage.tensoropt) {
            throw new CommandLine.ParameterException(cl, "--after applies to --stage opt and --stage tensoropt");
        }
        var options = flags.options(cl).withInputGradients(inputGrad);
        if (after != null) {
            List<String> names = stage == Stage.tensoropt ? TensorPipeline.passNames() : TensorPipeline.allPassNames();
            if (!names.contains(after)) {
                throw new CommandLine.ParameterException(cl, "unknown " + (stage == Stage.tensoropt ? "tensor " : "") + "pass `"
                        + after + "`; " + (stage == Stage.tensoropt ? "tensor " : "") + "passes are " + String.join(", ", names));
            }
            options = options.withPasses(options.passes().withStopAfter(after));
        }
        Source source = Source.read(model);
        Compiler.Stage upTo = switch (stage) {
            case ast -> Compiler.Stage.AST;
            case tensor, tensorgrad -> Compiler.Stage.TENSOR;
            case tensoropt -> Compiler.Stage.TENSOR_OPT;
            case ir, jvp -> Compiler.Stage.IR;
            case grad -> Compiler.Stage.GRAD;
            case opt -> Compiler.Stage.OPT;
            case schedule, bytecode -> Compiler.Stage.BYTECODE;
        };
        Compilation c = Compiler.compile(source, options, upTo);
        switch (stage) {
            case ast -> out.print(AstPrinter.print(c.checked()));
            case tensor -> out.print(TPrinter.print(c.tensor()));
            case tensorgrad -> out.print(TPrinter.print(TDifferentiator.reverse(c.tensor(), inputGrad)));
            case tensoropt -> {
                TensorPipeline.TensorResult r = c.tensorOptimized();
                if (stats) {
                    out.println("# joint tensor graph, " + c.backend().name().toLowerCase(java.util.Locale.ROOT) + " back end ("
                            + c.backendReason() + ")");
                    for (PassStat s : r.stats()) out.println("# " + s.format());
                }
                out.print(TPrinter.print(r.graph()));
            }
            case ir -> printGraph(out, c.forward());
            case jvp -> printGraph(out, Differentiator.jvp(c.forward()));
            case grad -> printGraph(out, c.joint());
            case opt -> {
                PipelineResult r = c.optimized();
                if (stats) {
                    out.println(String.format("%-16s %10s %10s", "pass", "nodes", "ms"));
                    out.println(String.format("%-16s %10d %10s", "(forward)", c.forward().size(), ""));
                    out.println(String.format("%-16s %10d %10s", "(joint)", c.joint().size(), ""));
                    for (PassStat s : r.stats()) {
                        out.println(String.format("%-16s %10d %10.2f", s.pass(), s.nodesAfter(), s.nanos() / 1e6));
                    }
                    out.println();
                }
                printGraph(out, r.graph());
            }
            case schedule -> out.print(SchedulePrinter.print(c.generated()));
            case bytecode -> out.print(BytecodePrinter.print(c.generated()));
        }
        out.flush();
        return 0;
    }

    private void printGraph(PrintWriter out, Graph g) {
        if (stats) {
            out.print(IrPrinter.stats(g));
        } else if (format == Format.dot) {
            if (g.size() > DotPrinter.MAX_NODES) {
                throw new CommandLine.ParameterException(spec.commandLine(), "the graph has " + g.size()
                        + " nodes; --format dot draws at most " + DotPrinter.MAX_NODES + " (use --stats or --format text)");
            }
            out.print(DotPrinter.print(g, null));
        } else {
            out.print(IrPrinter.print(g));
        }
    }
}
