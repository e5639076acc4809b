package mgc.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InitializersTest {

    private static ModelSignature params(TensorSpec... specs) {
        return new ModelSignature("m", List.of(specs), List.of(), List.of(), List.of(), false, Map.of());
    }

    private static TensorSpec p(String name, int offset, Initializer init, int... shape) {
        return new TensorSpec(name, shape, offset, init);
    }

    @Test
    void sameSeedSameValuesAndTheDocumentedStream() {
        ModelSignature sig = params(p("a", 0, new Initializer.Uniform(-1, 1), 3), p("b", 3, new Initializer.Fill(0.5), 2),
                p("c", 5, new Initializer.Uniform(0, 10)));
        double[] x = Initializers.initialize(sig, 42);
        assertArrayEquals(x, Initializers.initialize(sig, 42), 0);
        assertFalse(Arrays.equals(x, Initializers.initialize(sig, 43)));
        // one SplittableRandom walked in order; Fill draws nothing
        SplittableRandom r = new SplittableRandom(42);
        double[] expected = new double[6];
        for (int i = 0; i < 3; i++) expected[i] = -1 + 2 * r.nextDouble();
        expected[3] = expected[4] = 0.5;
        expected[5] = 10 * r.nextDouble();
        assertArrayEquals(expected, x, 0);
    }

    @Test
    void valuesAreCopiedAndTheirCountChecked() {
        double[] x = Initializers.initialize(params(p("v", 0, new Initializer.Values(new double[] {1, 2, 3, 4}), 2, 2)), 1);
        assertArrayEquals(new double[] {1, 2, 3, 4}, x, 0);
        var e = assertThrows(IllegalArgumentException.class, () -> Initializers.initialize(
                params(p("v", 0, new Initializer.Values(new double[] {1, 2, 3}), 2, 2)), 1));
        assertEquals("parameter v[2, 2] has 4 elements but its initialiser lists 3 values", e.getMessage());
    }

    private static double[] moments(double[] x) {
        double mean = 0;
        for (double v : x) mean += v;
        mean /= x.length;
        double var = 0;
        for (double v : x) var += (v - mean) * (v - mean);
        return new double[] {mean, Math.sqrt(var / x.length)};
    }

    @Test
    void normalHasItsMeanAndDeviation() {
        double[] m = moments(Initializers.initialize(params(p("n", 0, new Initializer.Normal(3, 2), 20000)), 7));
        assertEquals(3, m[0], 0.05);
        assertEquals(2, m[1], 0.05);
    }

    @Test
    void xavierUsesLastDimAsFanInAndFirstAsFanOut() {
        double[] x = Initializers.initialize(params(p("W", 0, new Initializer.Xavier(), 300, 100)), 3);
        double a = Math.sqrt(6.0 / 400);
        assertTrue(Arrays.stream(x).allMatch(v -> v >= -a && v < a));
        assertEquals(a, Arrays.stream(x).max().getAsDouble(), a * 0.01);
        double[] v = Initializers.initialize(params(p("v", 0, new Initializer.Xavier(), 50)), 3);
        assertTrue(Arrays.stream(v).allMatch(e -> Math.abs(e) < Math.sqrt(6.0 / 100)));
    }

    @Test
    void kaimingScalesByFanIn() {
        double[] m = moments(Initializers.initialize(params(p("W", 0, new Initializer.Kaiming(), 400, 50)), 5));
        assertEquals(0, m[0], 0.01);
        assertEquals(Math.sqrt(2.0 / 50), m[1], 0.01);
    }
}
