package mgc.compiler.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import mgc.compiler.codegen.JarWriter;
import mgc.runtime.ModelSignature;
import mgc.runtime.train.Checkpoint;
import mgc.runtime.train.CheckpointState;
import mgc.runtime.train.PlainLogListener;
import mgc.runtime.train.TrainConfig;
import mgc.runtime.train.TrainResult;
import mgc.runtime.train.TrainingDivergedException;
import mgc.runtime.train.TrainingEngine;
import mgc.runtime.train.TrainingListener;
import picocli.CommandLine;

/**
 * {@code mgc train --engine NAME}: hands the model, as the jar {@code mgc compile} writes, to a
 * {@link TrainingEngine} found on the class path by name (mgc-spark, which the launcher adds), then
 * reports like the local engine.
 */
final class EngineTraining {
    /** Examples brought back for decision.png. */
    private static final int PLOT_SAMPLE = 2000;

    private EngineTraining() { }

    static int run(TrainCommand cmd, ModelSession session, TrainConfig config, String data, Path baseDir) throws IOException {
        CommandLine line = cmd.spec.commandLine();
        TrainingEngine engine;
        try {
            engine = TrainingEngine.find(cmd.engine);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(line, "--engine " + cmd.engine + ": " + e.getMessage());
        }
        if (cmd.interpret) throw new CommandLine.ParameterException(line, "--interpret runs in this JVM only; drop it or --engine");
        ModelSignature sig = session.signature();
        CheckpointState resume = cmd.resume == null ? null : Checkpoint.load(cmd.resume, sig);
        Path dir = Files.createTempDirectory("mgc-engine");
        Path jar = dir.resolve(JarWriter.defaultClassName(sig) + ".jar");
        JarWriter.write(jar, session.compilation().generated(), sig);

        PrintWriter out = line.getOut();
        boolean terminal = System.console() != null && !cmd.quiet;
        ProgressListener bar = terminal ? new ProgressListener() : null;
        TrainingListener listener = cmd.quiet ? TrainingListener.NONE : bar != null ? bar : PlainLogListener.tenths(out);
        int sample = cmd.plot != null && sig.inputSize() == 2 ? PLOT_SAMPLE : 0;
        TrainingEngine.Job job = new TrainingEngine.Job(jar, data, baseDir, cmd.master != null ? cmd.master : "local[*]",
                config, resume, cmd.skipBadRows, sample);

        StopOnSignal signals = new StopOnSignal(engine::requestStop);
        try {
            TrainingEngine.Outcome outcome;
            try {
                outcome = engine.train(job, listener);
            } catch (TrainingDivergedException e) {
                if (bar != null) bar.close();
                if (cmd.save != null) Checkpoint.save(cmd.save, sig, e.lastGoodState());
                line.getErr().println("mgc: error: " + e.getMessage()
                        + (cmd.save != null ? "\n  the last good state was saved to " + cmd.save : ""));
                return Main.EXIT_MODEL_ERROR;
            }
            if (bar != null) bar.close();
            TrainResult result = outcome.result();
            if (cmd.plot != null) cmd.writePlots(session, result, outcome.sample());
            cmd.finish(result, false);
            return 0;
        } finally {
            signals.close();
            Files.deleteIfExists(jar);
            Files.deleteIfExists(dir);
        }
    }
}
