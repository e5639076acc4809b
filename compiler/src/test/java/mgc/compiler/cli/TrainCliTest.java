package mgc.compiler.cli;

import static mgc.compiler.cli.FrontendCliTest.example;
import static mgc.compiler.cli.FrontendCliTest.mgc;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mgc.compiler.Compiler;
import mgc.runtime.CompiledModel;
import mgc.runtime.Models;
import mgc.runtime.train.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mgc train}, {@code predict}, {@code compile} and {@code eval} end to end. */
class TrainCliTest {

    private static String lastLine(String s) {
        String[] lines = s.strip().split("\\R");
        return lines[lines.length - 1];
    }

    @Test
    void moonsTrainsToFullAccuracyAndEndsWithTheMachineReadableLine(@TempDir Path dir) {
        FrontendCliTest.Run r = mgc("train", example("moons"), "--quiet", "--plot", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(lastLine(r.out()).matches("final: steps=100 loss=\\S+ accuracy=1\\.0"), r.out());
        assertTrue(Files.isRegularFile(dir.resolve("loss.png")));
        assertTrue(Files.isRegularFile(dir.resolve("decision.png")));
    }

    /**
     * Both back ends compile the one joint tensor graph, sums in the same order, so 100 Adam steps with loop
     * kernels and with straight-line code end at the same parameters bit for bit, and print the same line.
     */
    @Test
    void loopKernelsAndStraightLineCodeTrainToTheSameResult(@TempDir Path dir) {
        for (String model : List.of("moons", "softmax", "residual")) {
            Path loops = dir.resolve(model + "-loops.ckpt"), unrolled = dir.resolve(model + "-unrolled.ckpt");
            String[] common = {"--quiet", "--steps", "60", "--batch", "16", "--optimizer", "adam(lr = 0.01)"};
            FrontendCliTest.Run a = mgc(concat(new String[]{"train", example(model), "--kernels", "loops", "--save", loops.toString()}, common));
            FrontendCliTest.Run b = mgc(concat(new String[]{"train", example(model), "--kernels", "unrolled", "--save", unrolled.toString()}, common));
            assertEquals(0, a.code(), a.err());
            assertEquals(0, b.code(), b.err());
            CompiledModel m = Compiler.load(Path.of(example(model)));
            assertArrayEquals(Checkpoint.load(unrolled, m.signature()).params(), Checkpoint.load(loops, m.signature()).params(), model);
            assertTrue(lastLine(a.out()).startsWith("final: steps=60 loss="), a.out());
            assertEquals(lastLine(b.out()), lastLine(a.out()), model);
        }
    }

    @Test
    void benchOnDataThatCannotFillABatchIsAUsageError() {
        FrontendCliTest.Run tooFew = mgc("bench", example("moons"), "--data", "--batch", "1000");
        assertEquals(2, tooFew.code(), tooFew.out());
        assertTrue(tooFew.err().startsWith("mgc: error: --data has 100 examples, fewer than --batch 1000"), tooFew.err());
        FrontendCliTest.Run noBlock = mgc("bench", example("neuron"), "--data");
        assertEquals(2, noBlock.code(), noBlock.out());
        assertTrue(noBlock.err().contains("needs `data = ...` in the model's train block"), noBlock.err());
    }

    @Test
    void anEngineThatIsNotOnTheClassPathIsAUsageErrorSayingHowToGetIt() {
        // the compiler does not depend on mgc-spark: only the launcher puts it on the class path
        FrontendCliTest.Run r = mgc("train", example("moons"), "--engine", "spark", "--quiet");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().startsWith("mgc: error: --engine spark: no training engine `spark` on the class path"), r.err());
    }

    @Test
    void regressionOmitsAccuracy() {
        FrontendCliTest.Run r = mgc("train", example("linear"), "--quiet", "--steps", "20");
        assertEquals(0, r.code(), r.err());
        assertTrue(lastLine(r.out()).matches("final: steps=20 loss=\\S+"), r.out());
    }

