package mgc.compiler.opt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.Output;
import mgc.compiler.ir.OutputKind;
import org.junit.jupiter.api.Test;

class PipelineTest {
    private final Graph joint = Equivalence.randomJoint(42, 20, false);

    @Test
    void passesAreOneOrderedListOfUniqueNames() {
        assertEquals(List.of("fold", "fuse-masks", "simplify", "gvn", "deadcode"), Pipeline.passNames());
        assertEquals(Set.copyOf(Pipeline.passNames()).size(), Pipeline.passNames().size());
        for (String name : Pipeline.passNames()) assertEquals(name, Pipeline.pass(name).name());
    }

    @Test
    void unknownPassNamesAreRejectedWithTheValidOnes() {
        var disabled = assertThrows(IllegalArgumentException.class,
                () -> Pipeline.run(joint, PassOptions.DEFAULT.withDisabled(Set.of("cse"))));
        assertEquals("unknown pass 'cse'; valid passes: tensor-simplify, tensor-cse, tensor-deadcode, tensor-group, fold, fuse-masks, simplify, gvn, deadcode", disabled.getMessage());
        var after = assertThrows(IllegalArgumentException.class,
                () -> Pipeline.run(joint, PassOptions.DEFAULT.withStopAfter("dce")));
        assertTrue(after.getMessage().contains("fold, fuse-masks, simplify, gvn, deadcode"), after.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PassOptions.DEFAULT.withLevel(1));
    }

    @Test
    void levelZeroRunsNothing() {
        PipelineResult r = Pipeline.run(joint, PassOptions.DEFAULT.withLevel(0));
        assertSame(joint, r.graph());
        assertEquals(List.of(), r.stats());
    }

    @Test
    void statsFollowTheNodeCountsFromPassToPass() {
        PipelineResult r = Pipeline.run(joint, PassOptions.DEFAULT.withVerify(true));
        assertEquals(Pipeline.passNames(), r.stats().stream().map(PassStat::pass).toList());
        assertEquals(joint.size(), r.stats().get(0).nodesBefore());
        for (int i = 1; i < r.stats().size(); i++) assertEquals(r.stats().get(i - 1).nodesAfter(), r.stats().get(i).nodesBefore());
        assertEquals(r.graph().size(), r.stats().get(r.stats().size() - 1).nodesAfter());
        assertTrue(r.formatStats().startsWith("fold "), r.formatStats());
    }

    @Test
    void stopAfterEndsTheListAtTheNamedPass() {
        PipelineResult r = Pipeline.run(joint, PassOptions.DEFAULT.withStopAfter("simplify"));
        assertEquals(List.of("fold", "fuse-masks", "simplify"), r.stats().stream().map(PassStat::pass).toList());
    }

    @Test
    void aDisabledPassIsSkipped() {
        PipelineResult r = Pipeline.run(joint, PassOptions.DEFAULT.withDisabled(Set.of("deadcode")));
        assertEquals(List.of("fold", "fuse-masks", "simplify", "gvn"), r.stats().stream().map(PassStat::pass).toList());
        assertTrue(r.graph().size() > Pipeline.run(joint, PassOptions.DEFAULT).graph().size());
        // stopping after a disabled pass still stops there
        assertEquals(List.of("fold", "fuse-masks"), Pipeline.run(joint, new PassOptions(2, Set.of("simplify"), false, "simplify", true))
                .stats().stream().map(PassStat::pass).toList());
    }

    @Test
    void verificationNamesThePassThatBrokeAnInvariant() {
        Pass broken = new Pass() {
            @Override public String name() { return "broken"; }
            @Override public Graph run(Graph g, PassOptions o) {
                List<Output> outputs = new java.util.ArrayList<>(g.outputs());
                outputs.add(g.output(OutputKind.LOSS));
                return g.withOutputs(outputs);
            }
        };
        List<Pass> passes = List.of(Pipeline.pass("fold"), broken, Pipeline.pass("deadcode"));
        var e = assertThrows(IllegalStateException.class, () -> Pipeline.run(joint, PassOptions.DEFAULT.withVerify(true), passes));
        assertTrue(e.getMessage().contains("after broken") && e.getMessage().contains("expected one loss output, found 2"), e.getMessage());
        assertEquals(3, Pipeline.run(joint, PassOptions.DEFAULT, passes).stats().size()); // unverified, it goes through
    }
}
