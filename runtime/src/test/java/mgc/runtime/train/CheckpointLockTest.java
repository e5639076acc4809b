package mgc.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import mgc.runtime.testing.Hinge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per checkpoint, a killed writer does not block, and the lock holder clears killed writers' temporaries. */
class CheckpointLockTest {

    @TempDir Path dir;

    private String refusal(Path f) {
        return "checkpoint " + f + " is being written by another running mgc process; wait for it to finish or save elsewhere";
    }

    @Test
    void aSecondWriterInThisProcessIsRefusedUntilTheFirstLetsGo() {
        Path f = dir.resolve("run.ckpt");
        try (CheckpointLock first = CheckpointLock.acquire(f)) {
            assertEquals(refusal(f), assertThrows(CheckpointException.class, () -> CheckpointLock.acquire(f)).getMessage());
            CheckpointLock.acquire(dir.resolve("other.ckpt")).close(); // another checkpoint is another lock
        }
        CheckpointLock.acquire(f).close();
        assertTrue(Files.isRegularFile(dir.resolve(".run.ckpt.lock")));
    }

    @Test
    void anotherProcessHoldingTheLockRefusesUsAndItsDeathReleasesIt() throws Exception {
        Path f = dir.resolve("run.ckpt");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), f.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream()))) {
            assertEquals("locked", out.readLine());
            assertEquals(refusal(f), assertThrows(CheckpointException.class, () -> CheckpointLock.acquire(f)).getMessage());
            holder.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook runs in the holder
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        } finally {
            holder.destroyForcibly();
        }
        CheckpointLock.acquire(f).close();
    }

    @Test
    void takingTheLockRemovesOnlyThisCheckpointsStaleTemporaries() throws IOException {
        Path f = dir.resolve("run.ckpt");
        Checkpoint.save(f, new Hinge().signature(),
                new CheckpointState(new double[3], "sgd", new double[0], 1, 0, 0, 0));
        List<String> stale = List.of(".run.ckpt.1f2e3d4c5b6a7980.tmp", ".run.ckpt.a.tmp");
        List<String> others = List.of(".other.ckpt.1f2e3d4c5b6a7980.tmp", ".run.ckpt.notes.tmp", "run.ckpt.1f2e.tmp",
                ".run.ckpt.1f2e3d4c5b6a79801.tmp", "notes.txt");
        for (String n : stale) Files.writeString(dir.resolve(n), "partial");
        for (String n : others) Files.writeString(dir.resolve(n), "keep");
        try (CheckpointLock lock = CheckpointLock.acquire(f)) {
            assertEquals(stale.stream().map(dir::resolve).sorted().toList(), lock.removedStale().stream().sorted().toList());
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<String> left = s.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(Stream.concat(others.stream(), Stream.of("run.ckpt", ".run.ckpt.lock")).sorted().toList(), left);
        }
        try (CheckpointLock again = CheckpointLock.acquire(f)) {
            assertTrue(again.removedStale().isEmpty());
        }
        assertFalse(Files.exists(dir.resolve(stale.get(0))));
    }
}
