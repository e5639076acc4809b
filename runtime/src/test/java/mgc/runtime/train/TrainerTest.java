package mgc.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import mgc.runtime.CompiledModel;
import mgc.runtime.Initializers;
import mgc.runtime.data.Dataset;
import mgc.runtime.data.Generators;
import mgc.runtime.testing.Hinge;
import mgc.runtime.testing.Linear;
import mgc.runtime.testing.Poisoned;
import mgc.runtime.testing.Softmax;
import org.junit.jupiter.api.Test;

class TrainerTest {

    /** y = 2 x0 - 3 x1 + 0.5 on a small grid. */
    static Dataset plane() {
        int n = 20;
        double[] in = new double[2 * n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            in[2 * i] = (i % 5) / 4.0 - 0.5;
            in[2 * i + 1] = (i / 5) / 3.0 - 0.5;
            t[i] = 2 * in[2 * i] - 3 * in[2 * i + 1] + 0.5;
        }
        return new Dataset(n, 2, 1, in, t);
    }

    static Dataset moons(int n) {
        return Generators.moons(n, 0.1, 1).toDataset(new Hinge().signature());
    }

    static TrainConfig.Builder config(String optimizer, int steps, int batch, int threads) {
        return TrainConfig.builder().optimizer(optimizer).steps(steps).batchSize(batch).threads(threads).seed(11);
    }

    @Test
    void firstStepIsTheMeanGradientPlusPenalty() {
        Dataset d = moons(10);
        Hinge m = new Hinge();
        double[] p0 = {0.3, -0.2, 0.1};
        double[] p = p0.clone();
        TrainResult r = new Trainer().train(m, p, d, null, config("sgd(lr = 0.5)", 1, 0, 1).build(), TrainingListener.NONE);
        // by hand: hinge gradient summed over active examples, divided by n, plus 2e-4 p
        double[] g = new double[3];
        double loss = 0;
        for (int i = 0; i < 10; i++) {
            double y = d.targets()[i];
            double x0 = d.inputs()[2 * i];
            double x1 = d.inputs()[2 * i + 1];
            double margin = 1 - y * (p0[0] * x0 + p0[1] * x1 + p0[2]);
            if (margin > 0) {
                loss += margin;
                g[0] -= y * x0;
                g[1] -= y * x1;
                g[2] -= y;
            }
        }
        double penalty = 1e-4 * (0.09 + 0.04 + 0.01);
        assertEquals(loss / 10 + penalty, r.lossHistory()[0], 1e-15);
        for (int j = 0; j < 3; j++) assertEquals(p0[j] - 0.5 * (g[j] / 10 + 2e-4 * p0[j]), p[j], 1e-15);
    }

    @Test
    void linearRegressionConverges() {
        double[] p = new double[3];
        TrainResult r = new Trainer().train(new Linear(), p, plane(), null, config("sgd(lr = 0.3)", 500, 0, 1).build(),
                TrainingListener.NONE);
        assertArrayEquals(new double[] {2, -3, 0.5}, p, 1e-6);
        assertEquals(Task.REGRESSION, r.task());
        assertTrue(Double.isNaN(r.finalAccuracy()));
        assertTrue(r.finalLoss() < 1e-10);
    }

    @Test
    void microgradsDemoSeparatesTheMoonsMostly() {
        Hinge m = new Hinge();
        double[] p = Initializers.initialize(m.signature(), 1);
        TrainResult r = new Trainer().train(m, p, moons(100), null, config("sgd(lr = 1.0 to 0.1)", 100, 0, 1).build(),
                TrainingListener.NONE);
        assertEquals(Task.BINARY, r.task());
        assertTrue(r.finalAccuracy() > 0.8, "accuracy " + r.finalAccuracy());
        assertEquals(100, r.lossHistory().length);
        assertTrue(r.lossHistory()[99] < r.lossHistory()[0]);
        assertFalse(Double.isNaN(r.accuracyHistory()[0]));
        assertTrue(Double.isNaN(r.accuracyHistory()[1]));
    }

    @Test
    void softmaxLearnsBlobs() {
        Softmax m = new Softmax(3);
        Dataset d = Generators.blobs(300, 3, 1.0, 4) /* centers at least 6 apart */.toDataset(m.signature());
        double[] p = Initializers.initialize(m.signature(), 1);
        TrainResult r = new Trainer().train(m, p, d, null, config("adam(lr = 0.05)", 200, 32, 2).build(), TrainingListener.NONE);
        assertEquals(Task.MULTICLASS, r.task());
        assertTrue(r.finalAccuracy() > 0.9, "accuracy " + r.finalAccuracy());
    }

    private static double[] run(CompiledModel m, String opt, int batch, int threads) {
        double[] p = Initializers.initialize(m.signature(), 3);
        Dataset d = Generators.moons(103, 0.1, 1).toDataset(m.signature());
        new Trainer().train(m, p, d, null, config(opt, 60, batch, threads).build(), TrainingListener.NONE);
        return p;
    }

