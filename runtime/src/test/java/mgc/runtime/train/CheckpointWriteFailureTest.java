package mgc.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import mgc.runtime.data.Dataset;
import mgc.runtime.testing.Hinge;
import mgc.runtime.testing.Linear;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A checkpoint write that fails anywhere leaves the previous checkpoint, no temporary file, and one clear message. */
class CheckpointWriteFailureTest {

    @TempDir Path dir;

    private static final Hinge MODEL = new Hinge();

    private static CheckpointState state(double v) {
        return new CheckpointState(new double[] {v, -1.5, 2.25}, "adam", new double[] {1, 2, 3, 4, 5, 6, 7}, 42, -5L, 3, 17);
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theOldCheckpointSurvivesAFailureAtEveryByteOffsetAndAtForceAndRename() throws IOException {
        Path f = dir.resolve("run.ckpt");
        Checkpoint.save(f, MODEL.signature(), state(0.1));
        byte[] before = Files.readAllBytes(f);
        int length = before.length; // the new checkpoint has the same size
        List<FailingDisk> failures = new ArrayList<>();
        for (long offset = 0; offset < length; offset++) failures.add(FailingDisk.atByte(offset));
        failures.add(new FailingDisk(Long.MAX_VALUE, true, false));
        failures.add(new FailingDisk(Long.MAX_VALUE, false, true));
        for (FailingDisk disk : failures) {
            CheckpointException e = assertThrows(CheckpointException.class,
                    () -> Checkpoint.save(f, MODEL.signature(), state(0.2), disk), disk.toString());
            String reason = disk.failForce() ? "Input/output error" : disk.failReplace() ? "Read-only file system" : FailingDisk.REASON;
            assertEquals("cannot write checkpoint " + f + ": " + reason + "; the previous checkpoint is unchanged", e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(f), disk.toString());
            assertEquals(state(0.1), Checkpoint.load(f, MODEL.signature()));
            assertEquals(List.of("run.ckpt"), files(), disk.toString()); // the temporary file is gone
        }
        Checkpoint.save(f, MODEL.signature(), state(0.2), FailingDisk.atByte(length)); // exactly enough room
        assertEquals(state(0.2), Checkpoint.load(f, MODEL.signature()));
    }

    @Test
    void aFirstCheckpointThatFailsLeavesNothing() throws IOException {
        Path f = dir.resolve("new.ckpt");
        CheckpointException e = assertThrows(CheckpointException.class,
                () -> Checkpoint.save(f, MODEL.signature(), state(0.2), FailingDisk.atByte(10)));
        assertEquals("cannot write checkpoint " + f + ": " + FailingDisk.REASON, e.getMessage());
        assertEquals(List.of(), files());
    }

    @Test
    void aDirectoryInTheWayIsReportedByTheOperatingSystemsReason() throws IOException {
        Path f = Files.createDirectories(dir.resolve("run.ckpt"));
        Files.writeString(f.resolve("keep"), "x");
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.save(f, MODEL.signature(), state(0.2)));
        assertEquals("cannot write checkpoint " + f + ": Is a directory", e.getMessage());
        assertEquals(List.of("run.ckpt"), files());
    }

    @Test
    void aFailedPeriodicSaveLetsTheListenerGoOnAndALaterSaveSucceeds() throws IOException {
        Path f = dir.resolve("auto.ckpt");
        Path blocker = Files.createDirectories(f.resolve("in-the-way")).getParent(); // the checkpoint path is a directory
        Dataset d = TrainerTest.plane();
        TrainConfig c = TrainConfig.builder().optimizer("adam(lr = 0.1)").steps(10).threads(1).checkpoint(f, 2).build();
        List<Integer> failedAt = new ArrayList<>();
        TrainResult r = new Trainer().train(new Linear(), new double[3], d, null, c, new TrainingListener() {
            @Override
            public void onCheckpointFailed(int step, CheckpointException e) {
                failedAt.add(step);
                assertTrue(e.getMessage().endsWith(": Is a directory"), e.getMessage());
                try {
                    Files.delete(blocker.resolve("in-the-way")); // the user frees the path; the next save works
                    Files.delete(blocker);
                } catch (IOException io) {
                    throw new AssertionError(io);
                }
            }
        });
        assertEquals(List.of(2), failedAt);
        assertEquals(10, r.steps());
        assertEquals(r.finalState(), Checkpoint.load(f, new Linear().signature()));
    }

    @Test
    void withoutAListenerAPeriodicFailureEndsTheRunAndAFinalOneAlwaysDoes() throws IOException {
        Path f = Files.createDirectories(dir.resolve("auto.ckpt").resolve("x")).getParent();
        Dataset d = TrainerTest.plane();
        TrainConfig every = TrainConfig.builder().optimizer("sgd").steps(10).threads(1).checkpoint(f, 2).build();
        assertThrows(CheckpointException.class, () -> new Trainer().train(new Linear(), new double[3], d, null, every,
                TrainingListener.NONE));
        TrainConfig atEnd = TrainConfig.builder().optimizer("sgd").steps(10).threads(1).checkpoint(f, 2).build();
        List<Integer> failedAt = new ArrayList<>();
        CheckpointException e = assertThrows(CheckpointException.class, () -> new Trainer().train(new Linear(), new double[3], d,
                null, atEnd, new TrainingListener() {
                    @Override public void onCheckpointFailed(int step, CheckpointException ex) { failedAt.add(step); }
                }));
        assertEquals(List.of(2, 4, 6, 8), failedAt);
        assertEquals("cannot write checkpoint " + f + ": Is a directory", e.getMessage());
    }
}
