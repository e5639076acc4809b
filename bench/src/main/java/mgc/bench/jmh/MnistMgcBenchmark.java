package mgc.bench.jmh;

import java.util.concurrent.TimeUnit;
import mgc.bench.KernelFlavour;
import mgc.bench.mnist.MlpByHand;
import mgc.bench.mnist.MlpByMgc;
import mgc.bench.mnist.MlpTraining;
import mgc.bench.mnist.MnistLikeData;
import mgc.compiler.Backend;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 15's end-to-end workload: one training step (batch 64, float64, Adam, one thread) of an MLP on
 * MNIST-shaped data, by mgc's compiled model (loop kernels, each flavour in its own fork) and by the
 * hand-written Java loop nest, in one run; {@code mgc-interp} is mgc's tensor interpreter on the same step, for scale
 * (about 50 ms a step for 784-128-10). Examples per second = 64 / (µs per step) * 1e6.
 * Run: {@code bench/mnist-mgc.sh} (or java -jar bench/target/benchmarks.jar MnistMgcBenchmark).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--add-modules", "jdk.incubator.vector"})
public class MnistMgcBenchmark {

    static final int EXAMPLES = 100 * MlpTraining.BATCH;

    @State(Scope.Thread)
    public static class Training {
        @Param({"784-128-10", "784-256-256-10"})
        public String model;
        /** sparse, dense: generated (MnistLikeData); real: MNIST's first 6,400 training digits ({@code -p data=real}). */
        @Param({"sparse", "dense"})
        public String data;
        /** mgc-FLAVOUR: weights [out, in], {@code W @ h}; mgc-FLAVOUR-inout: [in, out], {@code h @ W}; mgc-interp: the interpreter. */
        @Param({"hand", "mgc-superword", "mgc-vector", "mgc-superword-inout", "mgc-vector-inout", "mgc-interp"})
        public String variant;

        MlpTraining hand;
        MlpByMgc mgc;

        @Setup
        public void setUp() {
            MnistLikeData d = MnistLikeData.generate(data, EXAMPLES, 42);
            int[] widths = MlpTraining.widths(model);
            if (variant.equals("hand")) {
                hand = new MlpByHand(widths, d, 1);
                return;
            }
            if (variant.equals("mgc-interp")) {
                mgc = new MlpByMgc(widths, d, Backend.Choice.LOOPS, false, true);
                return;
            }
            String flavour = variant.substring("mgc-".length()).replace("-inout", "");
            KernelFlavour.force(flavour);
            mgc = new MlpByMgc(widths, d, Backend.Choice.LOOPS, variant.endsWith("-inout"));
        }
    }

    @Benchmark
    public double trainStep(Training s) {
        return s.hand != null ? s.hand.step() : s.mgc.step();
    }
}