    @Test
    void fiftyPlusFiftyResumedStepsEqualOneHundredStraightBitForBit(@TempDir Path dir) throws IOException {
        Path straight = dir.resolve("straight.ckpt"), half = dir.resolve("half.ckpt"), resumed = dir.resolve("resumed.ckpt");
        String[] common = {"--quiet", "--data", "moons:n=64,noise=0.1,seed=3", "--batch", "16", "--optimizer", "adam(lr = 0.01)"};
        assertEquals(0, mgc(concat(new String[]{"train", example("moons"), "--steps", "100", "--save", straight.toString()}, common)).code());
        assertEquals(0, mgc(concat(new String[]{"train", example("moons"), "--steps", "50", "--save", half.toString()}, common)).code());
        // the resumed run continues the same 100-step schedule
        FrontendCliTest.Run r = mgc(concat(new String[]{"train", example("moons"), "--steps", "100", "--resume", half.toString(),
                "--save", resumed.toString()}, common));
        assertEquals(0, r.code(), r.err());
        CompiledModel m = Compiler.load(Path.of(example("moons")));
        assertArrayEquals(Checkpoint.load(straight, m.signature()).params(), Checkpoint.load(resumed, m.signature()).params());
    }

    @Test
    void divergenceNamesTheStepAndTheSourceLineOfTheFirstNonFiniteValue(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("blowup.mg");
        Files.writeString(model, String.join("\n", "model blowup", "input x[2]", "target y", "param w[2] = 1", "param b = 0",
                "s = dot(w, x) + b", "output s", "loss = exp(s * s * 100) - y", ""));
        FrontendCliTest.Run r = mgc("train", model.toString(), "--data", "moons:n=20", "--lr", "10", "--quiet");
        assertEquals(1, r.code(), r.out());
        assertTrue(r.err().matches("(?s)mgc: error: training diverged at step \\d+: the loss is Infinity.*"), r.err());
        assertTrue(r.err().contains("the first non-finite value (Infinity) is node %"), r.err());
        assertTrue(r.err().contains("blowup.mg:8: loss = exp(s * s * 100) - y"), r.err());
    }

    @Test
    void compiledJarPredictsLikeTheSource(@TempDir Path dir) throws IOException {
        // every output goes to a directory that does not exist yet: the commands make them
        Path jar = dir.resolve("jars/moons.jar"), ckpt = dir.resolve("runs/m.ckpt"), csv = dir.resolve("in.csv");
        assertEquals(0, mgc("compile", example("moons"), "-o", jar.toString(), "--quiet").code());
        assertTrue(Models.load(jar).signature().paramSize() > 0);
        assertEquals(0, mgc("train", example("moons"), "--quiet", "--steps", "5", "--save", ckpt.toString()).code());
        Files.writeString(csv, "x_0,x_1\n0.5,0.25\n-1,2\n");
        FrontendCliTest.Run fromJar = mgc("predict", jar.toString(), "--params", ckpt.toString(), "--data", csv.toString());
        FrontendCliTest.Run fromSource = mgc("predict", example("moons"), "--params", ckpt.toString(), "--data", csv.toString());
        assertEquals(0, fromJar.code(), fromJar.err());
        assertEquals(fromSource.out(), fromJar.out());
        assertEquals(3, fromJar.out().strip().split("\\R").length, fromJar.out());
        assertTrue(fromJar.out().startsWith("score"), fromJar.out());
        Path predictions = dir.resolve("predictions/out.csv");
        assertEquals(0, mgc("predict", jar.toString(), "--params", ckpt.toString(), "--data", csv.toString(),
                "-o", predictions.toString()).code());
        assertEquals(fromJar.out(), Files.readString(predictions));
    }

    @Test
    void evalPrintsValuesAndGradientsInTheDocumentedForm() {
        FrontendCliTest.Run r = mgc("eval", example("neuron"), "--input", "x1=2", "--input", "x2=0", "--target", "y=1", "--grad");
        assertEquals(0, r.code(), r.err());
        // micrograd's neuron: n = 2*-3 + 0*1 + 6.8813735870195432, o = tanh(n) = 0.7071067811865476
        assertEquals(List.of("output o = 0.7071067811865476", "loss = " + Math.pow(0.7071067811865476 - 1, 2) * 1.0),
                List.of(r.out().split("\\R")).subList(0, 2));
        assertTrue(r.out().contains("grad w1 = "), r.out());
        assertTrue(r.out().contains("penalty = 0.0"), r.out());
        FrontendCliTest.Run i = mgc("eval", example("neuron"), "--input", "x1=2", "--input", "x2=0", "--target", "y=1", "--grad", "--interpret");
        assertEquals(r.out(), i.out(), "generated code and interpreter print the same digits");
    }

