package mgc.compiler.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import mgc.runtime.CompiledModel;
import mgc.runtime.ModelSignature;
import mgc.runtime.data.DataSpec;
import mgc.runtime.data.Dataset;
import mgc.runtime.train.Checkpoint;
import mgc.runtime.train.Confusion;
import mgc.runtime.train.Metrics;
import mgc.runtime.train.Task;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mgc test MODEL.mg --params CKPT [--data SPEC]}: a trained model's loss and accuracy on a test set, per class. */
@Command(name = "test", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = {"Evaluates a trained model on a test set: loss, accuracy and, for classifiers, accuracy per class.",
                "The test set is --data, else the train block's `test`, else the test set bundled with its `data`",
                "(the t10k pair of an MNIST directory). A directory given to --data means its t10k pair.",
                "Prints `test: examples=N loss=X accuracy=Y`, then `class C: examples=N correct=M accuracy=A` per class."})
public final class TestCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model source (.mg).")
    Path model;

    @Option(names = "--params", required = true, paramLabel = "FILE", description = "A checkpoint written by `mgc train --save`.")
    Path params;

    @Option(names = "--data", paramLabel = "SPEC", description = "The test set: any data spec, or an MNIST directory (its t10k pair).")
    String data;

    @Option(names = "--plot", paramLabel = "DIR", description = "Write confusion.png (and mistakes.png for image inputs) into DIR.")
    Path plot;

    @Mixin
    CompileFlags flags;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        ModelSession session = ModelSession.open(model, flags.options(cl), false);
        ModelSignature sig = session.signature();
        Dataset test = testSet(session).load(sig);
        CompiledModel m = session.model();
        double[] p = Checkpoint.load(params, sig).params();
        PrintWriter out = cl.getOut();
        Task task = Task.detect(sig, test);
        StringBuilder line = new StringBuilder("test: examples=").append(test.size())
                .append(" loss=").append(String.format(Locale.ROOT, "%.6g", Metrics.objective(m, p, test)));
        if (!task.isClassification()) {
            out.println(line);
            out.flush();
            return 0;
        }
        Confusion c = Confusion.of(m, p, test);
        out.println(line.append(" accuracy=").append(c.accuracy()));
        for (int k = 0; k < c.classes(); k++) {
            out.println(String.format(Locale.ROOT, "class %d: examples=%d correct=%d accuracy=%s", k, c.support(k),
                    c.count(k, k), c.support(k) == 0 ? "n/a" : String.format(Locale.ROOT, "%.4f", c.classAccuracy(k))));
        }
        if (plot != null) {
            Files.createDirectories(plot);
            if (ClassifierPlots.writeAll(m, p, test, "test set", sig, plot).isEmpty())
                out.println("no plots: confusion.png is drawn for classifiers of more than 2 classes");
            else out.println("plots written to " + plot);
        }
        out.flush();
        return 0;
    }

    private DataSpec testSet(ModelSession session) {
        Map<String, String> defaults = session.signature().trainDefaults();
        if (data != null) {
            DataSpec d;
            try {
                d = DataSpec.parse(data, Path.of("").toAbsolutePath());
            } catch (mgc.runtime.spec.SpecException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            return d instanceof DataSpec.IdxDirectory dir ? dir.test() : d;
        }
        if (defaults.containsKey("test")) return DataSpec.parse(defaults.get("test"), session.baseDir());
        if (defaults.containsKey("data")) {
            var bundled = DataSpec.parse(defaults.get("data"), session.baseDir()).bundledTest();
            if (bundled.isPresent()) return bundled.get();
        }
        throw new CommandLine.ParameterException(spec.commandLine(),
                "no test set: give --data, or `test = ...` (or an MNIST directory as `data`) in the model's train block");
    }
}
