package demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import mgc.models.Moons;
import mgc.runtime.TensorView;
import mgc.runtime.data.Dataset;
import mgc.runtime.data.Generators;
import mgc.runtime.train.TrainResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated class Moons, used as a project would: with mgc-runtime alone on the class path. */
class MoonsTest {

    @Test
    void theCompilerIsNotOnTheClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("mgc.compiler.Compiler"));
    }

    @Test
    void trainingWithTheTrainBlockSeparatesTheMoons() {
        Moons moons = Moons.create();
        TrainResult result = moons.trainer().run();
        assertEquals(100, result.steps());
        assertEquals(1.0, result.finalAccuracy());
        // the same data as the train block's moons(n = 100, noise = 0.1, seed = 1): every point on its side
        Dataset data = Generators.moons(100, 0.1, 1).toDataset(Moons.signature());
        for (int i = 0; i < data.size(); i++) {
            double[] x = {data.inputs()[2 * i], data.inputs()[2 * i + 1]};
            assertEquals(data.targets()[i], Math.signum(moons.predict(x)[0]), "point " + i);
        }
    }

    @Test
    void parameterViewsHaveTheModelsShapesAndWriteThroughToTheParameters() {
        Moons moons = Moons.create();
        TensorView w1 = moons.W1();
        assertArrayEquals(new int[] {16, 2}, w1.shape());
        assertArrayEquals(new int[] {}, moons.b3().shape());
        assertEquals(moons.signature().paramSize(), moons.params().length);
        w1.set(0.25, 0, 1);
        assertEquals(0.25, moons.params()[1]);   // W1 comes first, row-major
        assertEquals(0.0, moons.b1().get(7));    // b1 = 0
    }

    @Test
    void lossIsTheHingeOfThePredictionAndItsGradientMatchesACentralDifference() {
        Moons moons = Moons.create();
        double[] x = {0.3, -0.2};
        double y = -1;
        double score = moons.predict(x)[0];
        assertEquals(Math.max(0, 1 - y * score), moons.loss(x, y), 1e-12);

        double[] grad = new double[moons.params().length];
        moons.lossAndGradient(x, y, grad);
        TensorView w2 = moons.W2();
        double h = 1e-6, before = w2.get(3, 5);
        w2.set(before + h, 3, 5);
        double up = moons.loss(x, y);
        w2.set(before - h, 3, 5);
        double down = moons.loss(x, y);
        w2.set(before, 3, 5);
        int flat = moons.signature().find("W2").offset() + 3 * 16 + 5;
        assertEquals((up - down) / (2 * h), grad[flat], 1e-6);
    }

    @Test
    void aSavedCheckpointLoadsWithTheSameParametersAndPredictions(@TempDir Path dir) {
        Moons moons = Moons.create();
        moons.trainer().set("steps", "5").run();
        Path file = dir.resolve("moons.ckpt");
        moons.save(file);
        Moons loaded = Moons.load(file);
        assertArrayEquals(moons.params(), loaded.params());
        double[][] batch = {{0.1, 0.2}, {1.5, -0.4}};
        assertArrayEquals(moons.predict(batch)[1], loaded.predict(batch)[1]);
        assertFalse(java.util.Arrays.equals(Moons.create().params(), loaded.params()), "training moved the parameters");
    }
}
