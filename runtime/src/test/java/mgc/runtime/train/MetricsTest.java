package mgc.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import mgc.runtime.data.Dataset;
import mgc.runtime.testing.Hinge;
import mgc.runtime.testing.Linear;
import mgc.runtime.testing.Softmax;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void signAgreementForPlusMinusOneTargets() {
        // score = x0 with w = (1, 0), b = 0; scores 2, -1, 0.5, 0 against targets 1, 1, -1, -1
        Dataset d = new Dataset(4, 2, 1, new double[] {2, 0, -1, 0, 0.5, 0, 0, 0}, new double[] {1, 1, -1, -1});
        assertEquals(Task.BINARY, Task.detect(new Hinge().signature(), d));
        assertEquals(0.5, Metrics.accuracy(new Hinge(), new double[] {1, 0, 0}, d));
    }

    @Test
    void argmaxAgreementForOneHotTargets() {
        // W = [[1, 0], [0, 1]], b = 0: the class is the larger coordinate
        Dataset d = new Dataset(3, 2, 2, new double[] {2, 1, 0, 3, 5, 4}, new double[] {1, 0, 0, 1, 0, 1});
        assertEquals(Task.MULTICLASS, Task.detect(new Softmax(2).signature(), d));
        assertEquals(2.0 / 3, Metrics.accuracy(new Softmax(2), new double[] {1, 0, 0, 1, 0, 0}, d), 1e-15);
    }

    @Test
    void otherTargetsAreRegression() {
        Dataset d = new Dataset(2, 2, 1, new double[] {1, 0, 0, 1}, new double[] {1, 0.5});
        assertEquals(Task.REGRESSION, Task.detect(new Linear().signature(), d));
        assertTrue(Double.isNaN(Metrics.accuracy(new Linear(), new double[3], d)));
        // outputs 1 and 2 (w = (1, 2), b = 0) against 1 and 0.5
        assertEquals((0 + 1.5 * 1.5) / 2, Metrics.mse(new Linear(), new double[] {1, 2, 0}, d), 1e-15);
        assertEquals((0 + 1.5 * 1.5) / 2, Metrics.objective(new Linear(), new double[] {1, 2, 0}, d), 1e-15);
        Dataset notOneHot = new Dataset(1, 2, 2, new double[] {1, 0}, new double[] {1, 1});
        assertEquals(Task.REGRESSION, Task.detect(new Softmax(2).signature(), notOneHot));
    }
}
