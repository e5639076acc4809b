package mgc.compiler.diff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import mgc.compiler.ir.Graph;
import mgc.compiler.ir.IrPrinter;
import mgc.compiler.ir.Op;
import mgc.compiler.ir.Verifier;
import mgc.compiler.testing.ModelGraphs;
import org.junit.jupiter.api.Test;

/** The joint graph stays a small multiple of the forward graph on the networks the issue names. */
class NodeCountTest {

    @Test
    void moonsJointIsAtMostThreeTimesForward() {
        Graph f = ModelGraphs.moons();
        Graph j = Differentiator.reverse(f, false);
        Verifier.verify(j, "reverse");
        report("moons 2-16-16-1 relu", f, j);
        System.out.println(IrPrinter.stats(f));
        System.out.println(IrPrinter.stats(j));
        System.out.printf("moons with input gradients: %d nodes; hvp graph: %d nodes%n",
                Differentiator.reverse(f, true).size(), Differentiator.hvp(f).size());
        assertTrue(j.size() <= 3 * f.size(), j.size() + " > 3 * " + f.size());
    }

    @Test
    void tanhMlpJointIsAtMostThreeTimesForward() {
        Graph f = ModelGraphs.mlp("tanh", new int[]{64, 64, 64, 1}, Op.TANH, ModelGraphs.Loss.SQUARED);
        Graph j = Differentiator.reverse(f, false);
        Verifier.verify(j, "reverse");
        report("64-64-64-1 tanh", f, j);
        assertTrue(j.size() <= 3 * f.size(), j.size() + " > 3 * " + f.size());
    }

    private static void report(String what, Graph f, Graph j) {
        System.out.printf("%s: forward %d nodes, joint %d nodes, ratio %.2f%n", what, f.size(), j.size(),
                (double) j.size() / f.size());
    }
}
