package mgc.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mgc.runtime.Initializers;
import mgc.runtime.data.Dataset;
import mgc.runtime.data.Generators;
import mgc.runtime.testing.Hinge;
import mgc.runtime.testing.Linear;
import mgc.runtime.testing.Softmax;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    @TempDir Path dir;

    private static final Hinge MODEL = new Hinge();

    private static CheckpointState sample(double v) {
        return new CheckpointState(new double[] {v, -0.0, Double.MIN_VALUE}, "adam", new double[] {1, 2, 3, 4, 5, 6, 7},
                42, -5L, 3, 17);
    }

    @Test
    void roundTripsExactly() {
        Path f = dir.resolve("run.ckpt");
        Checkpoint.save(f, MODEL.signature(), sample(0.1));
        assertEquals(sample(0.1), Checkpoint.load(f, MODEL.signature()));
        Checkpoint.save(f, MODEL.signature(), sample(0.2));
        assertEquals(sample(0.2), Checkpoint.load(f, MODEL.signature()));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList()); // no temporary files left
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private String error(byte[] bytes) throws IOException {
        Path f = Files.write(dir.resolve("bad.ckpt"), bytes);
        return assertThrows(CheckpointException.class, () -> Checkpoint.load(f, MODEL.signature())).getMessage()
                .replace(f.toString(), "bad.ckpt");
    }

    @Test
    void damagedFilesAreRefused() throws IOException {
        Path f = dir.resolve("run.ckpt");
        Checkpoint.save(f, MODEL.signature(), sample(0.1));
        byte[] good = Files.readAllBytes(f);
        assertEquals("checkpoint bad.ckpt is truncated: expected " + good.length + " bytes, found " + (good.length - 9),
                error(java.util.Arrays.copyOf(good, good.length - 9)));
        assertEquals("checkpoint bad.ckpt is truncated: expected 20 bytes, found 12", error(java.util.Arrays.copyOf(good, 12)));
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 1;
        assertEquals("checkpoint bad.ckpt is corrupt: checksum mismatch", error(flipped));
        byte[] magic = good.clone();
        magic[0] = 'X';
        assertEquals("bad.ckpt is not an mgc checkpoint", error(magic));
        assertEquals("bad.ckpt is not an mgc checkpoint", error(new byte[0]));
        byte[] version = good.clone();
        version[11] = 2;
        assertEquals("checkpoint bad.ckpt has format version 2; this runtime reads version 1", error(version));
        Path missing = dir.resolve("none.ckpt");
        assertEquals("cannot read checkpoint " + missing + ": no such file or directory",
                assertThrows(CheckpointException.class, () -> Checkpoint.load(missing, MODEL.signature())).getMessage());
    }

    @Test
    void anotherModelsCheckpointIsRefused() {
        Path f = dir.resolve("run.ckpt");
        Checkpoint.save(f, new Softmax(3).signature(),
                new CheckpointState(new double[9], "sgd", new double[0], 1, 0, 0, 0));
        assertEquals("checkpoint " + f + " is for model `softmax` with params W[3, 2], b[3]; this model (`hinge`) has params w[2], b[]",
                assertThrows(CheckpointException.class, () -> Checkpoint.load(f, MODEL.signature())).getMessage());
    }

    /** 50 steps, save, load, 50 more equals 100 straight, bit for bit, with shuffled minibatches. */
    @Test
    void resumeEqualsAStraightRunBitForBit() {
        for (String opt : new String[] {"sgd(lr = 1.0 to 0.1)", "momentum(lr = 0.1 to 0.01, mu = 0.9, nesterov = true)",
                "adam(lr = cosine(0.05, 0.001))", "adamw(lr = 0.05, wd = 0.1)"}) {
            for (int threads : new int[] {1, 2}) {
                Dataset d = Generators.moons(53, 0.1, 7).toDataset(MODEL.signature()); // 53 / 8: partial batches
                TrainConfig c = TrainConfig.builder().optimizer(opt).steps(100).batchSize(8).threads(threads).seed(5).build();
                double[] straight = Initializers.initialize(MODEL.signature(), 2);
                TrainResult full = new Trainer().train(MODEL, straight, d, null, c, TrainingListener.NONE);

                Trainer first = new Trainer();
                double[] p = Initializers.initialize(MODEL.signature(), 2);
                TrainResult half = first.train(MODEL, p, d, null, c, new TrainingListener() {
                    @Override public void onStep(int step, double loss, double acc, double eps) {
                        if (step == 49) first.requestStop();
                    }
                });
                assertEquals(50, half.steps());
                Path f = dir.resolve("half.ckpt");
                Checkpoint.save(f, MODEL.signature(), half.finalState());
                CheckpointState loaded = Checkpoint.load(f, MODEL.signature());
                TrainResult rest = new Trainer().resume(MODEL, loaded, d, null, c, TrainingListener.NONE);

                assertEquals(100, rest.steps());
                assertArrayEquals(straight, rest.params(), 0, opt);
                assertArrayEquals(java.util.Arrays.copyOfRange(full.lossHistory(), 50, 100), rest.lossHistory(), 0, opt);
                assertEquals(full.finalState(), rest.finalState(), opt);
            }
        }
    }

    @Test
    void trainerWritesCheckpointsAndRefusesAnotherOptimizer() {
        Path f = dir.resolve("auto.ckpt");
        Dataset d = TrainerTest.plane();
        TrainConfig c = TrainConfig.builder().optimizer("adam(lr = 0.1)").steps(10).threads(1).checkpoint(f, 4).build();
        TrainResult r = new Trainer().train(new Linear(), new double[3], d, null, c, TrainingListener.NONE);
        CheckpointState s = Checkpoint.load(f, new Linear().signature());
        assertEquals(r.finalState(), s);
        TrainConfig sgd = TrainConfig.builder().optimizer("sgd").steps(10).threads(1).build();
        assertEquals("the checkpoint was written by optimizer adam; this run uses sgd",
                assertThrows(CheckpointException.class, () -> new Trainer().resume(new Linear(), s, d, null, sgd, TrainingListener.NONE))
                        .getMessage());
        assertTrue(Files.exists(f));
    }
}
