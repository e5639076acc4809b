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
     * Multiply-adds per example of one contraction from which loops win. Measured here (bench/, JDK 17):
     * moons (largest 16x16 = 256) is fastest unrolled; a 64x64 layer (4,096) is already faster as loops.
     */
    public static final long LOOP_THRESHOLD = 4096;

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
