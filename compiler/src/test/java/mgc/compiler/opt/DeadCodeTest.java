package mgc.compiler.opt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import mgc.compiler.diff.Differentiator;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.Op;
import mgc.compiler.ir.Verifier;
import org.junit.jupiter.api.Test;

class DeadCodeTest {
    private static final Pass DEADCODE = Pipeline.pass("deadcode");

    @Test
    void nodesAndLeavesNoOutputReadsAreRemovedAndTheRestRenumberedInOrder() {
        Graph g = Snippets.graph(b -> {
            b.unary(Op.EXP, b.param(3));                 // dead, and so is p[3]
            b.mul(b.input(1), b.constant(5.0));          // dead
            return b.add(b.param(1), b.input(0));
        });
        Graph after = DEADCODE.run(g, PassOptions.DEFAULT);
        Verifier.verify(after, "deadcode");
        assertEquals("%0 = param p[1]\n%1 = input x[0]\n%2 = add %0 %1\n%3 = param p[0]\n"
                + "output out = %2\nloss = %2\npenalty = %3\n", after.toString());
        Equivalence.assertSameBits(g, after, 1, 20, true, "deadcode");
    }

    @Test
    void everySurvivorReachesAnOutput() {
        Graph joint = Differentiator.reverse(MlpModels.moons(), false);
        Graph after = DEADCODE.run(joint, PassOptions.DEFAULT);
        boolean[] live = DeadCode.liveNodes(after);
        for (int n = 0; n < after.size(); n++) assertTrue(live[n], "%" + n + " is dead");
        // reverse mode builds adjoints only for nodes that depend on a parameter, so nothing is dead
        assertEquals(joint.size(), after.size());
        assertEquals(after.size(), Pipeline.run(joint, PassOptions.DEFAULT.withStopAfter("deadcode")
                .withDisabled(java.util.Set.of("fold", "simplify", "fuse-masks", "gvn"))).graph().size());
    }
}
