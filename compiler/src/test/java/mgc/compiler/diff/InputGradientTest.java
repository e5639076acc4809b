package mgc.compiler.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.List;
import java.util.SplittableRandom;
import mgc.compiler.check.Branches;
import mgc.compiler.check.CentralDifference;
import mgc.compiler.check.GradientCheck;
import mgc.compiler.interp.Interpreter;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.Output;
import mgc.compiler.ir.OutputKind;
import mgc.compiler.ir.Verifier;
import mgc.compiler.testing.ComparedCases;
import mgc.compiler.testing.ModelGraphs;
import mgc.compiler.testing.RandomGraphs;
import org.junit.jupiter.api.Test;

/** {@code reverse(forward, true)}: d loss / d input, against central differences of the loss in the inputs. */
class InputGradientTest {

    /** Checks every grad_input element at one example; returns how many were compared (not straddling a kink). */
    private static int check(Graph forward, double[] params, double[] inputs, double[] targets) {
        Graph joint = Differentiator.reverse(forward, true);
        Verifier.verify(joint, "reverse with input gradients");
        List<Output> grads = joint.outputs(OutputKind.GRAD_INPUT);
        assertEquals(forward.signature().inputSize(), grads.size());
        int loss = forward.output(OutputKind.LOSS).node();
        boolean[] cone = Branches.cone(forward, loss);
        double[] center = Interpreter.run(joint, params, inputs, targets, null);
        Graph plain = Differentiator.reverse(forward, false);
        double[] plainValues = Interpreter.run(plain, params, inputs, targets, null);
        List<Output> others = joint.outputs().subList(0, joint.outputs().size() - grads.size());
        assertEquals(plain.outputs().size(), others.size());
        for (int k = 0; k < others.size(); k++) {
            assertEquals(plainValues[plain.outputs().get(k).node()], center[others.get(k).node()], "the other outputs do not change");
        }
        int compared = 0;
        for (Output o : grads) {
            double[] at = CentralDifference.points(inputs[o.element()]);
            double[] losses = new double[at.length];
            boolean smooth = true;
            for (int s = 0; s < at.length; s++) {
                double[] x = inputs.clone();
                x[o.element()] = at[s];
                double[] v = Interpreter.run(forward, params, x, targets, null);
                smooth &= Branches.same(forward, cone, center, v);
                losses[s] = v[loss];
            }
            if (!smooth) continue;
            CentralDifference.Estimate numeric = CentralDifference.estimate(at, losses);
            double e = GradientCheck.relativeError(center[o.node()], numeric);
            assertTrue(e <= 1e-6, () -> o.label() + " = " + center[o.node()] + ", numeric " + numeric + "\n" + forward);
            compared++;
        }
        return compared;
    }

    @Test
    void randomGraphInputGradientsMatchCentralDifferences() {
        ComparedCases count = new ComparedCases("input gradients vs central differences");
        qt().withExamples(200).forAll(longs().all(), integers().between(1, 40)).checkAssert((seed, size) -> {
            SplittableRandom r = new SplittableRandom(seed);
            int compared = check(RandomGraphs.generate(seed, size, true), DerivativePropertiesTest.uniform(r, RandomGraphs.PARAMS),
                    DerivativePropertiesTest.uniform(r, RandomGraphs.INPUTS), DerivativePropertiesTest.uniform(r, 1));
            count.record(compared, RandomGraphs.INPUTS - compared);
        });
        count.assertComparedAtLeast(DerivativePropertiesTest.MIN_GUARDED);
    }

    @Test
    void moonsInputGradientsMatchCentralDifferences() {
        Graph f = ModelGraphs.moons();
        SplittableRandom r = new SplittableRandom(11);
        int compared = 0;
        for (int k = 0; k < 20; k++) {
            double[] params = ModelGraphs.initialParams(f.signature(), k);
            compared += check(f, params, DerivativePropertiesTest.uniform(r, 2), new double[]{k % 2 == 0 ? 1 : -1});
        }
        assertTrue(compared >= 30, "compared " + compared);
    }
}
