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

    /** One pass for both figures gives each figure's own pass bit for bit, across chunks and for a short last chunk. */
    @Test
    void evaluateIsObjectiveAndAccuracyInOnePass() {
        Softmax m = new Softmax(3);
        Dataset d = mgc.runtime.data.Generators.blobs(2500, 3, 2.0, 9).toDataset(m.signature());   // chunks of 1024, 1024, 452
        double[] p = mgc.runtime.Initializers.initialize(m.signature(), 4);
        int[] forwards = new int[1];
        mgc.runtime.CompiledModel counting = new mgc.runtime.CompiledModel() {
            @Override public mgc.runtime.ModelSignature signature() { return m.signature(); }
            @Override public int scratchSize() { return m.scratchSize(); }
            @Override public void forward(double[] a, double[] b, int c, int e, double[] f, double[] g) { forwards[0]++; m.forward(a, b, c, e, f, g); }
            @Override public double loss(double[] a, double[] b, double[] c, int e, int f, double[] g) { return m.loss(a, b, c, e, f, g); }
            @Override public double lossAndGradient(double[] a, double[] b, double[] c, int e, int f, double[] g, double[] h) { return m.lossAndGradient(a, b, c, e, f, g, h); }
            @Override public double penalty(double[] a, double[] b) { return m.penalty(a, b); }
            @Override public double penaltyAndGradient(double[] a, double[] b, double[] c) { return m.penaltyAndGradient(a, b, c); }
        };
        Metrics.Evaluation e = new Metrics(counting, d).evaluate(p);
        assertEquals(3, forwards[0], "one forward pass per chunk (the default lossAndOutputs)");
        assertEquals(Metrics.objective(m, p, d), e.objective(), 0);
        assertEquals(Metrics.accuracy(m, p, d), e.accuracy(), 0);
        assertTrue(e.accuracy() > 0.3 && e.accuracy() < 1, "accuracy " + e.accuracy());
        Dataset r = new Dataset(2, 2, 1, new double[] {1, 0, 0, 1}, new double[] {1, 0.5});
        Metrics.Evaluation reg = new Metrics(new Linear(), r).evaluate(new double[] {1, 2, 0});
        assertEquals((0 + 1.5 * 1.5) / 2, reg.objective(), 1e-15);
        assertTrue(Double.isNaN(reg.accuracy()));
    }
}
