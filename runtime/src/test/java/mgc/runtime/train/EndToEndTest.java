package mgc.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mgc.runtime.CompiledModel;
import mgc.runtime.Initializers;
import mgc.runtime.ModelSignature;
import mgc.runtime.data.DataSpec;
import mgc.runtime.data.Dataset;
import mgc.runtime.data.Predictor;
import mgc.runtime.testing.Linear;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The path `mgc train` takes: train-block defaults, data spec, split, init, train, checkpoint, predict. */
class EndToEndTest {

    @Test
    void trainFromDefaultsThenPredict(@TempDir Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("x_0,x_1,y\n");
        for (int i = 0; i < 40; i++) {
            double a = (i % 8) / 7.0;
            double b = (i / 8) / 4.0;
            csv.append(a).append(',').append(b).append(',').append(2 * a - b + 1).append('\n');
        }
        Files.writeString(dir.resolve("plane.csv"), csv);
        CompiledModel model = new Linear(2, Map.of("data", "csv(\"plane.csv\")", "optimizer", "momentum(lr = 0.1 to 0.01)",
                "steps", "400", "batch", "8", "split", "0.25"));
        ModelSignature sig = model.signature();

        TrainConfig config = TrainConfig.builder().setAll(sig.trainDefaults()).set("threads", "2")
                .checkpoint(dir.resolve("plane.ckpt"), 100).build();
        Dataset all = DataSpec.parse(sig.trainDefaults().get("data"), dir).load(sig);
        Dataset.Split split = all.split(config.validationSplit(), config.seed());
        double[] params = Initializers.initialize(sig, config.seed());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainResult r = new Trainer().train(model, params, split.train(), split.validation(), config,
                new PlainLogListener(new PrintStream(log, true, StandardCharsets.UTF_8), 100));

        assertEquals(30, split.train().size());
        assertTrue(r.validationLoss() < 1e-4, "validation loss " + r.validationLoss());
        assertArrayEquals(params, Checkpoint.load(dir.resolve("plane.ckpt"), sig).params(), 0);
        List<String> lines = log.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("training for 400 steps", lines.get(0));
        assertTrue(lines.get(1).startsWith("step 0 loss "));
        assertTrue(lines.get(lines.size() - 1).matches("done: 400 steps in \\S+ s \\(\\S+ ms/step\\), loss .*"),
                lines.get(lines.size() - 1));

        Path out = dir.resolve("pred.csv");
        Predictor.writeCsv(out, sig, Predictor.predict(model, params, split.validation()));
        List<String> pred = Files.readAllLines(out);
        assertEquals("score", pred.get(0));
        assertEquals(11, pred.size());
    }
}
