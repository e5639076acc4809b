package mgc.compiler;

import mgc.compiler.tensor.Prim;
import mgc.compiler.tensor.TGraph;
import mgc.compiler.tensor.TNode;

/**
 * Chooses the back end of a model by the size of its tensor work. The choice is per model, not per op
 * (a mixed class, straight-line regions between kernels, is not built yet): a model whose largest
 * contraction reaches {@link #LOOP_THRESHOLD} multiply-adds per example goes to loop kernels, smaller
 * ones stay unrolled, where straight-line code with no loop overhead wins.
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

    public static Backend choose(TGraph forward, Backend.Choice choice) {
        return switch (choice) {
            case LOOPS -> Backend.LOOPS;
            case UNROLLED -> Backend.UNROLLED;
            case AUTO -> largestContraction(forward) >= LOOP_THRESHOLD ? Backend.LOOPS : Backend.UNROLLED;
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
