package mgc.compiler.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import mgc.compiler.front.CheckedModel;
import mgc.compiler.front.FrontEnd;
import mgc.compiler.front.Shape;
import mgc.compiler.front.Source;
import mgc.compiler.ir.Op;
import mgc.compiler.ir.OutputKind;
import mgc.compiler.opt.PassOptions;
import mgc.compiler.opt.TensorDeadCode;
import mgc.compiler.opt.TensorGrouping;
import mgc.compiler.opt.TensorPipeline;
import mgc.compiler.opt.TensorSimplify;
import mgc.compiler.opt.TensorValueNumbering;
import org.junit.jupiter.api.Test;

/**
 * The tensor passes: on random models and the examples, the optimised tensor graph (forward and joint,
 * every pass verified, each pass alone and the whole list) computes the same bits as the unoptimised one
 * in the tensor interpreter, on ordinary values and on values with zeros of both signs, infinities and
 * NaN; and each pass does the job it names on a graph where there is one to do.
 */
class TensorPassesTest {
    private static final int EXAMPLES = Integer.getInteger("mgc.examples", 150);

    private static final PassOptions VERIFY = PassOptions.DEFAULT.withVerify(true);

    /** Every pass configuration the property checks: the whole list, and each pass alone. */
    private static List<PassOptions> configurations() {
        List<PassOptions> r = new ArrayList<>(List.of(VERIFY));
        for (String only : TensorPipeline.passNames()) {
            Set<String> off = new java.util.HashSet<>(TensorPipeline.passNames());
            off.remove(only);
            r.add(VERIFY.withDisabled(off));
        }
        return r;
    }

    private static TensorPropertiesTest.Point special(mgc.runtime.ModelSignature sig, SplittableRandom r) {
        double[][] arrays = {new double[sig.paramSize()], new double[sig.inputSize()], new double[sig.targetSize()]};
        double[] odd = {0.0, -0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 1e308, -1e-320};
        for (double[] a : arrays)
            for (int i = 0; i < a.length; i++) a[i] = r.nextInt(4) == 0 ? odd[r.nextInt(odd.length)] : r.nextDouble(-3, 3);
        return new TensorPropertiesTest.Point(arrays[0], arrays[1], arrays[2]);
    }

    /** Each output of {@code opt} equals the same-named output of {@code ref}, bit for bit (any NaN equals any NaN). */
    private static void assertSameBits(TGraph ref, TGraph opt, TensorPropertiesTest.Point p, String what) {
        double[][] a = TInterpreter.run(ref, p.params(), p.inputs(), p.targets(), null);
        double[][] b = TInterpreter.run(opt, p.params(), p.inputs(), p.targets(), null);
        assertEquals(ref.outputs().size(), opt.outputs().size(), what + ": outputs");
        for (int i = 0; i < ref.outputs().size(); i++) {
            TOutput o = ref.outputs().get(i), q = opt.outputs().get(i);
            assertEquals(o.label(), q.label());
            double[] x = a[o.node()], y = b[q.node()];
            assertEquals(x.length, y.length, o.label());
            for (int k = 0; k < x.length; k++) {
                if (!TensorPropertiesTest.same(x[k], y[k])) {
                    fail(what + ": " + o.label() + "[" + k + "] unoptimised " + x[k] + ", optimised " + y[k] + "\n" + ref + "\n---\n" + opt);
                }
            }
        }
    }

    private static void checkAllConfigurations(TGraph g, SplittableRandom r, String what) {
        TensorPropertiesTest.Point ordinary = TensorPropertiesTest.point(g.signature(), r), odd = special(g.signature(), r);
        for (PassOptions o : configurations()) {
            TGraph opt = TensorPipeline.run(g, o).graph();
            assertSameBits(g, opt, ordinary, what + " " + o.disabled());
            assertSameBits(g, opt, odd, what + " " + o.disabled());
        }
    }

