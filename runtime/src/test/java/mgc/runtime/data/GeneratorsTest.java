package mgc.runtime.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import mgc.runtime.spec.SpecException;
import mgc.runtime.testing.Hinge;
import mgc.runtime.testing.Linear;
import mgc.runtime.testing.Softmax;
import org.junit.jupiter.api.Test;

class GeneratorsTest {

    @Test
    void noiselessMoonsLieOnTheirHalfCircles() {
        LabeledPoints p = Generators.moons(101, 0, 3);
        assertEquals(101, p.size());
        int inner = 0;
        for (int i = 0; i < p.size(); i++) {
            double x = p.xy()[2 * i];
            double y = p.xy()[2 * i + 1];
            if (p.labels()[i] == 0) {
                assertEquals(1, x * x + y * y, 1e-12); // outer: (cos t, sin t)
                assertTrue(y >= -1e-12);
            } else {
                inner++;
                assertEquals(1, (1 - x) * (1 - x) + (0.5 - y) * (0.5 - y), 1e-12); // inner: (1 - cos t, 1 - sin t - 0.5)
                assertTrue(y <= 0.5 + 1e-12);
            }
        }
        assertEquals(51, inner); // n - n/2, as scikit-learn
    }

    @Test
    void moonsBindToAScalarTargetAsPlusMinusOne() {
        LabeledPoints p = Generators.moons(100, 0.1, 1);
        Dataset d = p.toDataset(new Hinge().signature());
        for (int i = 0; i < d.size(); i++) assertEquals(p.labels()[i] == 1 ? 1.0 : -1.0, d.targets()[i]);
        assertArrayEquals(p.xy(), d.inputs(), 0);
        assertArrayEquals(d.inputs(), Generators.moons(100, 0.1, 1).toDataset(new Hinge().signature()).inputs(), 0);
        assertTrue(!Arrays.equals(d.inputs(), Generators.moons(100, 0.1, 2).toDataset(new Hinge().signature()).inputs()));
    }

    @Test
    void vectorTargetsAreOneHot() {
        Dataset d = Generators.spirals(31, 3, 0.2, 5).toDataset(new Softmax(3).signature());
        assertEquals(31, d.size());
        int[] counts = new int[3];
        for (int i = 0; i < d.size(); i++) {
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                sum += d.targets()[3 * i + c];
                if (d.targets()[3 * i + c] == 1) counts[c]++;
            }
            assertEquals(1, sum);
        }
        assertArrayEquals(new int[] {11, 10, 10}, counts);
    }

    @Test
    void blobsClusterAroundTheirCenters() {
        LabeledPoints p = Generators.blobs(400, 2, 0.01, 9);
        double[] sum = new double[4];
        for (int i = 0; i < p.size(); i++) {
            sum[2 * p.labels()[i]] += p.xy()[2 * i];
            sum[2 * p.labels()[i] + 1] += p.xy()[2 * i + 1];
        }
        for (int i = 0; i < p.size(); i++) {
            int c = p.labels()[i];
            assertEquals(sum[2 * c] / 200, p.xy()[2 * i], 0.05);
        }
    }

    @Test
    void bindingErrors() {
        assertEquals("spirals: error: a scalar target takes two classes (as -1 and +1); the generator makes 3"
                        + " (declare `target y[3]` for one-hot labels)",
                assertThrows(DataException.class, () -> Generators.spirals(30, 3, 0.1, 1).toDataset(new Hinge().signature())).getMessage());
        assertEquals("moons: error: the generator makes 2-D points for one input of size 2; model `linear` has x[3]",
                assertThrows(DataException.class, () -> Generators.moons(30, 0.1, 1).toDataset(new Linear(3).signature())).getMessage());
        assertEquals("moons: error: target y[3] is one-hot over 3 classes; the generator makes 2",
                assertThrows(DataException.class, () -> Generators.moons(30, 0.1, 1).toDataset(new Softmax(3).signature())).getMessage());
    }

    @Test
    void specs() {
        Path base = Path.of("/models");
        assertEquals(new DataSpec.Generated("moons", 100, 2, 0.1, 1), DataSpec.parse("moons(n = 100, noise = 0.1, seed = 1)", base));
        assertEquals(new DataSpec.Generated("moons", 50, 2, 0.2, 0), DataSpec.parse("moons:n=50,noise=0.2", base));
        assertEquals(new DataSpec.Generated("moons", 100, 2, 0.1, 0), DataSpec.parse("moons", base));
        assertEquals(new DataSpec.Generated("spirals", 300, 4, 0.2, 0), DataSpec.parse("spirals(classes = 4)", base));
        assertEquals(new DataSpec.Generated("blobs", 10, 2, 0.5, 0), DataSpec.parse("blobs(10, noise = 0.5)", base));
        assertEquals(new DataSpec.Csv(Path.of("/models/moons.csv")), DataSpec.parse("csv(\"moons.csv\")", base));
        assertEquals(new DataSpec.Csv(Path.of("/models/data/x.csv")), DataSpec.parse("data/x.csv", base));
        assertEquals(new DataSpec.Csv(Path.of("/abs/x.csv")), DataSpec.parse("/abs/x.csv", base));
        assertEquals("data `moons(n = 0)`: `n` must be at least 1, not 0",
                assertThrows(SpecException.class, () -> DataSpec.parse("moons(n = 0)", base)).getMessage());
        assertEquals("data `moons(k = 2)`: moons has no parameter `k`; it takes n, noise, seed",
                assertThrows(SpecException.class, () -> DataSpec.parse("moons(k = 2)", base)).getMessage());
        assertEquals("data `csv(moons)`: `file` must be a quoted string, not `moons`",
                assertThrows(SpecException.class, () -> DataSpec.parse("csv(moons)", base)).getMessage());
    }

    @Test
    void splitHoldsOutAShuffledFraction() {
        Dataset d = Generators.moons(10, 0, 1).toDataset(new Hinge().signature());
        Dataset.Split s = d.split(0.3, 4);
        assertEquals(7, s.train().size());
        assertEquals(3, s.validation().size());
        double total = 0;
        for (double x : d.inputs()) total += x;
        double parts = 0;
        for (double x : s.train().inputs()) parts += x;
        for (double x : s.validation().inputs()) parts += x;
        assertEquals(total, parts, 1e-12);
        assertArrayEquals(s.validation().inputs(), d.split(0.3, 4).validation().inputs(), 0);
    }
}
