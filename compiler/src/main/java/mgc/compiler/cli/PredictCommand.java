package mgc.compiler.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mgc predict MODEL.mg}. */
@Command(name = "predict", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Runs a trained model on new inputs.")
public final class PredictCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model source (.mg).")
    Path model;

    @Override
    public Integer call() {
        ModelFiles.check(model);
        throw new NotImplementedYet("predict");
    }
}
