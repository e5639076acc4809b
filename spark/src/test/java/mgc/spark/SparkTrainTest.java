package mgc.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spark-submit entry point, run in the tests' session (as spark-submit would run it in its own). */
class SparkTrainTest {

    private record Run(int code, String out, String err) { }

    private static Run run(String... args) {
        TestSpark.session();
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int code = SparkTrain.run(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void trainsACompiledJarOnACsvFileSavesAndResumes(@TempDir Path dir) {
        String jar = TestSpark.jar("linear").toString();
        String csv = TestSpark.examples().resolve("linear.csv").toString();
        Path ckpt = dir.resolve("linear.ckpt");
        Run first = run(jar, csv, "--steps", "20", "--batch", "all", "--save", ckpt.toString());
        assertEquals(0, first.code(), first.err());
        assertTrue(first.out().startsWith("training for 20 steps\n"), first.out());
        assertTrue(first.out().strip().matches("(?s).*\nfinal: steps=20 loss=[0-9.e+-]+"), first.out());
        assertTrue(Files.exists(ckpt));
        Run more = run(jar, csv, "--steps", "30", "--batch", "all", "--resume", ckpt.toString());
        assertEquals(0, more.code(), more.err());
        assertTrue(more.out().startsWith("resuming at step 20 of 30\n"), more.out());
        assertTrue(more.out().contains("final: steps=30 "), more.out());
    }

    @Test
    void badArgumentsAndSettingsGetOneLineAndAnExitCode() {
        Run usage = run("only-one-argument.jar");
        assertEquals(2, usage.code());
        assertTrue(usage.err().startsWith("usage: spark-submit --class mgc.spark.SparkTrain"), usage.err());
        Run missing = run("no-such.jar", "data.csv");
        assertEquals(1, missing.code());
        assertEquals("mgc-spark: error: no such file: no-such.jar\n", missing.err());
        Run badSetting = run(TestSpark.jar("linear").toString(), "data.csv", "--batch", "zero");
        assertEquals(1, badSetting.code());
        assertTrue(badSetting.err().startsWith("mgc-spark: error: `batch` must be"), badSetting.err());
    }
}
