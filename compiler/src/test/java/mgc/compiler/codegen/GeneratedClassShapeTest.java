package mgc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import mgc.compiler.ir.Graph;
import mgc.runtime.CompiledModel;
import org.junit.jupiter.api.Test;

/** Budgets, verification, big models and accumulation semantics of generated classes. */
class GeneratedClassShapeTest {

    @Test
    void noMethodExceedsTheBudgetAndEveryClassVerifies() {
        Graph joint = CodegenTesting.randomJoint(7, 3000, true);
        for (int budget : new int[]{300, 1000, 4000, 8000}) {
            GeneratedClass gc = CodeGenerator.generate(joint, joint.signature(), CodegenOptions.defaults().withMethodBudget(budget));
            CodegenTesting.assertWithinBudget(gc, budget);
            CodegenTesting.assertVerifies(gc.bytes());
            assertTrue(gc.stats().largestMethod() <= budget);
            if (budget == 300) assertTrue(gc.stats().chunkMethods() > 50, "many chunks: " + gc.stats().chunkMethods());
        }
    }

    @Test
    void bigModelsWithFarIndicesAndSpilledConstants() {
        Graph joint = TestModels.joint(TestModels.wide(40_000));
        CodegenOptions options = CodegenOptions.defaults();
        GeneratedClass gc = CodeGenerator.generate(joint, joint.signature(), options);
        assertTrue(gc.stats().spilledConstants() > 10_000, "spilled " + gc.stats().spilledConstants());
        CodegenTesting.assertWithinBudget(gc, options.methodBudget());
        CompiledModel m = ModelLoader.define(gc, joint.signature());
        SplittableRandom r = new SplittableRandom(3);
        double[] params = CodegenTesting.point(r, 40_000, false);
        CodegenTesting.assertMatchesInterpreter(joint, m, params, new double[]{0.5, -1.5}, new double[]{2.0, 3.0}, 2, r);
    }

    @Test
    void satisfiedHingeSkipsTheWholeBackwardPass() {
        Graph joint = TestModels.joint(TestModels.moons());
        GeneratedClass gc = CodeGenerator.generate(joint, joint.signature(), CodegenOptions.defaults());
        Schedule lg = gc.schedules().get(MethodGroup.LOSS_AND_GRADIENT.ordinal());
        assertTrue(lg.regionStatements() > lg.statementCount() / 2, lg.regionStatements() + " of " + lg.statementCount());
        CompiledModel m = ModelLoader.define(gc, joint.signature());
        // y * score > 1 for the first example (hinge satisfied), < 1 for the second
        SplittableRandom r = new SplittableRandom(2);
        double[] params = CodegenTesting.point(r, joint.signature().paramSize(), false);
        double[] out = new double[2], inputs = {0.3, -0.2, 0.3, -0.2};
        m.forward(params, inputs, 0, 2, out, m.newScratch());
        double[] targets = {2 / out[0], 0.5 / out[1]};
        CodegenTesting.assertMatchesInterpreter(joint, m, params, inputs, targets, 2, r);
        double[] grad = new double[params.length];
        assertEquals(0.0, m.lossAndGradient(params, inputs, targets, 0, 1, grad, m.newScratch()));
        for (double gi : grad) assertEquals(0.0, gi);
    }

