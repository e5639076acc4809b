package mgc.compiler.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mgc bench MODEL.mg}. */
@Command(name = "bench", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Measures a compiled model's forward and gradient speed.")
public final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model source (.mg).")
    Path model;

    @Override
    public Integer call() {
        ModelFiles.check(model);
        throw new NotImplementedYet("bench");
    }
}
