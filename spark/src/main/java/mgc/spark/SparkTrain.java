package mgc.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import mgc.runtime.ModelLoadException;
import mgc.runtime.Models;
import mgc.runtime.data.DataException;
import mgc.runtime.spec.SpecException;
import mgc.runtime.train.Checkpoint;
import mgc.runtime.train.CheckpointException;
import mgc.runtime.train.CheckpointState;
import mgc.runtime.train.PlainLogListener;
import mgc.runtime.train.Task;
import mgc.runtime.train.TrainConfig;
import mgc.runtime.train.TrainResult;
import mgc.runtime.train.TrainingDivergedException;
import mgc.runtime.train.TrainingEngine;
import mgc.runtime.train.TrainingListener;

/**
 * The entry point for clusters:
 * {@code spark-submit --class mgc.spark.SparkTrain mgc-spark-0.1.0-cluster.jar MODEL.jar DATA [options]},
 * with the jar {@code mgc compile} wrote. Settings start from the model's {@code train { }} block; the
 * options {@code --steps --epochs --batch --optimizer --lr --seed --clip --log} override them as in
 * {@code mgc train}; {@code --save FILE}, {@code --save-every N}, {@code --resume FILE},
 * {@code --skip-bad-rows} and {@code --master URL} (when spark-submit does not set it) as well. Ends
 * with {@code final: steps=N loss=X accuracy=Y}.
 */
public final class SparkTrain {
    private static final String USAGE = "usage: spark-submit --class mgc.spark.SparkTrain mgc-spark-0.1.0-cluster.jar MODEL.jar DATA"
            + " [--steps N | --epochs N] [--batch N|all] [--optimizer SPEC] [--lr RATE] [--seed N] [--clip NORM] [--log N]"
            + " [--save FILE [--save-every N]] [--resume FILE] [--skip-bad-rows] [--master URL]";

    private SparkTrain() { }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length < 2 || args[0].startsWith("--") || args[1].startsWith("--")) {
            System.err.println(USAGE);
            return 2;
        }
        try {
            Path jar = Path.of(args[0]);
            Models.Code code = Models.read(jar);
            TrainConfig.Builder b = TrainConfig.builder().setAll(code.signature().trainDefaults());
            Path save = null, resume = null;
            int saveEvery = 0;
            boolean skip = false;
            String master = null;
            for (int i = 2; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--skip-bad-rows")) {
                    skip = true;
                    continue;
                }
                if (!a.startsWith("--") || i + 1 == args.length) {
                    System.err.println("mgc-spark: error: " + (a.startsWith("--") ? a + " needs a value" : "unexpected argument `" + a + "`"));
                    System.err.println(USAGE);
                    return 2;
                }
                String v = args[++i];
                switch (a) {
                    case "--save" -> save = Path.of(v);
                    case "--save-every" -> saveEvery = Integer.parseInt(v);
                    case "--resume" -> resume = Path.of(v);
                    case "--master" -> master = v;
                    default -> b.set(a.substring(2), v);
                }
            }
            if (save != null) b.checkpoint(save, saveEvery);
            TrainConfig config = b.build();
            CheckpointState state = resume == null ? null : Checkpoint.load(resume, code.signature());
            TrainingEngine.Job job = new TrainingEngine.Job(jar, args[1], Path.of("").toAbsolutePath(), master, config, state, skip, 0);
            TrainingListener log = PlainLogListener.tenths(new PrintWriter(System.out, true));
            TrainResult r = new SparkEngine().train(job, log).result();
            System.out.println(finalLine(r));
            return 0;
        } catch (DataException | SpecException | CheckpointException | ModelLoadException | TrainingDivergedException e) {
            String m = e.getMessage();
            System.err.println(m.contains(": error: ") ? m : "mgc-spark: error: " + m);
            return 1;
        } catch (NumberFormatException e) {
            System.err.println("mgc-spark: error: --save-every needs a whole number (" + e.getMessage() + ")");
            return 2;
        }
    }

    /** The line {@code mgc train} ends with. */
    static String finalLine(TrainResult r) {
        StringBuilder fin = new StringBuilder("final: steps=").append(r.steps())
                .append(" loss=").append(String.format(Locale.ROOT, "%.6g", r.finalLoss()));
        if (r.task() != Task.REGRESSION) fin.append(" accuracy=").append(r.finalAccuracy());
        return fin.toString();
    }
}
