package mgc.compiler.codegen;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.SplittableRandom;
import mgc.compiler.ir.Graph;
import mgc.compiler.testing.RandomGraphs;
import mgc.runtime.CompiledModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Property: for random graphs (guarded and wild) and random points, every hot method of the compiled
 * class returns exactly the interpreter's bits, with one big chunk per group or with many small ones.
 */
class CompiledMatchesInterpreterTest {

    private static void check(long seed, int ops, boolean guarded, CodegenOptions options) {
        // zero regions are skipped exactly only for finite leaves; wild points have NaN and infinities
        options = options.withSkipZeroRegions(guarded);
        Graph joint = CodegenTesting.randomJoint(seed, ops, guarded);
        CompiledModel m = CodegenTesting.compile(joint, options);
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int examples = 1 + r.nextInt(4);
        for (int point = 0; point < 3; point++) {
            double[] params = CodegenTesting.point(r, RandomGraphs.PARAMS, !guarded);
            double[] inputs = CodegenTesting.point(r, RandomGraphs.INPUTS * examples, !guarded);
            double[] targets = CodegenTesting.point(r, examples, !guarded);
            CodegenTesting.assertMatchesInterpreter(joint, m, params, inputs, targets, examples, r);
        }
    }

    @Test
    void smallGraphsInOneChunkPerGroup() {
        qt().withExamples(400).forAll(longs().all(), integers().between(1, 40), booleans().all())
                .checkAssert((seed, ops, guarded) -> check(seed, ops, guarded, CodegenOptions.defaults()));
    }

    @Test
    void graphsSplitIntoManySmallChunks() {
        qt().withExamples(150).forAll(longs().all(), integers().between(20, 400), booleans().all())
                .checkAssert((seed, ops, guarded) -> check(seed, ops, guarded,
                        CodegenOptions.defaults().withMethodBudget(300).withMaxTreeNodes(4)));
    }

    @Test
    void spilledConstantsAndDeepTrees() {
        qt().withExamples(80).forAll(longs().all(), integers().between(20, 200), booleans().all())
                .checkAssert((seed, ops, guarded) -> check(seed, ops, guarded,
                        CodegenOptions.defaults().withMaxPoolDoubles(1).withMaxTreeNodes(64).withMethodBudget(1000)));
    }

    /**
     * Relu MLPs of random widths and budgets: rows of weight gradients skipped where a unit is off
     * (guarded runs, cut short by chunk boundaries), with hinge or squared-error loss.
     */
    @Test
    void reluNetworksWithSkippedGradientRows() {
        qt().withExamples(60).forAll(longs().all(), integers().between(1, 12), integers().between(1, 12), booleans().all())
                .checkAssert((seed, w1, w2, hinge) -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    int in = 1 + r.nextInt(4), out = 1 + r.nextInt(3);
                    Graph joint = TestModels.joint(TestModels.reluMlp(in, new int[]{w1, w2}, out, hinge));
                    int budget = new int[]{300, 1000, 4000}[r.nextInt(3)];
                    CompiledModel m = CodegenTesting.compile(joint, CodegenOptions.defaults().withMethodBudget(budget));
                    int examples = 1 + r.nextInt(4);
                    for (int point = 0; point < 3; point++) {
                        double[] params = CodegenTesting.point(r, joint.signature().paramSize(), false);
                        double[] inputs = CodegenTesting.point(r, in * examples, false);
                        double[] targets = CodegenTesting.point(r, joint.signature().targetSize() * examples, false);
                        CodegenTesting.assertMatchesInterpreter(joint, m, params, inputs, targets, examples, r);
                    }
                });
    }

    @AfterAll
    static void report() {
        System.out.println("NaN results with different payloads: " + CodegenTesting.nanPayloadMismatches);
    }
}
