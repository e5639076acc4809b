package mgc.compiler.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mgc compile MODEL.mg}. */
@Command(name = "compile", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Compiles a model to a jar holding its generated class and signature.")
public final class CompileCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model source (.mg).")
    Path model;

    @Override
    public Integer call() {
        ModelFiles.check(model);
        throw new NotImplementedYet("compile");
    }
}
