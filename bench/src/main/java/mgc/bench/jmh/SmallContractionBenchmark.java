package mgc.bench.jmh;

import java.util.Arrays;
import java.util.SplittableRandom;
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

import mgc.runtime.kernel.Kernels;

/**
 * Whether a small contraction inside a loop-kernel model would be faster as per-example code (what a per-op split
 * would emit for it) than as a kernel call over the tile: {@code h[t,:] = x[t,:] W} for a tile of 64 examples,
 * K x N of {@code shape}, x half zeros (relu outputs), W a parameter. "kernel": {@link Kernels#contract} skipping
 * x's zeros, as the loop back end calls it; "per-example": for each example and output, the sum of its K products
 * from -0.0 in ascending order, the definition itself with constant bounds (C2 unrolls the inner loop), results
 * kept in the tile's buffer as any step of a loop model keeps them. The figures are in {@code Partitioner}'s
 * documentation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SmallContractionBenchmark {

    static final int TILE = 64;

    @State(Scope.Thread)
    public static class Tile {
        @Param({"2x2", "16x1", "2x16", "16x10", "16x16", "32x32"})
        public String shape;
        @Param({"kernel", "per-example"})
        public String impl;

        int k, n;
        double[] x, w, h, work;

        @Setup
        public void setUp() {
            String[] kn = shape.split("x");
            k = Integer.parseInt(kn[0]);
            n = Integer.parseInt(kn[1]);
            SplittableRandom r = new SplittableRandom(7);
            x = new double[TILE * k];
            for (int i = 0; i < x.length; i++) x[i] = r.nextBoolean() ? 0.0 : r.nextDouble();
            w = new double[k * n];
            for (int i = 0; i < w.length; i++) w[i] = r.nextGaussian();
            h = new double[TILE * n];
            work = new double[Kernels.workspaceSize(TILE, 1, k, n)];
        }
    }

    @Benchmark
    public double contract(Tile s) {
        if (s.impl.equals("kernel")) {
            Arrays.fill(s.h, -0.0);
            Kernels.contract(TILE, 1, s.k, s.n, s.x, 0, s.k, 0, 1, s.w, 0, 0, s.n, 1, s.h, 0, s.n, s.n, true, false, s.work, 0);
        } else {
            perExample(s.k, s.n, s.x, s.w, s.h);
        }
        return s.h[s.h.length - 1];
    }

    private static void perExample(int k, int n, double[] x, double[] w, double[] h) {
        for (int t = 0; t < TILE; t++) {
            for (int j = 0; j < n; j++) {
                double acc = -0.0;
                for (int p = 0; p < k; p++) acc += x[t * k + p] * w[p * n + j];
                h[t * n + j] = acc;
            }
        }
    }
}