    @Test
    void badDataIsAModelErrorWithFileLineColumn(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "x_0,x_1,y\n1,2,1\n3,oops,-1\n");
        FrontendCliTest.Run r = mgc("train", example("moons"), "--data", csv.toString(), "--quiet");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith(csv + ":3:"), r.err());
        FrontendCliTest.Run missing = mgc("train", example("moons"), "--data", dir.resolve("nope.csv").toString(), "--quiet");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("nope.csv"), missing.err());
    }

    /**
     * The README's `--plot out/mnist --save out/mnist.ckpt` on a fresh clone: --save makes its directory too; one
     * that cannot be made (a file in its place) is a usage error before any work, for every command that writes.
     */
    @Test
    void saveCreatesTheCheckpointsDirectory(@TempDir Path dir) {
        Path ckpt = dir.resolve("out/runs/moons.ckpt");
        FrontendCliTest.Run r = mgc("train", example("moons"), "--steps", "3", "--save", ckpt.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(ckpt), "no checkpoint at " + ckpt);
        FrontendCliTest.Run blocked = mgc("train", example("moons"), "--steps", "3", "--save",
                ckpt.getParent().resolve("moons.ckpt/x.ckpt").toString(), "--quiet");
        assertEquals(2, blocked.code(), blocked.err());
        assertTrue(blocked.err().startsWith("mgc: error: --save " + ckpt.getParent().resolve("moons.ckpt/x.ckpt")
                + ": cannot create the directory " + ckpt + ": " + ckpt + " is a file, not a directory\n"), blocked.err());
        Path under = ckpt.resolve("x/out.jar");
        FrontendCliTest.Run jar = mgc("compile", example("moons"), "-o", under.toString());
        assertEquals(2, jar.code(), jar.err());
        assertTrue(jar.err().startsWith("mgc: error: -o " + under + ": cannot create the directory "), jar.err());
    }

    @Test
    void dotOutputOfABigGraphIsAUsageErrorNotAnInternalOne() {
        FrontendCliTest.Run r = mgc("emit", example("moons"), "--stage", "grad", "--format", "dot");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("mgc: error: the graph has 3185 nodes; --format dot draws at most 2000"), r.err());
    }

    @Test
    void badFlagValuesAreUsageErrorsSaidBeforeAnyWork(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        String[][] cases = {
            {"--steps", "0"}, {"--steps", "5", "--epochs", "2"}, {"--batch", "0"}, {"--lr", "abc"},
            {"--optimizer", "sgdd(lr = 1)"}, {"--data", "spiral:n=10"}, {"--split", "1.5"},
            {"--save", file.resolve("sub/x.ckpt").toString()}};
        for (String[] c : cases) {
            String[] args = concat(new String[]{"train", example("moons"), "--quiet"}, c);
            FrontendCliTest.Run r = mgc(args);
            assertEquals(2, r.code(), String.join(" ", c) + ": " + r.err());
            assertTrue(r.err().startsWith("mgc: error: ") && r.err().contains("run `mgc train --help` for usage"), r.err());
            assertEquals("", r.out(), String.join(" ", c));
        }
    }

    @Test
    void aTerminationSignalStopsTrainingAndSavesTheCheckpoint(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("stopped.ckpt");
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "train", example("moons"), "--steps", "100000000", "--save", ckpt.toString())
                .redirectErrorStream(true).start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()))) {
            String first = out.readLine(); // training has started once the first line is out
            assertTrue(first != null && first.startsWith("training for"), String.valueOf(first));
            Thread.sleep(500);
            p.destroy(); // SIGTERM: the same shutdown path as Ctrl-C's SIGINT
            assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the process did not stop");
        } finally {
            p.destroyForcibly();
        }
        assertTrue(Files.isRegularFile(ckpt), "no checkpoint after the signal");
        var state = Checkpoint.load(ckpt, Compiler.load(Path.of(example("moons"))).signature());
        assertTrue(state.step() > 0 && state.step() < 100000000, "step " + state.step());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = new String[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
