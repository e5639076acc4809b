package mgc.runtime.facade;

import java.nio.file.Path;
import java.util.Map;
import mgc.runtime.ModelSignature;
import mgc.runtime.data.DataSpec;
import mgc.runtime.data.Dataset;
import mgc.runtime.train.TrainConfig;
import mgc.runtime.train.TrainResult;
import mgc.runtime.train.Trainer;
import mgc.runtime.train.TrainingListener;

/**
 * A {@link Trainer} run of a {@link BoundModel}'s parameters, preconfigured with the model's
 * {@code train { }} block (settings and data); each setting, the data and the listener can be replaced
 * before {@link #run()}, which updates the parameters in place.
 */
public final class Training {

    private final BoundModel bound;
    private final TrainConfig.Builder config = TrainConfig.builder();
    private final Trainer trainer = new Trainer();
    private Dataset data;
    private Dataset validation;
    private Path dataDir = Path.of("");
    private TrainingListener listener = TrainingListener.NONE;

    Training(BoundModel bound) {
        this.bound = bound;
        config.setAll(bound.signature().trainDefaults());
        // as `mgc train` does: one thread unless the block asks for more, so a run repeats bit for bit
        if (!bound.signature().trainDefaults().containsKey("threads")) config.threads(1);
    }

    /** Replaces one setting as in the {@code train { }} block: {@code set("steps", "200")}, {@code set("lr", "0.05")}. */
    public Training set(String key, String value) {
        config.set(key, value);
        return this;
    }

    /** Trains on {@code train} (and measures {@code validation}, may be null) instead of the block's {@code data}. */
    public Training data(Dataset train, Dataset validation) {
        this.data = train;
        this.validation = validation;
        return this;
    }

    /** The directory that a {@code csv("...")} data spec of the block is read relative to (default: the working directory). */
    public Training dataDirectory(Path dir) {
        this.dataDir = dir;
        return this;
    }

    public Training listener(TrainingListener listener) {
        this.listener = listener;
        return this;
    }

    /** The configuration the run will use. */
    public TrainConfig config() {
        return config.build();
    }

    /** Asks a running {@link #run()} to stop before its next step (e.g. from a signal handler). */
    public void requestStop() {
        trainer.requestStop();
    }

    /** Trains; the model's parameters hold the result afterwards. */
    public TrainResult run() {
        TrainConfig c = config.build();
        ModelSignature sig = bound.signature();
        Dataset train = data, valid = validation;
        if (train == null) {
            Map<String, String> defaults = sig.trainDefaults();
            String spec = defaults.get("data");
            if (spec == null)
                throw new IllegalStateException("model `" + sig.modelName() + "` names no data in its train block; "
                        + "pass a data set with data(train, validation)");
            train = DataSpec.parse(spec, dataDir).load(sig);
            if (c.validationSplit() > 0) {
                Dataset.Split split = train.split(c.validationSplit(), c.seed());
                train = split.train();
                valid = split.validation();
            }
        }
        TrainResult result = trainer.train(bound.model(), bound.params(), train, valid, c, listener);
        bound.trained(result.finalState());
        return result;
    }
}
