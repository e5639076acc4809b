package mgc.compiler.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import mgc.runtime.CompiledModel;
import mgc.runtime.Initializers;
import mgc.runtime.ModelSignature;
import mgc.runtime.data.DataSpec;
import mgc.runtime.data.Dataset;
import mgc.runtime.train.Checkpoint;
import mgc.runtime.train.CheckpointException;
import mgc.runtime.train.CheckpointLock;
import mgc.runtime.train.CheckpointState;
import mgc.runtime.train.PlainLogListener;
import mgc.runtime.train.Task;
import mgc.runtime.train.TestEvaluation;
import mgc.runtime.train.TrainConfig;
import mgc.runtime.train.TrainResult;
import mgc.runtime.train.Trainer;
import mgc.runtime.train.TrainingDivergedException;
import mgc.runtime.train.TrainingListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mgc train MODEL.mg}: compile, then train with the model's {@code train { }} defaults and the flags. */
@Command(name = "train", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = {"Compiles a model and trains it.",
                "Settings come from the model's train { } block; flags override them.",
                "The last line is always `final: steps=N loss=X accuracy=Y` (accuracy omitted for regression),",
                "followed by `validation_loss=... validation_accuracy=...` with --split and `test_loss=... test_accuracy=...` with a test set."})
public final class TrainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model source (.mg).")
    Path model;

    @Option(names = "--data", paramLabel = "SPEC",
            description = "Training data: a CSV file, idx(\"images\", \"labels\"), a directory of the four MNIST files (its t10k pair becomes the test set), or a generator such as moons:n=100,noise=0.1 / spirals:n=300,classes=3 / blobs:n=300,classes=3.")
    String data;

    @Option(names = "--test", paramLabel = "SPEC", description = "A test set (any data spec), evaluated after every epoch and at the end.")
    String test;

    @Option(names = "--steps", paramLabel = "N", description = "Number of optimiser steps.")
    String steps;

    @Option(names = "--epochs", paramLabel = "N", description = "Number of passes over the data (instead of --steps).")
    String epochs;

    @Option(names = "--batch", paramLabel = "N|all", description = "Examples per step, or `all` (full batch).")
    String batch;

    @Option(names = "--optimizer", paramLabel = "SPEC",
            description = "sgd(lr = 1.0 to 0.1), momentum(lr = 0.1, mu = 0.9, nesterov = true), adam(lr = 0.01), adamw(lr = 0.01, wd = 0.01); also adam:lr=0.01.")
    String optimizer;

    @Option(names = "--lr", paramLabel = "RATE", description = "Learning rate (or schedule, e.g. `1.0 to 0.1`) for the optimiser.")
    String lr;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for initialisation, shuffling and the split (default: the train block's, else 0).")
    String seed;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads for data-parallel batches (default: 1 for batches under 256 examples, else the number of cores).")
    String threads;

    @Option(names = "--split", paramLabel = "FRACTION", description = "Hold out this fraction of the data for validation (e.g. 0.2).")
    String split;

    @Option(names = "--clip", paramLabel = "NORM", description = "Clip the gradient's global norm to this value.")
    String clip;

    @Option(names = "--save", paramLabel = "FILE", description = "Write a checkpoint here (atomically) at the end, on Ctrl-C, and every --save-every steps.")
    Path save;

    @Option(names = "--save-every", paramLabel = "N", defaultValue = "0", description = "Also checkpoint every N steps (with --save).")
    int saveEvery;

    @Option(names = "--resume", paramLabel = "FILE", description = "Continue from a checkpoint (same model, data and settings).")
    Path resume;

    @Option(names = "--plot", paramLabel = "DIR", description = "Write loss.png, for 2-D inputs decision.png, and for classifiers of more than 2 classes confusion.png (and mistakes.png for image inputs) into DIR.")
    Path plot;

    @Option(names = "--quiet", description = "No progress output; only the final line.")
    boolean quiet;

    @Option(names = "--interpret", description = "Run the IR interpreter instead of generated code (slow; for debugging).")
    boolean interpret;

    @Option(names = "--engine", paramLabel = "local|spark", defaultValue = "local",
            description = "Where to train: in this JVM (local), or on Apache Spark (spark; see --master, --skip-bad-rows).")
    String engine;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master for --engine spark, e.g. local[2] or spark://host:7077 (default local[*]).")
    String master;

    @Option(names = "--skip-bad-rows", description = "With --engine spark: skip rows that are not numbers (and print how many) instead of failing.")
    boolean skipBadRows;

    @Mixin
    CompileFlags flags;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (save == null) return train();
        OutputFiles.createDirectoryOf(spec.commandLine(), save, "--save");
        if (Files.isDirectory(save))
            throw new CommandLine.ParameterException(spec.commandLine(), "--save " + save + " is a directory; give a file name");
        // one writer per checkpoint for the whole run; the OS drops the lock if this process is killed
        try (CheckpointLock lock = CheckpointLock.acquire(save)) {
            if (((Main) spec.root().userObject()).debug && !lock.removedStale().isEmpty())
                spec.commandLine().getErr().println("mgc: removed " + lock.removedStale().size()
                        + " temporary file(s) left by interrupted writes of " + save + ": " + lock.removedStale());
            return train();
        }
    }

    private Integer train() throws IOException {
        java.io.PrintWriter stdout = spec.commandLine().getOut();
        ModelSession session = ModelSession.open(model, flags.options(spec.commandLine()), interpret);
        ModelSignature sig = session.signature();
        Map<String, String> defaults = sig.trainDefaults();

        String dataText = data != null ? data : defaults.get("data");
        if (dataText == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "no training data: give --data (a CSV file or e.g. moons:n=100) or `data = ...` in the model's train block");
        }
        if (steps != null && epochs != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --steps or --epochs, not both");
        }
        boolean local = engine.equals("local");
        Path cwd = Path.of("").toAbsolutePath();
        DataSpec dataSpec = data != null ? flag(() -> DataSpec.parse(dataText, cwd)) : DataSpec.parse(dataText, session.baseDir());
        Dataset all = !local ? null : dataSpec.load(sig);
        // --data replaces the train block's data and with it the block's test set
        DataSpec testSpec = test != null ? flag(() -> DataSpec.parse(test, cwd))
                : data == null && defaults.containsKey("test") ? DataSpec.parse(defaults.get("test"), session.baseDir())
                : dataSpec.bundledTest().orElse(null);
        if (!local && test != null)
            throw new CommandLine.ParameterException(spec.commandLine(), "--test works with the local engine only");
        Dataset testSet = !local || testSpec == null ? null : testSpec.load(sig);

        TrainConfig.Builder b = TrainConfig.builder().setAll(defaults);
        if (!defaults.containsKey("threads")) b.threads(1);
        // the train block was checked with the model: from here on, a bad setting comes from a flag (exit 2)
        TrainConfig config = flag(() -> {
            if (steps != null) b.set("steps", steps);
            if (epochs != null) b.set("epochs", epochs);
            if (batch != null) b.set("batch", batch);
            if (seed != null) b.set("seed", seed);
            if (optimizer != null) b.set("optimizer", optimizer);
            if (lr != null) b.set("lr", lr);
            if (split != null) b.set("split", split);
            if (clip != null) b.set("clip", clip);
            if (threads != null) b.set("threads", threads);
            if (save != null) b.checkpoint(save, saveEvery);
            // an accuracy point per step for loss.png, unless measuring at every step would dwarf training
            if (plot != null && !defaults.containsKey("log") && (all == null || all.size() <= 10_000)) b.logEvery(1);
            return b.build();
        });
        if (!local) return EngineTraining.run(this, session, config, dataText, data != null ? Path.of("").toAbsolutePath() : session.baseDir());
        if (threads == null && !defaults.containsKey("threads") && config.effectiveBatch(all.size()) >= 256) {
            config = b.threads(Runtime.getRuntime().availableProcessors()).build();
        }

        Dataset train = all, validation = null;
        if (config.validationSplit() > 0) {
            Dataset.Split s = all.split(config.validationSplit(), config.seed());
            train = s.train();
            validation = s.validation();
        }

        CompiledModel m = session.model();
        boolean terminal = System.console() != null && !quiet;
        ProgressListener bar = terminal ? new ProgressListener() : null;
        int total = config.totalSteps(train.size());
        TrainingListener display = quiet ? TrainingListener.NONE
                : bar != null ? bar : new PlainLogListener(stdout, Math.max(1, total / 10));
        TestEvaluation evaluation = testSet == null ? null : new TestEvaluation(m, testSet, display);
        TrainingListener listener = new SaveFailureWarnings(evaluation != null ? evaluation : display, spec.commandLine().getErr());

        Trainer trainer = new Trainer();
        StopOnSignal signals = new StopOnSignal(trainer::requestStop);
        TrainResult result;
        try {
            if (resume != null) {
                CheckpointState state = Checkpoint.load(resume, sig);
                result = trainer.resume(m, state, train, validation, config, listener);
            } else {
                double[] params = Initializers.initialize(sig, config.seed());
                result = trainer.train(m, params, train, validation, config, listener);
            }
        } catch (TrainingDivergedException e) {
            if (bar != null) bar.close();
            String where = NanHunter.explain(session.compilation().graph(), session.compilation().checked().source(),
                    e.lastGoodState().params(), train);
            String saved = save == null ? "" : "\n  the last good state was saved to " + save;
            try {
                if (save != null) Checkpoint.save(save, sig, e.lastGoodState());
            } catch (CheckpointException failed) { // say why training stopped first, then why nothing was saved
                saved = "\n  the last good state was not saved: " + failed.getMessage();
            }
            spec.commandLine().getErr().println("mgc: error: " + e.getMessage()
                    + (where != null ? "\n  " + where : "") + saved);
            return Main.EXIT_MODEL_ERROR;
        } finally {
            signals.close();
        }
        if (bar != null) bar.close();

        TestEvaluation.Figures testFigures = evaluation == null ? null : evaluation.at(result.steps(), result.params());
        if (plot != null) writePlots(session, result, all, evaluation, testSet);
        finish(result, validation != null, testFigures);
        return 0;
    }

    void finish(TrainResult result, boolean validation) {
        finish(result, validation, null);
    }

    /** The stop note and the final line (engines share it); {@code test} null without a test set. */
    void finish(TrainResult result, boolean validation, TestEvaluation.Figures test) {
        java.io.PrintWriter stdout = spec.commandLine().getOut();
        if (result.stopped() && !quiet) stdout.println("stopped by request" + (save != null ? "; checkpoint saved to " + save : ""));
        StringBuilder fin = new StringBuilder("final: steps=").append(result.steps())
                .append(" loss=").append(String.format(Locale.ROOT, "%.6g", result.finalLoss()));
        if (result.task() != Task.REGRESSION) fin.append(" accuracy=").append(result.finalAccuracy());
        if (validation) {
            fin.append(" validation_loss=").append(String.format(Locale.ROOT, "%.6g", result.validationLoss()));
            if (result.task() != Task.REGRESSION) fin.append(" validation_accuracy=").append(result.validationAccuracy());
        }
        if (test != null) {
            fin.append(" test_loss=").append(String.format(Locale.ROOT, "%.6g", test.loss()));
            if (!Double.isNaN(test.accuracy())) fin.append(" test_accuracy=").append(test.accuracy());
        }
        stdout.println(fin);
        stdout.flush();
    }

    void writePlots(ModelSession session, TrainResult result, Dataset data) throws IOException {
        writePlots(session, result, data, null, null);
    }

    /** With a test set, its curve goes into loss.png and the confusion matrix and mistakes are drawn on it. */
    void writePlots(ModelSession session, TrainResult result, Dataset data, TestEvaluation evaluation, Dataset testSet)
            throws IOException {
        Files.createDirectories(plot);
        Plots.lossCurve(result.lossHistory(), result.task() == Task.REGRESSION ? null : result.accuracyHistory(),
                evaluation == null ? null : evaluation.curve(), plot.resolve("loss.png"));
        ModelSignature sig = session.signature();
        ClassifierPlots.writeAll(session.model(), result.params(), testSet != null ? testSet : data,
                testSet != null ? "test set" : "training set", sig, plot);
        if (sig.inputSize() == 2 && result.task() != Task.REGRESSION) {
            CompiledModel m = session.model();
            double[] params = result.params();
            int outs = sig.outputSize();
            double[] scratch = m.newScratch();
            double[] in = new double[2];
            double[] out = new double[outs];
            int classes = outs == 1 ? 2 : outs;
            int[] labels = new int[data.size()];
            int k = data.targetSize();
            for (int i = 0; i < data.size(); i++) labels[i] = mgc.runtime.train.Metrics.classOf(data.targets(), i * k, k);
            Plots.decisionBoundary((x, y) -> {
                in[0] = x;
                in[1] = y;
                m.forward(params, in, 0, 1, out, scratch);
                return mgc.runtime.train.Metrics.classOf(out, 0, outs);
            }, data.inputs(), labels, classes, plot.resolve("decision.png"));
        }
        if (!quiet) spec.commandLine().getOut().println("plots written to " + plot);
    }

    /** Runs {@code parse}, turning a bad value in a command-line flag into a usage error. */
    private <T> T flag(java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (mgc.runtime.spec.SpecException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

}
