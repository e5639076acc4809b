package mgc.compiler.cli;

import static mgc.compiler.cli.FrontendCliTest.example;
import static mgc.compiler.cli.FrontendCliTest.mgc;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mgc.runtime.train.CheckpointException;
import mgc.runtime.train.CheckpointLock;
import mgc.runtime.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mgc train --save}: one writer, leftovers of killed writers, and saves that fail. */
class CheckpointCliTest {

    @TempDir Path dir;

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aSecondWriterOfTheSameCheckpointIsRefusedAtStart() {
        Path f = dir.resolve("run.ckpt");
        try (CheckpointLock running = CheckpointLock.acquire(f)) { // what a running `mgc train --save run.ckpt` holds
            FrontendCliTest.Run r = mgc("train", example("linear"), "--quiet", "--steps", "5", "--save", f.toString());
            assertEquals(1, r.code());
            assertEquals("mgc: error: checkpoint " + f + " is being written by another running mgc process;"
                    + " wait for it to finish or save elsewhere\n", r.err());
            assertEquals("", r.out());
        }
        assertEquals(0, mgc("train", example("linear"), "--quiet", "--steps", "5", "--save", f.toString()).code());
    }

    @Test
    void temporariesOfKilledWritesAreRemovedAndReportedOnceWithDebug() throws IOException {
        Path f = dir.resolve("run.ckpt");
        Files.writeString(dir.resolve(".run.ckpt.7c1e55a0b2d94f31.tmp"), "a killed write");
        Files.writeString(dir.resolve(".run.ckpt.e0.tmp"), "another");
        FrontendCliTest.Run r = mgc("train", example("linear"), "--quiet", "--steps", "6", "--save-every", "2", "--save",
                f.toString(), "--debug");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("mgc: removed 2 temporary file(s) left by interrupted writes of " + f + ": "), r.err());
        assertEquals(List.of(".run.ckpt.lock", "run.ckpt"), files());
        Files.writeString(dir.resolve(".run.ckpt.7c1e55a0b2d94f31.tmp"), "without --debug: removed silently");
        r = mgc("train", example("linear"), "--quiet", "--steps", "6", "--save", f.toString());
        assertEquals("", r.err());
        assertEquals(List.of(".run.ckpt.lock", "run.ckpt"), files());
    }

    @Test
    void aDirectoryAsTheCheckpointIsAUsageError() throws IOException {
        Path d = Files.createDirectories(dir.resolve("ckpt"));
        FrontendCliTest.Run r = mgc("train", example("linear"), "--quiet", "--save", d.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("mgc: error: --save " + d + " is a directory; give a file name\n"), r.err());
    }

    /**
     * A save the file system refuses (here a name one temporary-file suffix too long, which any user can
     * reproduce): during --save-every one warning and training goes on; at the end an error and exit 1.
     */
    @Test
    void failedSavesWarnDuringTrainingAndFailTheRunAtTheEnd() {
        Path f = dir.resolve("c".repeat(249)); // its lock file fits in 255 bytes, its temporary file does not
        FrontendCliTest.Run r = mgc("train", example("linear"), "--quiet", "--steps", "6", "--save-every", "2", "--save", f.toString());
        assertEquals(1, r.code(), r.err());
        assertEquals(List.of(
                "mgc: warning: after step 2: cannot write checkpoint " + f + ": File name too long; training goes on",
                "mgc: error: cannot write checkpoint " + f + ": File name too long"), r.err().lines().toList());
        assertFalse(Files.exists(f));
    }

    @Test
    void whenTrainingDivergesAndTheLastGoodStateCannotBeSavedBothAreSaid() throws IOException {
        Path model = dir.resolve("blowup.mg");
        Files.writeString(model, String.join("\n", "model blowup", "input x[2]", "target y", "param w[2] = 1", "param b = 0",
                "s = dot(w, x) + b", "output s", "loss = exp(s * s * 100) - y", ""));
        Path f = dir.resolve("c".repeat(249));
        FrontendCliTest.Run r = mgc("train", model.toString(), "--data", "moons:n=20", "--lr", "10", "--quiet", "--save", f.toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().startsWith("mgc: error: training diverged at step "), r.err());
        assertTrue(r.err().endsWith("\n  the last good state was not saved: cannot write checkpoint " + f + ": File name too long\n"),
                r.err());
    }

    /**
     * A real failed write in the middle of the file: the child JVM runs under {@code ulimit -f 4}, so the
     * kernel refuses every write past 4 KiB (EFBIG; the JVM ignores SIGXFSZ), as a full disk would refuse
     * it, while the moons checkpoint with Adam's state is about 8 KiB.
     */
    @Test
    void aWriteTheKernelRefusesMidFileLeavesThePreviousCheckpoint() throws Exception {
        assertTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell"); // a skip would hide the check
        Path f = dir.resolve("run.ckpt");
        String[] common = {"--quiet", "--data", "moons:n=64,noise=0.1,seed=3", "--batch", "16", "--steps", "20",
                "--optimizer", "adam(lr = 0.01)", "--save", f.toString()};
        assertEquals(0, mgc(concat(new String[]{"train", example("moons")}, common)).code());
        byte[] before = Files.readAllBytes(f);
        assertTrue(before.length > 6000, before.length + " bytes"); // parameters and Adam's two moments

        String javaBin = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "ulimit -f 4 && exec \"$0\" \"$@\"", javaBin,
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "train", example("moons"), "--save-every", "5"));
        command.addAll(List.of(common));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), out);
        String reason = "cannot write checkpoint " + f + ": File too large; the previous checkpoint is unchanged";
        assertEquals(List.of("mgc: warning: after step 5: " + reason + "; training goes on", "mgc: error: " + reason),
                out.lines().toList());
        assertArrayEquals(before, Files.readAllBytes(f), "the previous checkpoint changed");
        assertEquals(List.of(".run.ckpt.lock", "run.ckpt"), files());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @Test
    void warningsSayEachReasonOnceAndPassProgressOn() {
        StringWriter err = new StringWriter();
        int[] steps = {0};
        SaveFailureWarnings w = new SaveFailureWarnings(new TrainingListener() {
            @Override public void onStep(int step, double loss, double acc, double eps) { steps[0]++; }
        }, new PrintWriter(err, true));
        w.onCheckpointFailed(3, new CheckpointException("cannot write checkpoint a: No space left on device"));
        w.onStep(3, 1, 1, 1);
        w.onCheckpointFailed(4, new CheckpointException("cannot write checkpoint a: No space left on device"));
        w.onCheckpointFailed(5, new CheckpointException("cannot write checkpoint a: Read-only file system"));
        assertEquals(List.of("mgc: warning: after step 3: cannot write checkpoint a: No space left on device; training goes on",
                "mgc: warning: after step 5: cannot write checkpoint a: Read-only file system; training goes on"),
                err.toString().lines().toList());
        assertEquals(1, steps[0]);
    }
}