    @Test
    void optimisedTensorGraphsComputeTheSameBitsOnRandomModels() {
        AtomicInteger compared = new AtomicInteger();
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            CheckedModel m = TensorPropertiesTest.model(seed);
            if (m == null) return;
            TGraph fwd = TLowering.lower(m);
            SplittableRandom r = new SplittableRandom(seed);
            checkAllConfigurations(fwd, r, "forward");
            checkAllConfigurations(TDifferentiator.reverse(fwd, true), r, "joint");
            compared.incrementAndGet();
        });
        assertTrue(compared.get() >= EXAMPLES / 3, "models compared: " + compared);
    }

    @Test
    void optimisedTensorGraphsComputeTheSameBitsOnTheExamples() throws Exception {
        int compared = 0;
        for (CheckedModel m : TensorPropertiesTest.examples()) {
            TGraph fwd = TLowering.lower(m);
            SplittableRandom r = new SplittableRandom(m.name().hashCode());
            checkAllConfigurations(fwd, r, m.name() + " forward");
            checkAllConfigurations(TDifferentiator.reverse(fwd, false), r, m.name() + " joint");
            compared++;
        }
        assertTrue(compared >= 6, "examples compared: " + compared);
    }

    private static TGraph joint(String src) {
        return TDifferentiator.reverse(TLowering.lower(FrontEnd.check(new Source("t.mg", src))), false);
    }

    private static long live(TGraph g, Prim prim) {
        boolean[] live = g.live();
        long n = 0;
        for (int i = 0; i < g.size(); i++) if (live[i] && g.node(i).prim() == prim) n++;
        return n;
    }

    private static final String MLP = """
            model mlp
            input x[6]
            target y[3]
            param W1[8, 6] ~ xavier
            param b1[8] = 0
            param W2[3, 8] ~ xavier
            h = relu(W1 @ x + b1)
            logits = W2 @ h
            output logits
            loss = mean((logits - y)^2) + 0.01 * sum(W1 * W1)
            """;

    @Test
    void simplifyReadsBroadcastScalarsAsScalarsAndRemovesTheBroadcasts() {
        TGraph g = joint(MLP);
        TGraph s = new TensorDeadCode().run(new TensorSimplify().run(g));
        assertTrue(live(g, Prim.BROADCAST) > 0, "the joint graph spreads scalars:\n" + g);
        assertTrue(live(s, Prim.BROADCAST) < live(g, Prim.BROADCAST), "broadcasts left:\n" + s);
        assertTrue(live(s, Prim.MAP) <= live(g, Prim.MAP));
        TVerifier.verify(s, "simplify");
    }

    @Test
    void cseMergesDuplicatedNodes() {
        TBuilder b = new TBuilder(joint(MLP).signature());
        int x = b.leaf(Prim.INPUT, 0, Shape.of(6));
        int e = b.unary(Op.EXP, x);
        b.output(OutputKind.LOSS, "", b.reduce(Op.ADD, e));
        TGraph once = b.build();
        // a hand-made graph that computes exp(x) twice (the builder would never make it)
        List<TNode> nodes = new ArrayList<>(once.nodes());
        TNode exp = once.node(e);
        nodes.add(exp);
        int e2 = nodes.size() - 1;
        nodes.add(new TNode(Prim.MAP, new int[] {e, e2}, exp.shape(), Op.MUL, 0, 0, 0, 0));
        List<TOutput> outs = List.of(new TOutput(OutputKind.LOSS, "", once.outputs().get(0).node()),
                new TOutput(OutputKind.OUTPUT, "y", nodes.size() - 1));
        TGraph twice = new TGraph(nodes, outs, once.signature());
        TGraph merged = new TensorValueNumbering().run(twice);
        assertEquals(twice.size() - 1, merged.size(), merged.toString());
        TNode mul = merged.node(merged.outputs().get(1).node());
        assertEquals(mul.arg(0), mul.arg(1), "exp(x) * exp(x) of one node: " + merged);
    }

    @Test
    void deadCodeKeepsWhatOutputsNeedInOrder() {
        TGraph g = joint(MLP);
        TGraph d = new TensorDeadCode().run(g);
        boolean[] live = g.live();
        int count = 0;
        for (boolean l : live) count += l ? 1 : 0;
        assertEquals(count, d.size());
        assertTrue(d.size() < g.size(), "reverse mode leaves dead nodes to remove");
        for (boolean l : d.live()) assertTrue(l);
        TVerifier.verify(d, "deadcode");
        assertEquals(TPrinter.print(g).lines().count(), TPrinter.print(d).lines().count(), "the same live nodes print");
    }

    @Test
    void groupingPutsAContractionWithTheElementwiseChainItFeeds() {
        // relu(W1 @ x + b1): the pre-activation is read again by relu's derivative, so the group is the
        // contraction and the add; in the forward graph alone it is the contraction, the add and the relu
        TGraph fwd = TLowering.lower(FrontEnd.check(new Source("t.mg", MLP)));
        TGraph grouped = new TensorGrouping().run(new TensorDeadCode().run(fwd));
        TGroups groups = grouped.groups();
        int relu = -1, contraction = -1;
        for (int n = 0; n < grouped.size(); n++) {
            TNode t = grouped.node(n);
            if (t.prim() == Prim.MAP && t.op() == Op.RELU) relu = n;
            if (t.prim() == Prim.CONTRACT && contraction < 0) contraction = n;
        }
        assertTrue(relu >= 0 && contraction >= 0, grouped.toString());
        assertEquals(relu, groups.rootOf(contraction), grouped.toString());
        assertTrue(groups.inlined(contraction));
        assertFalse(groups.inlined(relu));
        assertEquals(relu, groups.rootOf(relu));

        TGraph jointGrouped = TensorPipeline.run(joint(MLP), VERIFY).graph();
        TGroups jg = jointGrouped.groups();
        for (int n = 0; n < jointGrouped.size(); n++) {
            TNode t = jointGrouped.node(n);
            if (t.prim() == Prim.MAP && t.op() == Op.RELU) {
                int pre = t.arg(0);
                assertFalse(jg.inlined(pre), "the pre-activation is used twice, so it is its group's root");
                assertTrue(jg.inlined(jointGrouped.node(pre).arg(0)) || jg.inlined(jointGrouped.node(pre).arg(1)),
                        "its contraction is in its group:\n" + jointGrouped);
            }
        }
        assertTrue(jointGrouped.toString().contains("; group %"), jointGrouped.toString());
    }

    @Test
    void theVerifierRejectsAGroupWhoseRootComesFirst() {
        TGraph g = new TensorDeadCode().run(joint(MLP));
        int[] root = new TensorGrouping().run(g).groups().root();
        int member = -1;
        for (int n = 0; n < root.length && member < 0; n++) if (root[n] > n) member = n;
        assertTrue(member >= 0);
        root[root[member]] = member; // the root now points back before itself
        TGraph bad = g.withGroups(new TGroups(root));
        var e = assertThrows(IllegalStateException.class, () -> TVerifier.verify(bad, "test"));
        assertTrue(e.getMessage().contains("group root"), e.getMessage());
    }

    @Test
    void levelZeroAndStopAfterAreHonoured() {
        TGraph g = joint(MLP);
        assertEquals(g, TensorPipeline.run(g, PassOptions.DEFAULT.withLevel(0)).graph());
        var r = TensorPipeline.run(g, PassOptions.DEFAULT.withStopAfter("tensor-cse"));
        assertEquals(List.of("tensor-simplify", "tensor-cse"), r.stats().stream().map(mgc.compiler.opt.PassStat::pass).toList());
        assertFalse(r.graph().groups().present());
        // a scalar pass's name as the stop: every tensor pass runs
        assertEquals(TensorPipeline.passNames(), TensorPipeline.run(g, PassOptions.DEFAULT.withStopAfter("gvn")).stats().stream()
                .map(mgc.compiler.opt.PassStat::pass).toList());
        var unknown = assertThrows(IllegalArgumentException.class,
                () -> TensorPipeline.run(g, PassOptions.DEFAULT.withDisabled(Set.of("tensor-fuse"))));
        assertTrue(unknown.getMessage().contains("tensor-group"), unknown.getMessage());
        assertNotEquals(g, TensorPipeline.run(g, PassOptions.DEFAULT).graph());
    }
}
