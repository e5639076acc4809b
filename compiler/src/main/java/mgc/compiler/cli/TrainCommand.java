package mgc.compiler.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mgc train MODEL.mg}. */
@Command(name = "train", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Trains a model.")
public final class TrainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model source (.mg).")
    Path model;

    @Override
    public Integer call() {
        ModelFiles.check(model);
        throw new NotImplementedYet("train");
    }
}
