package mgc.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import mgc.runtime.Initializers;
import mgc.runtime.data.ClassLabels;
import mgc.runtime.data.Dataset;
import mgc.runtime.data.Generators;
import mgc.runtime.testing.Softmax;
import org.junit.jupiter.api.Test;

class TestEvaluationTest {

    /** Three 2-D test points of classes 0, 1, 2. */
    private static final Dataset TEST = new Dataset(3, 2, 3, new double[] {1, 0, 0, 1, -1, -1},
            ClassLabels.oneHot(new int[] {0, 1, 2}, 3));

    @Test
    void testLossAndAccuracyAreTheMeanCrossEntropyAndTheArgmaxAgreementComputedByHand() {
        Softmax m = new Softmax(3);
        // W rows (1, 0), (0, 1), (0.5, 0.5); b = 0: logits of (1,0) = (1, 0, .5) -> class 0 right;
        // of (0,1) = (0, 1, .5) -> class 1 right; of (-1,-1) = (-1, -1, -1) -> tie, argmax 0, wrong (true 2)
        double[] p = {1, 0, 0, 1, 0.5, 0.5, 0, 0, 0};
        double[][] logits = {{1, 0, 0.5}, {0, 1, 0.5}, {-1, -1, -1}};
        int[] truth = {0, 1, 2};
        double loss = 0;
        for (int i = 0; i < 3; i++) {
            double z = 0;
            for (double l : logits[i]) z += Math.exp(l);
            loss += -(logits[i][truth[i]] - Math.log(z));
        }
        TestEvaluation.Figures f = new TestEvaluation(m, TEST, TrainingListener.NONE).measure(p);
        assertEquals(loss / 3, f.loss(), 1e-12);
        assertEquals(2.0 / 3, f.accuracy(), 0);
        Confusion c = Confusion.of(m, p, TEST);
        assertArrayEquals(new int[] {1, 0, 0, 0, 1, 0, 1, 0, 0}, c.counts());
        assertArrayEquals(new int[] {2}, c.mistakes());
        assertEquals(0.0, c.classAccuracy(2), 0);
        assertEquals(1.0, c.classAccuracy(0), 0);
        assertEquals(2.0 / 3, c.accuracy(), 0);
    }

    @Test
    void theTestSetIsEvaluatedAfterEveryEpochAndTheLastEvaluationIsTheFinalOne() {
        Softmax m = new Softmax(3);
        Dataset train = Generators.blobs(10, 3, 0.5, 3).toDataset(m.signature());
        List<double[]> seen = new ArrayList<>();
        TrainingListener display = new TrainingListener() {
            @Override public void onTest(int epoch, int steps, double loss, double accuracy) {
                seen.add(new double[] {epoch, steps, loss, accuracy});
            }
        };
        TestEvaluation eval = new TestEvaluation(m, TEST, display);
        TrainConfig config = TrainConfig.builder().optimizer("adam(lr = 0.1)").epochs(2).batchSize(4).threads(1).seed(5).build();
        double[] p = Initializers.initialize(m.signature(), 5);
        TrainResult r = new Trainer().train(m, p, train, null, config, eval);
        // 10 examples in batches of 4: epochs end after steps 3 and 6
        assertEquals(2, seen.size());
        assertArrayEquals(new double[] {1, 3}, new double[] {seen.get(0)[0], seen.get(0)[1]});
        assertArrayEquals(new double[] {2, 6}, new double[] {seen.get(1)[0], seen.get(1)[1]});
        TestEvaluation.Curve curve = eval.curve();
        assertArrayEquals(new int[] {3, 6}, curve.steps());
        assertEquals(seen.get(0)[2], curve.loss()[0], 0);
        TestEvaluation.Figures fin = eval.at(r.steps(), r.params());
        TestEvaluation.Figures now = new TestEvaluation(m, TEST, TrainingListener.NONE).measure(r.params());
        assertEquals(now, fin);
        assertEquals(Metrics.objective(m, r.params(), TEST), fin.loss(), 0);
        assertEquals(Metrics.accuracy(m, r.params(), TEST), fin.accuracy(), 0);
    }
}