    @Test
    void sameSeedSameParametersBitForBit() {
        assertArrayEquals(run(new Hinge(), "momentum(lr = 0.1)", 16, 1), run(new Hinge(), "momentum(lr = 0.1)", 16, 1), 0);
        assertArrayEquals(run(new Hinge(), "adam(lr = 0.05)", 16, 2), run(new Hinge(), "adam(lr = 0.05)", 16, 2), 0);
        assertArrayEquals(run(new Softmax(2), "sgd(lr = 0.5)", 0, 2), run(new Softmax(2), "sgd(lr = 0.5)", 0, 2), 0);
    }

    @Test
    void threadCountsAgreeUpToReassociation() {
        for (int batch : new int[] {0, 16, 5}) {
            double[] one = run(new Softmax(2), "sgd(lr = 0.5)", batch, 1);
            double[] two = run(new Softmax(2), "sgd(lr = 0.5)", batch, 2);
            double[] three = run(new Softmax(2), "sgd(lr = 0.5)", batch, 3);
            assertArrayEquals(one, two, 1e-9);
            assertArrayEquals(one, three, 1e-9);
        }
    }

    @Test
    void epochsCountBatchesIncludingAPartialOne() {
        TrainConfig c = TrainConfig.builder().epochs(3).batchSize(16).build();
        assertEquals(21, c.totalSteps(103)); // ceil(103 / 16) = 7 per epoch
        List<Integer> counts = new ArrayList<>();
        Hinge m = new Hinge();
        TrainResult r = new Trainer().train(m, Initializers.initialize(m.signature(), 1), moons(103), null, c,
                new TrainingListener() {
                    @Override public void onStart(int first, int total) { counts.add(total); }
                });
        assertEquals(List.of(21), counts);
        assertEquals(21, r.steps());
    }

    @Test
    void gradientClippingBoundsTheStep() {
        double[] p = new double[3];
        new Trainer().train(new Linear(), p, plane(), null, config("sgd(lr = 1)", 1, 0, 1).gradClip(0.5).build(),
                TrainingListener.NONE);
        assertEquals(0.5, Math.sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]), 1e-12);
    }

    @Test
    void nonFiniteGradientStopsWithItsElementNameAndKeepsTheParameters() {
        Dataset d = plane();
        double[] expected = new double[3];
        new Trainer().train(new Linear(), expected, d, null, config("momentum(lr = 0.1)", 2, 0, 1).build(), TrainingListener.NONE);
        double[] p = new double[3];
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, () -> new Trainer().train(
                new Poisoned(2, false), p, d, null, config("momentum(lr = 0.1)", 5, 0, 1).build(), TrainingListener.NONE));
        assertEquals("training diverged at step 2: the gradient of w[1] is NaN (try a smaller learning rate, or gradient clipping)",
                e.getMessage());
        assertArrayEquals(expected, p, 0);
        assertArrayEquals(expected, e.lastGoodState().params(), 0);
        assertEquals(2, e.lastGoodState().step());
        TrainingDivergedException l = assertThrows(TrainingDivergedException.class, () -> new Trainer().train(
                new Poisoned(0, true), new double[3], d, null, config("sgd", 5, 0, 1).build(), TrainingListener.NONE));
        assertEquals("training diverged at step 0: the loss is NaN (try a smaller learning rate, or gradient clipping)",
                l.getMessage());
    }

    @Test
    void requestStopEndsBetweenSteps() {
        Trainer t = new Trainer();
        Hinge m = new Hinge();
        List<String> ends = new ArrayList<>();
        TrainResult r = t.train(m, Initializers.initialize(m.signature(), 1), moons(50), null, config("sgd", 100, 8, 2).build(),
                new TrainingListener() {
                    @Override public void onStep(int step, double loss, double acc, double eps) {
                        if (step == 4) t.requestStop();
                    }

                    @Override public void onEnd(TrainResult result) { ends.add("end " + result.steps()); }
                });
        assertTrue(r.stopped());
        assertEquals(5, r.steps());
        assertEquals(5, r.finalState().step());
        assertEquals(List.of("end 5"), ends);
    }

    @Test
    void validationFiguresComeFromTheValidationSet() {
        Hinge m = new Hinge();
        Dataset.Split s = moons(100).split(0.2, 1);
        double[] p = Initializers.initialize(m.signature(), 1);
        TrainResult r = new Trainer().train(m, p, s.train(), s.validation(), config("sgd(lr = 1.0 to 0.1)", 50, 0, 1).build(),
                TrainingListener.NONE);
        assertEquals(Metrics.objective(m, p, s.validation()), r.validationLoss(), 0);
        assertEquals(Metrics.accuracy(m, p, s.validation()), r.validationAccuracy(), 0);
    }

    @Test
    void mismatchedDataIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Trainer().train(new Linear(3), new double[4], plane(), null,
                config("sgd", 1, 0, 1).build(), TrainingListener.NONE));
        assertEquals("model `linear` takes 3 inputs and 1 targets per example; the data has 2 and 1", e.getMessage());
    }
}
