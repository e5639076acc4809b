package mgc.runtime.tile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link TileOps#copy2} (a transpose, strided rows, other strides) puts every element where plain loops do. */
class Copy2Test {

    @Test
    void copiesEveryElementOfAnyShapeAndStride() {
        AtomicInteger compared = new AtomicInteger();
        qt().withExamples(300).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int n = 1 + r.nextInt(3), rows = 1 + r.nextInt(80), cols = 1 + r.nextInt(80);
            int layout = r.nextInt(3); // transposed, strided rows, or every other element of a padded matrix
            int pad = r.nextInt(3);
            int rs = switch (layout) { case 0 -> 1; case 1 -> cols + pad; default -> 2 * cols + pad; };
            int cs = switch (layout) { case 0 -> rows + pad; case 1 -> 1; default -> 2; };
            int extent = switch (layout) { case 0 -> cols * (rows + pad); case 1 -> rows * (cols + pad); default -> rows * (2 * cols + pad); };
            int xo = r.nextInt(4), xt = r.nextBoolean() ? 0 : extent + r.nextInt(3), oo = r.nextInt(4), ot = rows * cols + r.nextInt(3);
            double[] x = new double[xo + (n - 1) * xt + extent + 2];
            for (int i = 0; i < x.length; i++) x[i] = r.nextDouble();
            double[] expected = new double[oo + (n - 1) * ot + rows * cols + 2], actual = expected.clone();
            for (int t = 0; t < n; t++)
                for (int i = 0; i < rows; i++)
                    for (int j = 0; j < cols; j++) expected[oo + t * ot + i * cols + j] = x[xo + t * xt + i * rs + j * cs];
            TileOps.copy2(n, rows, cols, x, xo, xt, rs, cs, actual, oo, ot);
            assertArrayEquals(expected, actual, "n=" + n + " " + rows + "x" + cols + " rs=" + rs + " cs=" + cs);
            compared.incrementAndGet();
        });
        assertEquals(300, compared.get());
    }
}
