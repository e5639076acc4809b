package mgc.compiler.opt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import mgc.compiler.diff.Differentiator;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.IrPrinter;
import mgc.compiler.ir.OutputKind;
import org.junit.jupiter.api.Test;

/**
 * Node counts of the forward graph, the unoptimised joint IR and the optimised joint IR of the two
 * reference networks, printed as a table; the optimised moons joint IR must stay within 2.2 times
 * its forward graph, and the optimised models compute the same bits as the unoptimised ones.
 */
class NodeCountTest {
    @Test
    void optimisedJointIrOfTheReferenceNetworksIsSmallAndExact() {
        StringBuilder table = new StringBuilder(String.format("%-8s %8s %8s %8s %6s %10s %6s %12s%n",
                "model", "forward", "joint", "opt", "ratio", "fast-math", "ratio", "per-example"));
        double moonsRatio = 0;
        for (Graph forward : new Graph[]{MlpModels.moons(), MlpModels.tanh64()}) {
            Graph joint = Differentiator.reverse(forward, false);
            PipelineResult opt = Pipeline.run(joint, PassOptions.DEFAULT.withVerify(true));
            PipelineResult fast = Pipeline.run(joint, PassOptions.DEFAULT.withFastMath(true).withVerify(true));
            double ratio = opt.graph().size() / (double) forward.size();
            String name = forward.signature().modelName();
            if (name.equals("moons")) moonsRatio = ratio;
            table.append(String.format("%-8s %8d %8d %8d %5.2fx %10d %5.2fx %12d%n", name, forward.size(), joint.size(),
                    opt.graph().size(), ratio, fast.graph().size(), fast.graph().size() / (double) forward.size(),
                    perExample(opt.graph())));
            System.out.println(name + " passes:\n" + opt.formatStats() + name + " optimised joint IR:\n" + IrPrinter.stats(opt.graph()));
            Equivalence.assertSameBits(joint, opt.graph(), 3, name.equals("moons") ? 20 : 2, true, name);
            assertEquals(opt.graph().toString(), Pipeline.run(opt.graph(), PassOptions.DEFAULT).graph().toString(), name + " twice");
            Equivalence.assertClose(joint, fast.graph(), 3, 2, OptimisedEqualsUnoptimisedTest.FAST_MATH_BOUND, name + " fast-math");
        }
        System.out.print(table);
        System.out.println("per-example: optimised nodes that the model output, the loss and its gradient need "
                + "(the penalty and its gradient run once per batch)");
        assertTrue(moonsRatio <= 2.2, "moons optimised joint IR is " + moonsRatio + "x its forward graph");
    }

    /** Nodes that the output, the loss and the loss gradient read (not the penalty's). */
    private static int perExample(Graph g) {
        var kinds = java.util.Set.of(OutputKind.OUTPUT, OutputKind.LOSS, OutputKind.GRAD);
        boolean[] live = DeadCode.liveNodes(g.withOutputs(g.outputs().stream().filter(o -> kinds.contains(o.kind())).toList()));
        int n = 0;
        for (boolean b : live) if (b) n++;
        return n;
    }
}
