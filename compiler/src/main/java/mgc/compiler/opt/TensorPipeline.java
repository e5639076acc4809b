package mgc.compiler.opt;

import java.util.ArrayList;
import java.util.List;
import mgc.compiler.tensor.TGraph;
import mgc.compiler.tensor.TVerifier;

/**
 * The tensor-level optimiser: the first half of the one list of passes ({@link #allPassNames()}), run over
 * the tensor graph before it is unrolled (the straight-line back end) or compiled to loop kernels (over the
 * joint graph). Every pass is exact: the optimised graph computes the same bits as its input, which the
 * tensor interpreter checks in the tests.
 */
public final class TensorPipeline {
    private TensorPipeline() {}

    /** The tensor passes, in order. */
    public static final List<TensorPass> PASSES = List.of(
            new TensorSimplify(),        // exact rewrites seen through broadcast scalars
            new TensorValueNumbering(),  // one node per value
            new TensorDeadCode(),        // only what reaches an output; renumbered
            new TensorGrouping());       // elementwise chains with the contraction or reduction feeding them

    public static List<String> passNames() {
        List<String> names = new ArrayList<>();
        for (TensorPass p : PASSES) names.add(p.name());
        return names;
    }

    /** Every pass of the optimiser, tensor passes first, in the order they run. */
    public static List<String> allPassNames() {
        List<String> names = new ArrayList<>(passNames());
        names.addAll(Pipeline.passNames());
        return names;
    }

    /**
     * Runs the tensor passes {@code o} asks for: none at level 0; the named ones skipped; up to
     * {@code o.stopAfter()} when that names a tensor pass (a scalar pass's name runs them all).
     */
    public static TensorResult run(TGraph g, PassOptions o) {
        for (String name : o.disabled()) Pipeline.checkName(name);
        if (o.stopAfter() != null) Pipeline.checkName(o.stopAfter());
        List<PassStat> stats = new ArrayList<>();
        if (o.level() == 0) return new TensorResult(g, stats);
        for (TensorPass pass : PASSES) {
            if (!o.disabled().contains(pass.name())) {
                long t0 = System.nanoTime();
                TGraph next = pass.run(g);
                // live nodes: a rebuilding pass leaves the nodes it replaced for tensor-deadcode
                stats.add(new PassStat(pass.name(), g.liveCount(), next.liveCount(), System.nanoTime() - t0));
                if (o.verify()) TVerifier.verify(next, pass.name());
                g = next;
            }
            if (pass.name().equals(o.stopAfter())) break;
        }
        return new TensorResult(g, stats);
    }

    /** The optimised tensor graph and what each pass did. */
    public record TensorResult(TGraph graph, List<PassStat> stats) {}
}
