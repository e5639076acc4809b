package mgc.compiler.opt;

import java.util.ArrayList;
import java.util.List;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.Verifier;

/**
 * The optimiser: one ordered list of named passes, run over the joint (forward + backward) IR.
 * Every rewrite is exact — the same bits for every input, NaN, infinities and signed zeros
 * included (any NaN counting as any other) — unless {@link PassOptions#fastMath} allows more.
 */
public final class Pipeline {
    private Pipeline() {}

    /** The whole optimiser, in order. Read it like Go's SSA {@code passes} table. */
    public static final List<Pass> PASSES = List.of(
            new ConstantFold(),    // what value classes decide: 1 + exp(x) > 0, selects and masks on such tests, pow(x, 0)
            new FuseMasks(),       // select(gt(x,0), a, 0) -> maskpos(x, a); the abs pattern -> signmul
            new Simplify(),        // exact algebra: x*0, x+0, x-x (when the operand allows), powc 2/3 -> products, dmul -> mul
            new ValueNumbering(),  // one node per value, across forward and backward: canonical forms, then hash-consing
            new DeadCode());       // only what reaches an output survives; renumbered in topological order

    /** The names of the passes, in order. */
    public static List<String> passNames() {
        List<String> names = new ArrayList<>();
        for (Pass p : PASSES) names.add(p.name());
        return names;
    }

    /**
     * Runs the passes {@code o} asks for over {@code joint}.
     *
     * @throws IllegalArgumentException when a disabled or stop-after name is not a pass
     * @throws IllegalStateException when verification is on and a pass breaks an IR invariant
     */
    public static PipelineResult run(Graph joint, PassOptions o) {
        for (String name : o.disabled()) checkName(name);
        if (o.stopAfter() != null) checkName(o.stopAfter());
        // the list stopped at a tensor pass, before any of these
        if (TensorPipeline.passNames().contains(o.stopAfter())) return new PipelineResult(joint, List.of());
        return run(joint, o, PASSES);
    }

    /** Runs {@code passes} as the pipeline would (tests hand it passes of their own). */
    static PipelineResult run(Graph joint, PassOptions o, List<Pass> passes) {
        List<PassStat> stats = new ArrayList<>();
        Graph g = joint;
        if (o.level() == 0) return new PipelineResult(g, stats);
        for (Pass pass : passes) {
            if (!o.disabled().contains(pass.name())) {
                long t0 = System.nanoTime();
                Graph next = pass.run(g, o);
                stats.add(new PassStat(pass.name(), g.size(), next.size(), System.nanoTime() - t0));
                if (o.verify()) Verifier.verify(next, pass.name());
                g = next;
            }
            if (pass.name().equals(o.stopAfter())) break;
        }
        return new PipelineResult(g, stats);
    }

    /** The pass called {@code name}, or an error listing the valid names. */
    public static Pass pass(String name) {
        checkName(name);
        if (!passNames().contains(name)) throw new IllegalArgumentException("'" + name + "' is a tensor pass");
        return PASSES.get(passNames().indexOf(name));
    }

    /** Fails unless {@code name} is a pass of the optimiser, tensor-level or scalar. */
    static void checkName(String name) {
        List<String> all = TensorPipeline.allPassNames();
        if (!all.contains(name)) {
            throw new IllegalArgumentException("unknown pass '" + name + "'; valid passes: " + String.join(", ", all));
        }
    }
}
