package mgc.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import mgc.runtime.spec.SpecException;
import org.junit.jupiter.api.Test;

class TrainConfigTest {

    @Test
    void trainBlockSettings() {
        TrainConfig c = TrainConfig.builder().setAll(Map.of("data", "csv(\"x.csv\")", "optimizer", "sgd(lr = 1.0 to 0.1)",
                "steps", "100", "batch", "all", "seed", "7", "threads", "2", "clip", "5", "split", "0.2", "log", "10")).build();
        assertEquals(100, c.steps());
        assertEquals(0, c.batchSize());
        assertEquals(7, c.seed());
        assertEquals(2, c.threads());
        assertEquals(5.0, c.gradClip());
        assertEquals(0.2, c.validationSplit());
        assertEquals(10, c.logEvery());
        assertEquals("sgd(lr = 1.0 to 0.1)", c.optimizer().text());
        TrainConfig e = TrainConfig.builder().set("epochs", "3").set("batch", "32").build();
        assertEquals(0, e.steps());
        assertEquals(3 * 4, e.totalSteps(100));
        assertEquals(1, e.logInterval(12));
    }

    @Test
    void badSettingsSayWhatWasExpected() {
        assertEquals("unknown training setting `stpes`; expected steps, epochs, batch, seed, optimizer, lr, threads, clip, split or log",
                assertThrows(SpecException.class, () -> TrainConfig.builder().set("stpes", "1")).getMessage());
        assertEquals("`batch` must be a whole number, not `some`",
                assertThrows(SpecException.class, () -> TrainConfig.builder().set("batch", "some")).getMessage());
        assertEquals("`threads` must be at least 1, not 0",
                assertThrows(SpecException.class, () -> TrainConfig.builder().set("threads", "0")).getMessage());
        assertEquals("give steps or epochs, not both",
                assertThrows(SpecException.class, () -> TrainConfig.builder().setAll(Map.of("steps", "1", "epochs", "2"))).getMessage());
        assertEquals("split must be in [0, 1), not 1.5",
                assertThrows(SpecException.class, () -> TrainConfig.builder().validationSplit(1.5).build()).getMessage());
    }

    @Test
    void plainLogLinesLikeMicrograd() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PlainLogListener l = new PlainLogListener(new PrintStream(bytes, true, StandardCharsets.UTF_8), 2);
        l.onStart(0, 3);
        l.onStep(0, 0.5, 0.75, 1000);
        l.onStep(1, 0.4, Double.NaN, 1000);
        l.onStep(2, 0.3, Double.NaN, 1000);
        assertEquals("training for 3 steps\nstep 0 loss 0.500000, accuracy 75.0% (1000 examples/s)\n"
                + "step 2 loss 0.300000 (1000 examples/s)\n", bytes.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }

    @org.junit.jupiter.api.Test
    void lrReplacesTheOptimizersRateWhateverTheOrder() {
        TrainConfig a = TrainConfig.builder().set("lr", "0.5 to 0.05").set("optimizer", "momentum(lr = 0.1, mu = 0.8)").build();
        TrainConfig b = TrainConfig.builder().set("optimizer", "momentum(0.1, mu = 0.8)").set("lr", "0.5 to 0.05").build();
        org.junit.jupiter.api.Assertions.assertEquals("momentum(lr = 0.5 to 0.05, mu = 0.8)", a.optimizer().text());
        org.junit.jupiter.api.Assertions.assertEquals(a.optimizer().lr(), b.optimizer().lr());
        org.junit.jupiter.api.Assertions.assertEquals(0.8, b.optimizer().mu());
    }
}
