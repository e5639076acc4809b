package mgc.compiler.opt;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;


import mgc.compiler.diff.Differentiator;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.Verifier;
import org.junit.jupiter.api.Test;

/**
 * The optimiser's contract, on random graphs (guarded ones, and wild ones full of NaN and
 * infinities, with leaves at ±0 and ±1e308): the optimised joint IR computes every output and
 * every gradient with the same bits as the unoptimised one (any NaN matching any NaN); each pass
 * alone does too; the verifier accepts the graph after every pass. With fast-math, guarded graphs
 * stay within {@link #FAST_MATH_BOUND}.
 */
class OptimisedEqualsUnoptimisedTest {
    /** Relative error (of max(1, |value|)) allowed with fast-math on guarded graphs. */
    static final double FAST_MATH_BOUND = 1e-9;

    private static final PassOptions VERIFIED = PassOptions.DEFAULT.withVerify(true);

    @Test
    void optimisedJointIrMatchesUnoptimisedBitForBit() {
        qt().withExamples(300).forAll(longs().all(), integers().between(1, 30), booleans().all())
                .checkAssert((seed, ops, guarded) -> {
                    Graph joint = Equivalence.randomJoint(seed, ops, guarded);
                    Graph optimised = Pipeline.run(joint, VERIFIED).graph();
                    Equivalence.assertSameBits(joint, optimised, seed, 6, true, "seed " + seed + " ops " + ops + " guarded " + guarded);
                });
    }

    @Test
    void optimisedPatternDenseGraphsMatchBitForBit() {
        qt().withExamples(300).forAll(longs().all(), integers().between(1, 40), booleans().all())
                .checkAssert((seed, ops, secondOrder) -> {
                    Graph forward = PatternGraphs.generate(seed, ops);
                    Graph joint = secondOrder ? Differentiator.hvp(forward) : Differentiator.reverse(forward, true);
                    Graph optimised = Pipeline.run(joint, VERIFIED).graph();
                    Equivalence.assertSameBits(joint, optimised, seed, 6, true, "patterns seed " + seed + " ops " + ops);
                });
    }

    @Test
    void eachPassAlonePreservesValuesAndInvariants() {
        // the boolean picks a wild random graph or a pattern-dense one
        int passes = Pipeline.PASSES.size();
        qt().withExamples(300).forAll(longs().all(), integers().between(1, 30), booleans().all(), integers().between(0, passes - 1))
                .checkAssert((seed, ops, guarded, index) -> {
                    Pass pass = Pipeline.PASSES.get(index);
                    Graph joint = guarded ? Equivalence.randomJoint(seed, ops, false) : Differentiator.reverse(PatternGraphs.generate(seed, ops), true);
                    Graph after = pass.run(joint, PassOptions.DEFAULT);
                    Verifier.verify(after, pass.name());
                    Equivalence.assertSameBits(joint, after, seed, 6, true, pass.name() + " seed " + seed + " ops " + ops);
                });
    }

    @Test
    void optimisingAgainNeverGrowsTheGraphAndKeepsItsValues() {
        // passes run once each, in order: a late pass can expose work for an earlier one (gvn merging
        // the operands of le(a, b)), so a second run may still shrink the graph, never grow it
        qt().withExamples(100).forAll(longs().all(), integers().between(1, 30), booleans().all())
                .checkAssert((seed, ops, guarded) -> {
                    Graph joint = guarded ? Equivalence.randomJoint(seed, ops, false) : Differentiator.reverse(PatternGraphs.generate(seed, ops), true);
                    Graph once = Pipeline.run(joint, VERIFIED).graph();
                    Graph twice = Pipeline.run(once, VERIFIED).graph();
                    assertTrue(twice.size() <= once.size(), "seed " + seed);
                    Equivalence.assertSameBits(joint, twice, seed, 6, true, "twice seed " + seed + " ops " + ops);
                });
    }

    @Test
    void fastMathStaysWithinItsBoundOnGuardedGraphs() {
        PassOptions fast = VERIFIED.withFastMath(true);
        qt().withExamples(300).forAll(longs().all(), integers().between(1, 30))
                .checkAssert((seed, ops) -> {
                    Graph joint = Equivalence.randomJoint(seed, ops, true);
                    Graph optimised = Pipeline.run(joint, fast).graph();
                    Equivalence.assertClose(joint, optimised, seed, 6, FAST_MATH_BOUND, "fast-math seed " + seed + " ops " + ops);
                });
    }
}
