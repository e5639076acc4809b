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

    @Test
    void summaryLineHasTheDocumentedForm() {
        Graph f = ModelGraphs.mlp("tanh", new int[]{3, 8, 8, 1}, Op.TANH, ModelGraphs.Loss.SQUARED);
        GradientCheck.Result r = GradientCheck.run(f, Differentiator.reverse(f, false), new GradientCheck.Options(2, 9, 1e-6),
                ValueSource.around(ModelGraphs.initialParams(f.signature(), 9)));
        assertTrue(r.summary().matches("max relative error: \\d\\.\\d\\de[-+]\\d\\d over 226 gradients at 2 points"), r.summary());
        assertEquals(2 * 226, r.compared() + r.skipped());
    }

    @Test
    void suppliedExamplesAreUsedInTurn() {
        Graph f = ModelGraphs.moons();
        double[][] xs = {{0.5, -0.25}, {-1.0, 0.75}};
        double[][] ys = {{1.0}, {-1.0}};
        List<double[]> seen = new ArrayList<>();
        ModelEvaluator interpreted = ModelEvaluator.interpreted(f, Differentiator.reverse(f, false));
        ModelEvaluator recording = new ModelEvaluator() {
            @Override public Evaluation evaluate(double[] params, double[] inputs, double[] targets) {
                seen.add(inputs.clone());
                return interpreted.evaluate(params, inputs, targets);
            }
            @Override public double loss(double[] params, double[] inputs, double[] targets) {
                return interpreted.loss(params, inputs, targets);
            }
            @Override public double penalty(double[] params) { return interpreted.penalty(params); }
        };
        GradientCheck.Result r = GradientCheck.run(f, new GradientCheck.Options(3, 2, 1e-6),
                ValueSource.examples(ModelGraphs.initialParams(f.signature(), 2), xs, ys), recording);
        assertTrue(r.passed(), r.summary());
        assertEquals(3, seen.size());
        assertTrue(java.util.Arrays.equals(xs[0], seen.get(0)) && java.util.Arrays.equals(xs[1], seen.get(1))
                && java.util.Arrays.equals(xs[0], seen.get(2)));
    }

    /** A pluggable evaluator (as compiled code would be) whose penalty gradient has two elements swapped. */
    @Test
    void aPluggedEvaluatorWithSwappedGradientElementsFails() {
        Graph f = ModelGraphs.mlp("softplus", new int[]{2, 3, 1}, Op.SOFTPLUS, ModelGraphs.Loss.SQUARED);
        ModelEvaluator good = ModelEvaluator.interpreted(f, Differentiator.reverse(f, false));
        ModelEvaluator swapped = new ModelEvaluator() {
            @Override public Evaluation evaluate(double[] params, double[] inputs, double[] targets) {
                Evaluation e = good.evaluate(params, inputs, targets);
                double[] gp = e.penaltyGradient().clone();
                double t = gp[0];
                gp[0] = gp[1];
                gp[1] = t;
                return new Evaluation(e.loss(), e.penalty(), e.lossGradient(), gp);
            }
            @Override public double loss(double[] params, double[] inputs, double[] targets) { return good.loss(params, inputs, targets); }
            @Override public double penalty(double[] params) { return good.penalty(params); }
        };
        GradientCheck.Options options = new GradientCheck.Options(2, 5, 1e-6);
        ValueSource source = ValueSource.around(ModelGraphs.initialParams(f.signature(), 5));
        assertTrue(GradientCheck.run(f, options, source, good).passed());
        GradientCheck.Result r = GradientCheck.run(f, options, source, swapped);
        assertFalse(r.passed(), r.summary());
        assertTrue(r.worst().get(0).name().startsWith("grad_penalty W1[0,"), r.worst().get(0).toString());
        assertTrue(r.maxRelativeError() > 0.01, r.summary());
    }

    /** Elements whose differences cross a kink are skipped, not compared. */
    @Test
    void differencesAcrossAKinkAreSkipped() {
        // loss = |p[0] - x[0]|, x[0] supplied within a step of the point's p[0], so its differences straddle the kink
        GraphBuilder g = new GraphBuilder(ModelGraphs.moons().signature());
        int p = g.param(0);
        int loss = g.unary(Op.ABS, g.sub(p, g.input(0)));
        for (int i = 1; i < g.signature().paramSize(); i++) g.param(i);
        g.output(OutputKind.OUTPUT, "score", 0, loss);
        g.output(OutputKind.LOSS, "", -1, loss);
        g.output(OutputKind.PENALTY, "", -1, g.constant(0.0));
        Graph f = g.build();
        double[] init = new double[f.signature().paramSize()];
        // the check's seeded stream perturbs p[0] first
        double v = init[0] + new java.util.SplittableRandom(7).nextDouble(-0.1, 0.1);
        GradientCheck.Result r = GradientCheck.run(f, Differentiator.reverse(f, false), new GradientCheck.Options(1, 7, 1e-6),
                ValueSource.examples(init, new double[][]{{v + 1e-4, 0}}, new double[][]{{0}}));
        assertTrue(r.passed(), r.summary());
        assertEquals(1, r.skipped(), "grad p[0] straddles |p - x|'s kink");
    }

    @Test
    void aLargeNetworkIsCheckedOnASampleOfElements() {
        Graph f = ModelGraphs.mlp("tanh64", new int[]{64, 64, 64, 1}, Op.TANH, ModelGraphs.Loss.SQUARED);
        GradientCheck.Result r = GradientCheck.run(f, Differentiator.reverse(f, false), new GradientCheck.Options(1, 3, 1e-6, 12),
                ValueSource.around(ModelGraphs.initialParams(f.signature(), 3)));
        System.out.println("tanh64: " + r.summary());
        assertTrue(r.passed(), r.summary());
        assertEquals(24, r.gradients());
        assertEquals(24, r.compared() + r.skipped());
    }
}
