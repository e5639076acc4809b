package mgc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import mgc.compiler.Compilation;
import mgc.compiler.CompileOptions;
import mgc.compiler.Compiler;
import mgc.compiler.front.Source;
import mgc.runtime.CompiledModel;
import org.junit.jupiter.api.Test;

/**
 * Regression (found by PipelineFuzzTest): when thousands of outputs share one node — every weight's
 * gradient is the same input, or a model has no penalty so every penalty gradient is the constant 0
 * — no split could keep the one statement storing them all under the method budget.
 */
class WideFanOutTest {

    private static void compilesUnderBudgetAndMatchesTheInterpreter(String source) {
        Compilation c = Compiler.compile(new Source("wide.mg", source), CompileOptions.defaults());
        assertTrue(c.generated().stats().largestMethod() <= 4000, c.generated().stats().toString());
        CompiledModel compiled = c.model(), interpreted = c.interpreted();
        var sig = c.signature();
        SplittableRandom r = new SplittableRandom(3);
        double[] p = new double[sig.paramSize()], x = new double[3 * sig.inputSize()], y = new double[3 * sig.targetSize()];
        for (int i = 0; i < p.length; i++) p[i] = r.nextDouble(-1, 1);
        for (int i = 0; i < x.length; i++) x[i] = r.nextDouble(-1, 1);
        for (int i = 0; i < y.length; i++) y[i] = r.nextDouble(-1, 1);
        double[] g1 = new double[p.length], g2 = new double[p.length];
        assertEquals(interpreted.lossAndGradient(p, x, y, 0, 3, g2, interpreted.newScratch()),
                compiled.lossAndGradient(p, x, y, 0, 3, g1, compiled.newScratch()));
        assertArrayEquals(g2, g1);
        double[] h1 = new double[p.length], h2 = new double[p.length];
        assertEquals(interpreted.penaltyAndGradient(p, h2, null), compiled.penaltyAndGradient(p, h1, compiled.newScratch()));
        assertArrayEquals(h2, h1);
    }

    @Test
    void thousandsOfGradientsEqualToOneInput() {
        compilesUnderBudgetAndMatchesTheInterpreter("input x[2]\ntarget y\nparam w[3000] = 0\nloss = sum(w) * x[0] - y\n");
    }

    @Test
    void aLargeModelWithoutAPenalty() {
        compilesUnderBudgetAndMatchesTheInterpreter("input x[2]\ntarget y\nparam W[40, 2] ~ uniform(-1, 1)\n"
                + "param v[40] = 0.5\nparam u[2000] = 0.1\nloss = (dot(v, tanh(W @ x)) - y)^2 + sum(u) * x[1]\n");
    }
}
