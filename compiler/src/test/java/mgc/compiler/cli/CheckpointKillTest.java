package mgc.compiler.cli;

import static mgc.compiler.cli.FrontendCliTest.example;
import static mgc.compiler.cli.FrontendCliTest.mgc;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mgc.compiler.Compiler;
import mgc.runtime.ModelSignature;
import mgc.runtime.train.Checkpoint;
import mgc.runtime.train.CheckpointState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL at random moments of {@code mgc train --save-every 1} (a checkpoint write every step, so many
 * kills land inside one): after every kill the checkpoint loads and at most one temporary file is beside
 * it, and resuming from kill to kill ends at the parameters of an uninterrupted run, bit for bit.
 */
class CheckpointKillTest {

    static final int KILLS = 10;
    static final int STEPS = 4000;
    static final String[] COMMON = {"--quiet", "--data", "moons:n=64,noise=0.1,seed=3", "--batch", "16",
            "--optimizer", "adam(lr = 0.01)", "--steps", String.valueOf(STEPS)};

    @TempDir Path dir;

    private static String[] args(String... first) {
        String[] r = new String[first.length + COMMON.length];
        System.arraycopy(first, 0, r, 0, first.length);
        System.arraycopy(COMMON, 0, r, first.length, COMMON.length);
        return r;
    }

    private long temporaries() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
        }
    }

    @Test
    void killedRunsLeaveALoadableCheckpointAndResumeToTheUninterruptedResult() throws Exception {
        ModelSignature sig = Compiler.load(Path.of(example("moons"))).signature();
        Path straight = dir.resolve("straight.ckpt"), f = dir.resolve("killed.ckpt");
        assertEquals(0, mgc(args("train", example("moons"), "--save", straight.toString())).code());

        long seed = System.nanoTime();
        Random random = new Random(seed);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> report = new ArrayList<>();
        int lastStep = 0, withTemporary = 0;
        for (int kill = 0; kill < KILLS; kill++) {
            List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), Main.class.getName()));
            command.addAll(List.of(args("train", example("moons"), "--save", f.toString(), "--save-every", "1")));
            if (Files.exists(f)) command.addAll(List.of("--resume", f.toString()));
            FileTime before = Files.exists(f) ? Files.getLastModifiedTime(f) : null;
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("child.log").toFile()).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                // training has begun once this run has saved once; then kill at a random moment
                while (!Files.exists(f) || Files.getLastModifiedTime(f).equals(before)) {
                    assertTrue(p.isAlive(), "the run ended before its first save: " + Files.readString(dir.resolve("child.log")));
                    assertTrue(System.nanoTime() < deadline, "no save within 30 s");
                    Thread.sleep(2);
                }
                Thread.sleep(random.nextInt(120));
                p.destroyForcibly(); // SIGKILL
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            } finally {
                p.destroyForcibly();
            }
            long temps = temporaries();
            CheckpointState state = Checkpoint.load(f, sig); // throws if the kill damaged it
            assertTrue(temps <= 1, temps + " temporary files after kill " + kill + " (seed " + seed + ")");
            assertTrue(state.step() >= lastStep && state.step() < STEPS, "step " + state.step() + " (seed " + seed + ")");
            if (temps == 1) withTemporary++;
            lastStep = state.step();
            report.add(state.step() + (temps == 1 ? "+tmp" : ""));
        }
        FrontendCliTest.Run r = mgc(args("train", example("moons"), "--resume", f.toString(), "--save", f.toString()));
        assertEquals(0, r.code(), r.err());
        assertEquals(0, temporaries(), "the resumed run removed the killed writes' temporary files");
        assertArrayEquals(Checkpoint.load(straight, sig).params(), Checkpoint.load(f, sig).params());
        assertEquals(Checkpoint.load(straight, sig), Checkpoint.load(f, sig));
        System.out.println("kills (step at kill, +tmp = a temporary file was left): " + report + ", " + withTemporary
                + " inside a write; seed " + seed);
    }
}
