package mgc.compiler.opt;

import static mgc.compiler.opt.Snippets.assertRewrites;
import static org.junit.jupiter.api.Assertions.assertEquals;

import mgc.compiler.diff.Differentiator;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.Op;
import org.junit.jupiter.api.Test;

class ValueNumberingTest {
    private static final String PASS = "gvn";

    @Test
    void formsThatComputeTheSameBitsMeet() {
        // x + x and x * 2 are one node after the pass
        assertRewrites("mul(mul(p[0], 2.0), mul(p[0], 2.0))", PASS,
                g -> g.mul(g.add(g.param(0), g.param(0)), g.mul(g.param(0), g.constant(2.0))));
        assertRewrites("sub(mul(p[0], -3.0), mul(p[0], -3.0))", PASS,
                g -> g.sub(g.neg(g.mul(g.param(0), g.constant(3.0))), g.mul(g.param(0), g.constant(-3.0))));
        assertRewrites("mul(p[1], -3.0)", PASS, g -> g.mul(g.neg(g.param(1)), g.constant(3.0)));
        assertRewrites("add(p[1], -0.5)", PASS, g -> g.sub(g.param(1), g.constant(0.5)));
    }

    @Test
    void theBackwardPassReusesForwardValues() {
        // softplus' derivative is sigmoid(x), tanh's is 1 - tanh(x)^2, exp's is exp(x): all already in the forward graph
        Graph forward = Snippets.graph(g -> {
            int x = g.mul(g.param(0), g.input(0));
            return g.add(g.add(g.unary(Op.SOFTPLUS, x), g.unary(Op.SIGMOID, x)), g.add(g.unary(Op.TANH, x), g.unary(Op.EXP, x)));
        });
        Graph optimised = Pipeline.run(Differentiator.reverse(forward, false), PassOptions.DEFAULT.withVerify(true)).graph();
        int[] counts = optimised.opCounts();
        assertEquals(1, counts[Op.SIGMOID.ordinal()]);
        assertEquals(1, counts[Op.TANH.ordinal()]);
        assertEquals(1, counts[Op.EXP.ordinal()]);
        assertEquals(1, counts[Op.INPUT.ordinal()]);
        // and the tanh network's backward graph computes no tanh of its own
        Graph tanhForward = MlpModels.tanh64();
        Graph tanhOptimised = Pipeline.run(Differentiator.reverse(tanhForward, false), PassOptions.DEFAULT).graph();
        assertEquals(tanhForward.opCounts()[Op.TANH.ordinal()], tanhOptimised.opCounts()[Op.TANH.ordinal()]);
    }
}
