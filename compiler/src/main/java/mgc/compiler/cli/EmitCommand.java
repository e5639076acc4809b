package mgc.compiler.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import mgc.compiler.front.AstPrinter;
import mgc.compiler.front.CheckedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mgc emit MODEL.mg --stage STAGE}: prints the model as a pipeline stage sees it. */
@Command(name = "emit", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Prints the model after a pipeline stage.")
public final class EmitCommand implements Callable<Integer> {

    enum Stage { ast, ir, grad, opt, schedule, bytecode }

    enum Format { text, dot }

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model source (.mg).")
    Path model;

    @Option(names = "--stage", defaultValue = "ast", paramLabel = "STAGE",
            description = "One of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Stage stage;

    @Option(names = "--stats", description = "Also print node counts (IR stages).")
    boolean stats;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
            description = "One of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CheckedModel m = ModelFiles.check(model);
        if (stage == Stage.ast && format == Format.text) {
            spec.commandLine().getOut().print(AstPrinter.print(m));
            return 0;
        }
        throw new NotImplementedYet("emit --stage " + stage + (format == Format.text ? "" : " --format " + format));
    }
}
