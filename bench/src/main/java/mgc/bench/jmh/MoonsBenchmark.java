package mgc.bench.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import mgc.bench.SgdStep;
import mgc.bench.hand.HandWritten;
import mgc.bench.workload.Workload;
import mgc.bench.workload.Workloads;

/**
 * micrograd's moons network: loss + gradient per example at the initial parameters (92 of the 100
 * hinges active) and after the 100-step training run (all 100 margins satisfied, so the gradient is
 * zero and code that notices does a forward pass only), and the full-batch training step (forward +
 * backward of 100 examples + penalty + SGD update) averaged over the 100-step run.
 */
@BenchmarkMode(Mode.AverageTime)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class MoonsBenchmark {

    public static final int EXAMPLES = 100;

    @State(Scope.Thread)
    public static class Initial extends ModelState {
        @Override
        protected Workload workload() { return Workloads.moons(); }
    }

    @State(Scope.Thread)
    public static class Trained extends ModelState {
        @Override
        protected Workload workload() { return Workloads.moons(); }

        @Override
        protected double[] params(Workload w) {
            return SgdStep.train(w, HandWritten.of(w), SgdStep.STEPS);
        }
    }

    @State(Scope.Thread)
    public static class Training extends ModelState {
        SgdStep step;

        @Override
        protected Workload workload() { return Workloads.moons(); }

        @Setup
        public void setUpStep() {
            step = new SgdStep(workload, model);
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @OperationsPerInvocation(EXAMPLES)
    public double perExample(Initial s) {
        return s.lossAndGradient();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @OperationsPerInvocation(EXAMPLES)
    public double perExampleTrained(Trained s) {
        return s.lossAndGradient();
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double trainStep(Training s) {
        return s.step.step();
    }
}
