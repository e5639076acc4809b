package mgc.compiler.diff;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import mgc.compiler.check.Branches;
import mgc.compiler.check.CentralDifference;
import mgc.compiler.check.GradientCheck;
import mgc.compiler.check.ValueSource;
import mgc.compiler.interp.Interpreter;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.GraphBuilder;
import mgc.compiler.ir.Op;
import mgc.compiler.ir.Output;
import mgc.compiler.ir.OutputKind;
import mgc.compiler.ir.Verifier;
import mgc.compiler.testing.RandomGraphs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Properties of first and second derivatives on random guarded graphs (every op, values kept inside
 * each op's domain), checked with QuickTheories: a failing case shrinks towards a small seed and few
 * ops, and {@code -DQT_SEED=...} replays it. Relative errors are {@link GradientCheck#relativeError}.
 */
class DerivativePropertiesTest {
    /** Examples per property; raise with -Dmgc.examples=2000 for a long run. */
    private static final int EXAMPLES = Integer.getInteger("mgc.examples", 200);
    private static final int P = RandomGraphs.PARAMS;

    /**
     * Symbolic derivative against {@link CentralDifference}, as {@link GradientCheck#relativeError}
     * measures it (the discrepancy beyond the numeric derivative's own error estimate, relative to
     * the values): the default tolerance of {@code mgc check}.
     */
    static final double DIFFERENCE_TOL = 1e-6;
    /**
     * Rounding noise of a gradient element, for differences of gradients: a gradient is a sum of
     * products whose terms are O(1) on guarded graphs even when the sum is tiny, so its noise is
     * absolute, a few ulps of 1, rather than relative to its value.
     */
    static final double GRADIENT_NOISE = 16 * Math.ulp(1.0);
    /**
     * Two computations of the same quantity that differ only in the order of float operations
     * (H_ij and H_ji; Hv and H·v; ⟨Ju, w⟩ and ⟨u, Jᵀw⟩), compared relative to
     * max(1, Σ|terms|): each side is itself a sum over paths whose terms are O(1) on guarded graphs
     * even when the sum is tiny, so below 1 its noise is absolute. The worst seen in 20,000 graphs
     * is 2e-14, fifty times below the bound.
     */
    static final double REASSOCIATION_TOL = 1e-12;

    private static final double[] worst = new double[5];

    private static Gen<Long> seeds() { return longs().all(); }

    private static Gen<Integer> sizes() { return integers().between(1, 40); }

    private static void observe(int property, double error) { worst[property] = Math.max(worst[property], error); }

    @AfterAll
    static void printWorst() {
        System.out.printf("worst relative errors: gradient %.2e, hessian %.2e, symmetry %.2e, hvp %.2e, dot product %.2e%n",
                worst[0], worst[1], worst[2], worst[3], worst[4]);
    }

    /** A point of the random graphs' domain drawn from the seed: params, inputs, target, direction. */
    record Point(double[] params, double[] inputs, double[] targets, double[] direction) {
        static Point of(long seed) {
            SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
            return new Point(uniform(r, P), uniform(r, RandomGraphs.INPUTS), uniform(r, 1), uniform(r, P));
        }
    }

    static double[] uniform(SplittableRandom r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextDouble(-1, 1);
        return v;
    }

    @Test
    void gradientsMatchCentralDifferences() {
        qt().withExamples(EXAMPLES).forAll(seeds(), sizes()).checkAssert((seed, size) -> {
            Graph f = RandomGraphs.generate(seed, size, true);
            Graph joint = Differentiator.reverse(f, false);
            Verifier.verify(joint, "reverse");
            GradientCheck.Result r = GradientCheck.run(f, joint, new GradientCheck.Options(2, seed, DIFFERENCE_TOL),
                    ValueSource.around(Point.of(seed).params()));
            observe(0, r.maxRelativeError());
            assertTrue(r.passed(), () -> r.summary() + "\n" + r.worst() + "\n" + f);
        });
    }

    @Test
    void hessianMatchesDifferencesOfGradientsAndIsSymmetric() {
        qt().withExamples(EXAMPLES).forAll(seeds(), sizes()).checkAssert((seed, size) -> {
            Graph f = RandomGraphs.generate(seed, size, true);
            Graph h = Differentiator.hessian(f);
            Verifier.verify(h, "hessian");
            Point pt = Point.of(seed);
            double[] center = Interpreter.run(h, pt.params(), pt.inputs(), pt.targets(), null);
            double[] hess = read(h, OutputKind.HESSIAN, center, P * P);
            boolean[] everything = new boolean[h.size()];
            Arrays.fill(everything, true);
            for (int j = 0; j < P; j++) {
                double[] at = CentralDifference.points(pt.params()[j]);
                double[][] grads = new double[at.length][];
                boolean smooth = true;
                for (int s = 0; s < at.length; s++) {
                    double[] q = pt.params().clone();
                    q[j] = at[s];
                    double[] v = Interpreter.run(h, q, pt.inputs(), pt.targets(), null);
                    smooth &= Branches.same(h, everything, center, v);
                    grads[s] = read(h, OutputKind.GRAD, v, P);
                }
                if (!smooth) continue;
                for (int i = 0; i < P; i++) {
                    final int row = i;
                    double[] column = new double[at.length];
                    for (int s = 0; s < at.length; s++) column[s] = grads[s][i];
                    CentralDifference.Estimate numeric = CentralDifference.estimate(at, column, GRADIENT_NOISE);
                    double e = GradientCheck.relativeError(hess[i * P + j], numeric);
                    observe(1, e);
                    final int col = j;
                    assertTrue(e <= DIFFERENCE_TOL, () -> "H[" + row + "][" + col + "] = " + hess[row * P + col] + ", numeric " + numeric + "\n" + f);
                }
            }
            for (int i = 0; i < P; i++) {
                for (int j = 0; j < i; j++) {
                    double a = hess[i * P + j], b = hess[j * P + i];
                    double e = Math.abs(a - b) / Math.max(1.0, Math.max(Math.abs(a), Math.abs(b)));
                    observe(2, e);
                    final int row = i, col = j;
                    assertTrue(e <= REASSOCIATION_TOL, () -> "H[" + row + "][" + col + "] = " + a + " but H[" + col + "][" + row + "] = " + b + "\n" + f);
                }
            }
        });
    }

    @Test
    void hessianVectorProductEqualsHessianTimesVector() {
        qt().withExamples(EXAMPLES).forAll(seeds(), sizes()).checkAssert((seed, size) -> {
            Graph f = RandomGraphs.generate(seed, size, true);
            Graph hvp = Differentiator.hvp(f);
            Graph h = Differentiator.hessian(f);
            Verifier.verify(hvp, "hvp");
            Point pt = Point.of(seed);
            double[] hv = read(hvp, OutputKind.HVP, Interpreter.run(hvp, pt.params(), pt.inputs(), pt.targets(), pt.direction()), P);
            double[] hess = read(h, OutputKind.HESSIAN, Interpreter.run(h, pt.params(), pt.inputs(), pt.targets(), null), P * P);
            for (int i = 0; i < P; i++) {
                double sum = 0, scale = 0;
                for (int j = 0; j < P; j++) {
                    sum += hess[i * P + j] * pt.direction()[j];
                    scale += Math.abs(hess[i * P + j] * pt.direction()[j]);
                }
                double e = Math.abs(hv[i] - sum) / Math.max(1.0, scale);
                observe(3, e);
                final int row = i;
                final double expected = sum;
                assertTrue(e <= REASSOCIATION_TOL, () -> "Hv[" + row + "] = " + hv[row] + ", H·v = " + expected + "\n" + f);
            }
        });
    }

    /**
     * ⟨J u, w⟩ = ⟨u, Jᵀ w⟩ for J the Jacobian of (outputs, loss, penalty) with respect to the
     * parameters: J u by forward mode ({@link Differentiator#jvp}), Jᵀ w by reverse mode of
     * Σ w_k out_k. The error is measured against max(1, Σ_k Σ_i |w_k J_ki u_i|) (J by reverse mode
     * per output).
     */
    @Test
    void forwardAndReverseModeSatisfyTheDotProductIdentity() {
        qt().withExamples(EXAMPLES).forAll(seeds(), sizes(), integers().between(1, 4)).checkAssert((seed, size, outs) -> {
            Graph f = RandomGraphs.generate(seed, size, true, outs);
            Graph jvp = Differentiator.jvp(f);
            Verifier.verify(jvp, "jvp");
            Point pt = Point.of(seed);
            List<Output> ys = f.outputs();
            double[] w = uniform(new SplittableRandom(seed + 1), ys.size());
            double[] ju = read(jvp, OutputKind.JVP, Interpreter.run(jvp, pt.params(), pt.inputs(), pt.targets(), pt.direction()), -1);

            GraphBuilder g = GraphBuilder.extending(f);
            int root = GraphBuilder.NONE;
            int[][] rows = new int[ys.size()][];
            for (int k = 0; k < ys.size(); k++) {
                int term = g.mul(g.constant(w[k]), ys.get(k).node());
                root = root == GraphBuilder.NONE ? term : g.add(root, term);
                rows[k] = Differentiator.adjoints(g, ys.get(k).node());
            }
            int[] adj = Differentiator.adjoints(g, root);
            double[] v = Interpreter.run(g.build(), pt.params(), pt.inputs(), pt.targets(), null);
            int[] params = Differentiator.leafNodes(f, Op.PARAM, P);

            double lhs = 0, rhs = 0, scale = 0;
            for (int k = 0; k < ys.size(); k++) lhs += ju[k] * w[k];
            for (int i = 0; i < P; i++) {
                rhs += pt.direction()[i] * adjointValue(adj, params[i], v);
                for (int k = 0; k < ys.size(); k++) {
                    scale += Math.abs(w[k] * adjointValue(rows[k], params[i], v) * pt.direction()[i]);
                }
            }
            double e = Math.abs(lhs - rhs) / Math.max(1.0, scale);
            observe(4, e);
            final double l = lhs, rr = rhs;
            assertTrue(e <= REASSOCIATION_TOL, () -> "<Ju,w> = " + l + ", <u,J'w> = " + rr + "\n" + f);
        });
    }

    private static double adjointValue(int[] adj, int leaf, double[] values) {
        return leaf >= 0 && leaf < adj.length && adj[leaf] != GraphBuilder.NONE ? values[adj[leaf]] : 0.0;
    }

    /** Values of the outputs of one kind, by element (or in order when {@code size} is -1). */
    static double[] read(Graph g, OutputKind kind, double[] values, int size) {
        List<Output> outs = g.outputs(kind);
        double[] r = new double[size < 0 ? outs.size() : size];
        for (int k = 0; k < outs.size(); k++) r[size < 0 ? k : outs.get(k).element()] = values[outs.get(k).node()];
        return r;
    }
}
