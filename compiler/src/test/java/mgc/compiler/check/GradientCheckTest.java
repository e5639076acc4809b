package mgc.compiler.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import mgc.compiler.diff.Differentiator;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.GraphBuilder;
import mgc.compiler.ir.Op;
import mgc.compiler.ir.Output;
import mgc.compiler.ir.OutputKind;
import mgc.compiler.testing.ModelGraphs;
import org.junit.jupiter.api.Test;

class GradientCheckTest {

    private static GradientCheck.Result check(Graph forward, Graph joint, long seed) {
        GradientCheck.Result r = GradientCheck.run(forward, joint, GradientCheck.Options.defaults(),
                ValueSource.around(ModelGraphs.initialParams(forward.signature(), seed)));
        System.out.println(forward.signature().modelName() + ": " + r.summary() + " (" + r.compared() + " compared, "
                + r.skipped() + " skipped)");
        r.worst().stream().limit(3).forEach(m -> System.out.println("  " + m));
        return r;
    }

    @Test
    void moonsPassesAtTheDefaultTolerance() {
        Graph f = ModelGraphs.moons();
        GradientCheck.Result r = check(f, Differentiator.reverse(f, false), 3);
        assertTrue(r.passed(), r.summary());
        assertEquals(674, r.gradients());
        assertTrue(r.compared() > r.skipped());
    }

    @Test
    void smoothTanhNetworkPassesAtTheDefaultTolerance() {
        Graph f = ModelGraphs.mlp("tanh", new int[]{3, 8, 8, 1}, Op.TANH, ModelGraphs.Loss.SQUARED);
        GradientCheck.Result r = check(f, Differentiator.reverse(f, false), 4);
        assertTrue(r.passed(), r.summary());
        assertEquals(0, r.skipped());
    }

    @Test
    void transcendentalModelPassesAtTheDefaultTolerance() {
        Graph f = ModelGraphs.mlp("softplus", new int[]{2, 6, 1}, Op.SOFTPLUS, ModelGraphs.Loss.SQUARED);
        GradientCheck.Result r = check(f, Differentiator.reverse(f, false), 5);
        assertTrue(r.passed(), r.summary());
    }

    @Test
    void aSlightlyWrongGradientFails() {
        Graph f = ModelGraphs.mlp("tanh", new int[]{3, 8, 8, 1}, Op.TANH, ModelGraphs.Loss.SQUARED);
        Graph joint = Differentiator.reverse(f, false);
        // grad W1[0,0] times (1 + 1e-5): a bug ten times the tolerance
        GraphBuilder g = GraphBuilder.extending(joint);
        List<Output> outs = new ArrayList<>();
        for (Output o : joint.outputs()) {
            boolean victim = o.kind() == OutputKind.GRAD && o.element() == 0;
            outs.add(victim ? o.withNode(g.mul(o.node(), g.constant(1 + 1e-5))) : o);
        }
        for (Output o : outs) g.output(o);
        GradientCheck.Result r = check(f, g.build(), 4);
        assertFalse(r.passed(), r.summary());
        assertEquals("grad W1[0,0]", r.worst().get(0).name());
        assertTrue(r.maxRelativeError() > 9e-6 && r.maxRelativeError() < 1.1e-5, r.summary());
    }
}
