package mgc.compiler.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import mgc.compiler.CompileOptions;
import mgc.runtime.CompiledModel;
import mgc.runtime.Models;
import mgc.runtime.data.CsvData;
import mgc.runtime.data.DataSpec;
import mgc.runtime.data.Idx;
import mgc.runtime.data.Dataset;
import mgc.runtime.data.Predictor;
import mgc.runtime.train.Checkpoint;
import mgc.runtime.train.Metrics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mgc predict MODEL --params FILE --data FILE}: the model's outputs as CSV (with the class for IDX images). */
@Command(name = "predict", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = {"Runs a trained model on a CSV file's inputs, or on IDX images, and prints its outputs as CSV.",
                "The header names the output elements; for IDX images a first column `class` holds the predicted class (argmax).",
                "MODEL is a .mg source or a jar written by `mgc compile`."})
public final class PredictCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model: a .mg source or a compiled .jar.")
    Path model;

    @Option(names = "--params", required = true, paramLabel = "FILE", description = "A checkpoint written by `mgc train --save`.")
    Path params;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "Inputs: a CSV file with a header naming the input columns, an IDX image file (plain or .gz), or a directory of the four MNIST files (its t10k images).")
    Path data;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.csv", description = "Write the CSV here instead of standard output.")
    Path output;

    @Mixin
    CompileFlags flags;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (output != null) OutputFiles.createDirectoryOf(spec.commandLine(), output, "-o");
        CompiledModel m;
        if (model.toString().endsWith(".jar")) {
            m = Models.load(model);
        } else {
            CompileOptions o = flags.options(spec.commandLine());
            m = ModelSession.open(model, o, false).model();
        }
        double[] p = Checkpoint.load(params, m.signature()).params();
        Path images = Files.isDirectory(data) ? new DataSpec.IdxDirectory(data).test().images()
                : Idx.looksLikeIdx(data) ? data : null;
        Dataset d = images != null ? Idx.loadInputs(images, m.signature()) : CsvData.loadInputs(data, m.signature());
        double[] out = Predictor.predict(m, p, d);
        int[] classes = null;
        if (images != null) {
            int k = m.signature().outputSize();
            classes = new int[d.size()];
            for (int i = 0; i < classes.length; i++) classes[i] = Metrics.classOf(out, i * k, k);
        }
        if (output != null) {
            Predictor.writeCsv(output, m.signature(), out, classes);
        } else {
            PrintWriter w = spec.commandLine().getOut();
            Predictor.writeCsv(w, m.signature(), out, classes);
            w.flush();
        }
        return 0;
    }
}
