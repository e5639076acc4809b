package mgc.bench.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The benchmarked training steps compute the same thing: kernels (either layout) against the hand-written loops. */
class MlpTrainingTest {

    private static final int[] WIDTHS = {784, 32, 16, 10};

    @Test
    void kernelStepsTrainLikeTheHandWrittenLoops() {
        MnistLikeData data = MnistLikeData.generate("sparse", 4 * MlpTraining.BATCH, 3);
        MlpByHand hand = new MlpByHand(WIDTHS, data, 5);
        MlpByKernels inOut = new MlpByKernels(WIDTHS, data, 5, 24, true);   // a tile that does not divide the batch
        MlpByKernels outIn = new MlpByKernels(WIDTHS, data, 5, 64, false);
        for (int l = 0; l < WIDTHS.length - 1; l++)
            for (int i = 0; i < WIDTHS[l]; i++)
                for (int o = 0; o < WIDTHS[l + 1]; o++) outIn.w[l][o * WIDTHS[l] + i] = hand.w[l][i * WIDTHS[l + 1] + o];
        for (int s = 0; s < 3; s++) {
            double loss = hand.step();
            assertEquals(loss, inOut.step(), 1e-12 * Math.abs(loss));
            assertEquals(loss, outIn.step(), 1e-12 * Math.abs(loss));
        }
        for (int l = 0; l < WIDTHS.length - 1; l++)
            for (int i = 0; i < WIDTHS[l]; i++)
                for (int o = 0; o < WIDTHS[l + 1]; o++) {
                    double expected = hand.w[l][i * WIDTHS[l + 1] + o];
                    assertEquals(expected, inOut.w[l][i * WIDTHS[l + 1] + o], 1e-9);
                    assertEquals(expected, outIn.w[l][o * WIDTHS[l] + i], 1e-9);
                }
    }

    /** The benchmark's interpreter row runs the same step as its compiled rows: the same losses, bit for bit. */
    @Test
    void theInterpretedStepIsTheCompiledStep() {
        MnistLikeData data = MnistLikeData.generate("sparse", 2 * MlpTraining.BATCH, 4);
        MlpByMgc compiled = new MlpByMgc(WIDTHS, data, mgc.compiler.Backend.Choice.LOOPS, false, false);
        MlpByMgc interpreted = new MlpByMgc(WIDTHS, data, mgc.compiler.Backend.Choice.LOOPS, false, true);
        for (int s = 0; s < 3; s++) {
            double loss = compiled.step();
            assertTrue(loss > 0 && Double.isFinite(loss), "loss " + loss);
            assertEquals(Double.doubleToLongBits(loss), Double.doubleToLongBits(interpreted.step()), "step " + s);
        }
    }

    @Test
    void sparseDataIsAboutAsSparseAsMnist() {
        double zeros = MnistLikeData.generate("sparse", 1000, 1).zeroFraction();
        assertTrue(zeros > 0.78 && zeros < 0.84, "zero fraction " + zeros);
        assertEquals(0.0, MnistLikeData.generate("dense", 10, 1).zeroFraction());
    }
}
