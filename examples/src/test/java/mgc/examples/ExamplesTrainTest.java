package mgc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import mgc.compiler.Compiler;
import mgc.runtime.CompiledModel;
import mgc.runtime.Initializers;
import mgc.runtime.ModelSignature;
import mgc.runtime.data.DataSpec;
import mgc.runtime.data.Dataset;
import mgc.runtime.train.TrainConfig;
import mgc.runtime.train.TrainResult;
import mgc.runtime.train.Trainer;
import mgc.runtime.train.TrainingListener;
import org.junit.jupiter.api.Test;

/** Each example model trains to what the README promises, with its own train { } settings. */
class ExamplesTrainTest {

    private static Path example(String name) {
        return Path.of(System.getProperty("mgc.root", ".."), "examples", name + ".mg");
    }

    private static TrainResult train(String name) {
        Path file = example(name);
        CompiledModel model = Compiler.load(file);
        ModelSignature sig = model.signature();
        Dataset data = DataSpec.parse(sig.trainDefaults().get("data"), file.toAbsolutePath().getParent()).load(sig);
        TrainConfig config = TrainConfig.builder().setAll(sig.trainDefaults()).threads(1).build();
        double[] params = Initializers.initialize(sig, config.seed());
        return new Trainer().train(model, params, data, null, config, TrainingListener.NONE);
    }

    @Test
    void moonsReachesFullTrainingAccuracyInOneHundredFullBatchSteps() {
        TrainResult r = train("moons");
        assertEquals(100, r.steps());
        assertEquals(1.0, r.finalAccuracy(), "micrograd's demo reaches 100%");
    }

    @Test
    void linearRecoversTheCoefficientsLinearCsvWasMadeWith() {
        TrainResult r = train("linear");
        double[] p = r.params(); // w[0..2], b
        double[] expected = {2, -3, 0.5, 1};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], p[i], 0.02, "coefficient " + i);
        }
    }

    @Test
    void softmaxClassifiesThreeSpiralsAboveNinetyFivePercent() {
        TrainResult r = train("softmax");
        assertTrue(r.finalAccuracy() > 0.95, "accuracy " + r.finalAccuracy());
    }

    /** The Java API example trains moons to what it prints and the README promises: 100% after 100 steps. */
    @Test
    void theJavaExampleReachesFullAccuracy() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            TrainMoons.main(new String[]{example("moons").toString()});
        } finally {
            System.setOut(out);
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        out.println(String.join("\n", lines));
        assertFalse(lines.isEmpty(), "the example printed nothing");
        assertEquals("accuracy 1.0 after 100 steps", lines.get(lines.size() - 1));
    }

    @Test
    void theModelInTheReadmeCompiles() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(Path.of(System.getProperty("mgc.root", ".."), "README.md"));
        int start = readme.indexOf("```text\nmodel moons");
        assertTrue(start >= 0, "the README's language section starts with a model");
        String model = readme.substring(start + "```text\n".length(), readme.indexOf("```", start + 8));
        CompiledModel m = Compiler.compile(new mgc.compiler.front.Source("README.md", model),
                mgc.compiler.CompileOptions.defaults()).model();
        assertEquals(16 * 2 + 16, m.signature().paramSize());
    }
}
