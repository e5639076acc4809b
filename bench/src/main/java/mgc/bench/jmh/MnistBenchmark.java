package mgc.bench.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import mgc.bench.KernelFlavour;
import mgc.bench.mnist.MlpByHand;
import mgc.bench.mnist.MlpByKernels;
import mgc.bench.mnist.MlpTraining;
import mgc.bench.mnist.MnistLikeData;
import mgc.runtime.kernel.Kernels;

/**
 * Issue 15's workload: one training step (relu MLP, softmax cross-entropy, Adam, batch 64, float64, one thread)
 * on MNIST-shaped data: the time of each step is sampled; {@code bench/mnist.sh} turns the fastest and the
 * median step into training examples per second (the machine is shared: the fastest step is the one least
 * disturbed, the median shows the load). {@code variant}: "hand" is the hand-written loop nest;
 * "superword" and "vector" are the same step with the three contractions per layer done by {@link Kernels} in
 * that flavour, weights in mgc's [out, in] layout; "-inout" variants keep the weights [in, out] as the hand-written
 * loops do.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--add-modules", "jdk.incubator.vector"})
public class MnistBenchmark {

    /** 100 batches: the step cycles through them, as an epoch does. */
    static final int EXAMPLES = 100 * MlpTraining.BATCH;

    @State(Scope.Thread)
    public static class Training {
        @Param({"784-128-10", "784-256-256-10"})
        public String model;
        /** sparse, dense: generated (MnistLikeData); real: MNIST's first 6,400 training digits ({@code -p data=real}). */
        @Param({"sparse", "dense"})
        public String data;
        @Param({"hand", "superword", "vector", "superword-inout", "vector-inout"})
        public String variant;
        /** Examples per kernel call (the batch of 64 is cut into tiles of this size); Kernels.TILE is 64. */
        @Param({"64"})
        public int tile;


        MlpTraining training;

        @Setup
        public void setUp() {
            MnistLikeData d = MnistLikeData.generate(data, EXAMPLES, 42);
            int[] widths = MlpTraining.widths(model);
            if (variant.equals("hand")) {
                training = new MlpByHand(widths, d, 1);
                return;
            }
            String flavour = variant.replace("-inout", "");
            KernelFlavour.force(flavour);
            training = new MlpByKernels(widths, d, 1, tile, variant.endsWith("-inout"));
        }
    }

    @Benchmark
    public double trainStep(Training s) {
        return s.training.step();
    }
}
