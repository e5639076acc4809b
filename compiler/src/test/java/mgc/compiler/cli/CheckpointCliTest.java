package mgc.compiler.cli;

import static mgc.compiler.cli.FrontendCliTest.example;
import static mgc.compiler.cli.FrontendCliTest.mgc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
