package mgc.bench.jmh;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import mgc.bench.workload.Workload;
import mgc.bench.workload.Workloads;

/**
 * 64 -> 64 tanh -> 64 tanh -> 1, squared error, 32 examples per call: loss + gradient per example. mgc
 * compiles it to loop kernels; the fork has the Vector API module, as the {@code mgc} launcher does, and
 * {@code impl=mgc-superword} measures the other flavour.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--add-modules", "jdk.incubator.vector"})
public class Mlp64Benchmark {

    public static final int EXAMPLES = 32;

    @State(Scope.Thread)
    public static class Initial extends ModelState {
        @Override
        protected Workload workload() { return Workloads.mlp64(); }
    }

    @Benchmark
    @OperationsPerInvocation(EXAMPLES)
    public double perExample(Initial s) {
        return s.lossAndGradient();
    }
}