    /**
     * With the hinge active, a relu unit that is off zeroes its row of the next weight gradient: the
     * chunk tests the unit's adjoint once and skips the row. Seen through accumulators holding -0.0,
     * which a skipped row leaves as they are and an evaluated one turns into +0.0 (ZeroRegion's rule);
     * every other bit is the interpreter's.
     */
    @Test
    void aReluThatIsOffSkipsItsRowOfTheWeightGradient() {
        Graph joint = TestModels.joint(TestModels.moons());
        GeneratedClass skipping = CodeGenerator.generate(joint, joint.signature(), CodegenOptions.defaults());
        GeneratedClass plain = CodeGenerator.generate(joint, joint.signature(), CodegenOptions.defaults().withSkipZeroRegions(false));
        Schedule lg = skipping.schedules().get(MethodGroup.LOSS_AND_GRADIENT.ordinal());
        int runs = 0;
        for (int st = 0; st < lg.statementCount(); st++) if (lg.runEnd[st] > 0) runs++;
        assertTrue(runs >= 12, "guarded runs: " + runs); // most of the 16 rows of W2's gradient
        Schedule unguarded = plain.schedules().get(MethodGroup.LOSS_AND_GRADIENT.ordinal());
        for (int st = 0; st < unguarded.statementCount(); st++) assertEquals(-1, unguarded.runEnd[st]);

        CompiledModel m = ModelLoader.define(skipping, joint.signature()), p = ModelLoader.define(plain, joint.signature());
        SplittableRandom r = new SplittableRandom(5);
        int differing = 0;
        for (int point = 0; point < 20; point++) {
            double[] params = CodegenTesting.point(r, joint.signature().paramSize(), false);
            double[] inputs = {r.nextDouble(-2, 2), r.nextDouble(-2, 2)}, out = new double[1];
            m.forward(params, inputs, 0, 1, out, m.newScratch());
            double[] targets = {0.5 / out[0]}; // y * score = 0.5: the hinge is active
            CodegenTesting.assertMatchesInterpreter(joint, m, params, inputs, targets, 1, r);
            double[] gm = new double[params.length], gp = new double[params.length];
            Arrays.fill(gm, -0.0);
            Arrays.fill(gp, -0.0);
            assertEquals(p.lossAndGradient(params, inputs, targets, 0, 1, gp, p.newScratch()),
                    m.lossAndGradient(params, inputs, targets, 0, 1, gm, m.newScratch()));
            for (int i = 0; i < gm.length; i++) {
                assertEquals(gp[i], gm[i], 0.0, "gradient " + i); // equal up to the sign of a zero
                if (Double.doubleToRawLongBits(gm[i]) != Double.doubleToRawLongBits(gp[i])) {
                    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(gm[i]), "skipped " + i);
                    differing++;
                }
            }
        }
        assertTrue(differing >= 20 * 8, "elements left at -0.0 by skipped rows: " + differing);
    }

    @Test
    void hiddenModelClassesAreCollectable() throws InterruptedException {
        Graph joint = TestModels.joint(TestModels.moons());
        GeneratedClass gc = CodeGenerator.generate(joint, joint.signature(), CodegenOptions.defaults());
        java.lang.ref.WeakReference<Class<?>> ref = new java.lang.ref.WeakReference<>(ModelLoader.define(gc, joint.signature()).getClass());
        assertTrue(ref.get() != null && ref.get().isHidden());
        for (int i = 0; i < 20 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(null, ref.get(), "the hidden class was not unloaded");
    }

    @Test
    void gradientsAccumulate() {
        Graph joint = TestModels.joint(TestModels.moons());
        CompiledModel m = CodegenTesting.compile(joint, CodegenOptions.defaults());
        SplittableRandom r = new SplittableRandom(11);
        double[] params = CodegenTesting.point(r, m.signature().paramSize(), false);
        double[] inputs = CodegenTesting.point(r, 2 * 20, false);
        double[] targets = new double[20];
        for (int i = 0; i < 20; i++) targets[i] = r.nextBoolean() ? 1 : -1;
        double[] scratch = m.newScratch();
        double[] once = new double[m.signature().paramSize()], twice = new double[once.length];
        // one example per call: the second call adds exactly the same vector (g + g = 2g exactly)
        double l1 = m.lossAndGradient(params, inputs, targets, 4, 5, once, scratch);
        m.lossAndGradient(params, inputs, targets, 4, 5, twice, scratch);
        double l2 = m.lossAndGradient(params, inputs, targets, 4, 5, twice, scratch);
        assertEquals(l1, l2);
        assertTrue(l1 > 0, "the example's hinge is active");
        double[] p1 = new double[once.length], p2 = new double[once.length];
        m.penaltyAndGradient(params, p1, scratch);
        m.penaltyAndGradient(params, p2, scratch);
        m.penaltyAndGradient(params, p2, scratch);
        boolean anyNonZero = false;
        for (int i = 0; i < once.length; i++) {
            assertEquals(2 * once[i], twice[i], "grad " + i);
            assertEquals(2 * p1[i], p2[i], "grad_penalty " + i);
            anyNonZero |= once[i] != 0;
        }
        assertTrue(anyNonZero);
        assertEquals(joint.signature(), m.signature());
        CodegenTesting.assertMatchesInterpreter(joint, m, params, inputs, targets, 20, r);
    }
}
