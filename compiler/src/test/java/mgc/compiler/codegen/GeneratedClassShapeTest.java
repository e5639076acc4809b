package mgc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
