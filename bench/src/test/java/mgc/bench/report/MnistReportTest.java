package mgc.bench.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MNIST section of results.md: medians from JMH's sample-mode CSV, ratios to the hand-written step, targets judged. */
class MnistReportTest {

    private static final String HEADER = "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\","
            + "\"Param: data\",\"Param: model\",\"Param: variant\"\n";

    private static String rows(String data, String model, String variant, double mean, double median) {
        String b = "\"mgc.bench.jmh.MnistMgcBenchmark.trainStep";
        return b + "\",\"sample\",1,5000," + mean + ",3.0,\"us/op\"," + data + "," + model + "," + variant + "\n"
                + b + ":p0.00\",\"sample\",1,1," + (median - 50) + ",NaN,\"us/op\"," + data + "," + model + "," + variant + "\n"
                + b + ":p0.50\",\"sample\",1,1," + median + ",NaN,\"us/op\"," + data + "," + model + "," + variant + "\n";
    }

    @Test
    void writesMediansRatiosAndJudgesTheTargets(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("a.csv"), md = dir.resolve("mnist.md");
        Files.writeString(csv, HEADER
                + rows("real", "784-128-10", "hand", 1350.0, 1300.0)
                + rows("real", "784-128-10", "mgc-vector", 830.0, 800.0)      // 80,000/s: met
                + rows("real", "784-128-10", "mgc-superword", 1400.0, 1350.0)  // 47,400/s but slower than hand: not met
                + rows("real", "784-128-10", "mgc-interp", 52000.0, 51000.0));
        MnistReport.main(new String[] {csv + "," + dir.resolve("missing.csv"), md.toString(), "cmd"});
        String out = Files.readString(md);
        assertTrue(out.contains("| 784-128-10, real MNIST | 1,300 µs [1,350] | 800 µs [830] (80,000/s) | 1.63 | 1,350 µs [1,400] (47,400/s) | 0.96 |  |  | 51,000 µs [52,000] (1,300/s) |"), out);
        assertTrue(out.contains("Vector API ≥ 75,000 examples/s**: met (80,000/s)"), out);
        assertTrue(out.contains("≥ 1.0× hand-written**: **not met** (47,407/s, 0.96×)"), out);
    }

    @Test
    void writesNothingWithoutResults(@TempDir Path dir) throws Exception {
        Path md = dir.resolve("mnist.md");
        MnistReport.main(new String[] {dir.resolve("none.csv").toString(), md.toString(), "cmd"});
        assertFalse(Files.exists(md));
    }
}
