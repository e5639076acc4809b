package mgc.runtime.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import mgc.runtime.CompiledModel;
import mgc.runtime.Initializers;
import mgc.runtime.data.Dataset;
import mgc.runtime.data.Generators;
import mgc.runtime.testing.Hinge;
import mgc.runtime.testing.Linear;
import mgc.runtime.testing.Poisoned;
import mgc.runtime.testing.Softmax;
import org.junit.jupiter.api.Test;

/**
 * The trainer's one-pass step ({@link StepRule#fuses}: the optimiser divides the summed gradient and zeroes it in
 * its own pass) against the plain route (divide, check, step), which a clipping bound no gradient reaches forces
 * while changing nothing else: the same parameters and losses bit for bit.
 */
class FusedStepTest {

    private static final double NEVER_CLIPS = 1e300;

    private static TrainResult train(CompiledModel m, double[] p, Dataset d, String opt, int steps, int batch, int threads, double clip) {
        TrainConfig c = TrainConfig.builder().optimizer(opt).steps(steps).batchSize(batch).threads(threads).seed(5).gradClip(clip).build();
        return new Trainer().train(m, p, d, null, c, TrainingListener.NONE);
    }

    private static void assertRoutesAgree(CompiledModel m, Dataset d, String opt, int steps, int batch, int threads) {
        double[] fused = Initializers.initialize(m.signature(), 2), plain = fused.clone();
        TrainResult f = train(m, fused, d, opt, steps, batch, threads, 0);
        TrainResult p = train(m, plain, d, opt, steps, batch, threads, NEVER_CLIPS);
        String what = opt + ", batch " + batch + " of " + d.size() + ", " + threads + " thread(s)";
        for (int i = 0; i < fused.length; i++)
            assertEquals(Double.doubleToRawLongBits(plain[i]), Double.doubleToRawLongBits(fused[i]), what + ": parameter " + i);
        assertArrayEquals(p.lossHistory(), f.lossHistory(), 0, what);
        assertArrayEquals(p.finalState().optimizerState(), f.finalState().optimizerState(), 0, what);
    }

    @Test
    void everyOptimiserTrainsToTheSameBitsEitherWay() {
        Softmax m = new Softmax(3);
        Dataset d = Generators.blobs(64, 3, 1.5, 7).toDataset(m.signature());
        for (String opt : new String[] {"sgd(lr = 0.3)", "momentum(lr = 0.1)", "momentum(lr = 0.1, nesterov = true)",
                "adam(lr = 0.05)", "adamw(lr = 0.05, wd = 0.01)"}) {
            assertRoutesAgree(m, d, opt, 40, 0, 1);    // the whole set, 64 examples, every step fused
            assertRoutesAgree(m, d, opt, 40, 16, 1);   // shuffled batches of 16
            assertRoutesAgree(m, d, opt, 40, 16, 2);   // two workers, worker 0 summing into the cleared gradient
        }
    }

    @Test
    void runsThatMixBothRoutesAgreeToo() {
        Softmax m = new Softmax(2);
        // 19 examples in batches of 4: four fused steps, then a last batch of 3 that divides, then fused again
        Dataset d = Generators.blobs(19, 2, 1.0, 3).toDataset(m.signature());
        assertRoutesAgree(m, d, "adam(lr = 0.05)", 23, 4, 1);
        assertRoutesAgree(m, d, "momentum(lr = 0.1)", 23, 4, 2);
    }

    @Test
    void onlyWhatMultiplyingByTheReciprocalGetsRightFuses() {
        TrainConfig plain = TrainConfig.builder().optimizer("adam").steps(1).build();
        StepRule softmax = new StepRule(new Softmax(2), plain);
        for (int count : new int[] {1, 2, 64, 1 << 20}) assertTrue(softmax.fuses(count), "count " + count);
        for (int count : new int[] {0, 3, 48, 100}) assertFalse(softmax.fuses(count), "count " + count);
        assertFalse(new StepRule(new Hinge(), plain).fuses(64), "a penalty's gradient is added after the division");
        TrainConfig clipped = TrainConfig.builder().optimizer("adam").steps(1).gradClip(1).build();
        assertFalse(new StepRule(new Softmax(2), clipped).fuses(64), "clipping needs the divided gradient's norm");
        assertThrows(IllegalStateException.class, () -> softmax.applyAndClear(new double[6], new double[6], 3, 0, 1));
    }

    @Test
    void aNonFiniteSumStopsTheFusedRouteWithTheSameMessageAndKeepsTheParameters() {
        Dataset d = TrainerTest.plane();   // 20 examples: batches of 4 fuse
        double[] expected = new double[3];
        train(new Linear(), expected, d, "momentum(lr = 0.1)", 2, 4, 1, 0);
        double[] p = new double[3];
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> train(new Poisoned(2, false), p, d, "momentum(lr = 0.1)", 5, 4, 1, 0));
        assertEquals("training diverged at step 2: the gradient of w[1] is NaN (try a smaller learning rate, or gradient clipping)",
                e.getMessage());
        assertArrayEquals(expected, p, 0);
        assertArrayEquals(expected, e.lastGoodState().params(), 0);
    }
}
