package mgc.compiler.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mgc eval MODEL.mg}. */
@Command(name = "eval", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Evaluates a model's outputs and loss on data.")
public final class EvalCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model source (.mg).")
    Path model;

    @Override
    public Integer call() {
        ModelFiles.check(model);
        throw new NotImplementedYet("eval");
    }
}
