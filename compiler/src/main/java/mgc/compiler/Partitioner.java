package mgc.compiler;

import mgc.compiler.tensor.Prim;
import mgc.compiler.tensor.TGraph;
import mgc.compiler.tensor.TNode;

/**
 * Splits a model between the two back ends by the size of its tensor work, in two steps. Per model: a model whose
 * largest contraction reaches {@link #LOOP_THRESHOLD} multiply-adds per example goes to loop kernels; smaller ones
 * stay unrolled, where straight-line code with no loop overhead and no tile buffers wins. Then per op, inside a
 * loop-kernel model: a contraction too small for a kernel call to pay ({@link #perExample}) becomes straight-line
 * code run once per example of the tile. {@code --kernels loops} and {@code unrolled} force one side everywhere.
 */
public final class Partitioner {
    private Partitioner() {}

    /**
     * Multiply-adds per example of one contraction from which loops win. Measured here (bench/, JDK 17, per
     * example against the other back end): moons (largest 16x16 = 256) is fastest unrolled (13 against 78 us
     * per training step); the residual model's 32x32 layers (1,024) are faster as loops (5.8 against 7.1 us,
     * two forks; hand-written 5.2), and so is a 64x64 layer (4,096). Between 256 and 1,024 nothing is measured.
     */
    public static final long LOOP_THRESHOLD = 1024;

    /**
     * Widest row of C (after the loop plan's orientation) that per-example code takes: a row narrower than one
     * AVX-512 vector of doubles leaves the kernel's vector blocks mostly idle.
     */
    public static final int PER_EXAMPLE_MAX_WIDTH = 7;

    /**
     * Most multiply-adds per example that per-example code unrolls, one product after another (about 20 bytes each,
     * 40 with indices past 32,767: well under HotSpot's 8,000-byte limit for JIT compilation). A longer row-vector
     * product (one row of C, m == 1, such as a 256 -> 1 output layer: 15 us per tile of 64 per example against 65 as a
     * kernel call) loops over K instead; other longer ones stay kernel calls.
     */
    public static final int PER_EXAMPLE_MAX_TERMS = 128;

    /**
     * Whether a contraction of a loop-kernel model, C[m,n] += A[m,k] B[k,n] per example, runs as per-example
     * code rather than a kernel call: rows of C at most {@link #PER_EXAMPLE_MAX_WIDTH} wide, and at most
     * {@link #PER_EXAMPLE_MAX_TERMS} products or a single row. Measured (bench/, {@code SmallContractionBenchmark}: a tile of
     * 64 examples, x half zeros times a K x N parameter, JDK 17, vector kernels; us per tile, kernel against
     * per-example): narrow rows go per example, 2x2 1.6 / 0.6, 16x1 4.2 / 1.1, 64x1 15.8 / 4.0, 8x7 6.2 / 4.0,
     * 32x4 12.3 / 7.1, 64x4 25.0 / 13.1; rows of a vector or more stay kernels, 2x16 1.9 / 2.7, 16x10 5.6 / 10.4,
     * 16x16 5.7 / 14.0, 32x32 9.1 / 52.4: once a row fills a vector the kernel's blocks win, however small the
     * contraction.
     */
    public static boolean perExample(int m, int k, int n) {
        return n <= PER_EXAMPLE_MAX_WIDTH && (perExampleUnrolled(m, k, n) || m == 1);
    }

    /** Whether per-example code unrolls every product ({@link #PER_EXAMPLE_MAX_TERMS}) rather than loop over K. */
    public static boolean perExampleUnrolled(int m, int k, int n) {
        return (long) m * k * n <= PER_EXAMPLE_MAX_TERMS;
    }

    public static Backend choose(TGraph forward, Backend.Choice choice) {
        return choose(forward, choice, LOOP_THRESHOLD);
    }

    public static Backend choose(TGraph forward, Backend.Choice choice, long loopThreshold) {
        return switch (choice) {
            case LOOPS -> Backend.LOOPS;
            case UNROLLED -> Backend.UNROLLED;
            case AUTO -> largestContraction(forward) >= loopThreshold ? Backend.LOOPS : Backend.UNROLLED;
        };
    }

    /**
     * Why {@link #choose} picks its back end, in words for {@code mgc bench} and {@code mgc emit --stats}: the flag that
     * forced it, or the largest contraction against the threshold.
     */
    public static String explain(TGraph forward, Backend.Choice choice, long loopThreshold) {
        return switch (choice) {
            case LOOPS -> "--kernels loops";
            case UNROLLED -> "--kernels unrolled";
            case AUTO -> String.format(java.util.Locale.ROOT,
                    "--kernels auto: largest contraction %,d multiply-adds per example, loops from %,d",
                    largestContraction(forward), loopThreshold);
        };
    }

    /** Multiply-adds per example of the largest contraction. */
    public static long largestContraction(TGraph g) {
        long max = 0;
        for (TNode n : g.nodes()) {
            if (n.prim() != Prim.CONTRACT) continue;
            long work = (long) g.node(n.arg(0)).size() * Math.max(1, g.node(n.arg(1)).shape().rank() == 2
                    ? g.node(n.arg(1)).shape().dim(1) : 1);
            max = Math.max(max, work);
        }
        return max;
    }
}
