package mgc.compiler.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import mgc.compiler.check.GradientCheck;
import mgc.compiler.check.ValueSource;
import mgc.compiler.diff.Differentiator;
import mgc.compiler.front.CheckedModel;
import mgc.compiler.front.CompileError;
import mgc.compiler.front.FrontEnd;
import mgc.compiler.front.Source;
import mgc.compiler.fuzz.ModelSources;
import mgc.compiler.interp.Interpreter;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.Output;
import mgc.compiler.ir.OutputKind;
import mgc.compiler.lower.ScalarLowering;
import mgc.runtime.ModelSignature;
import org.junit.jupiter.api.Test;

/**
 * Properties of the tensor IR on random well-formed models (the fuzzer's grammar-aware generator)
 * and on the examples: the tensor interpreter and the unrolled scalar graph agree bit for bit (forward
 * and joint); unrolling equals direct scalar lowering; tensor-level reverse mode agrees with scalar
 * reverse mode up to summation order and with central differences. Each property asserts how many
 * cases it really compared.
 */
class TensorPropertiesTest {
    private static final int EXAMPLES = Integer.getInteger("mgc.examples", 150);

    /** A random model that passes the front end, or null. */
    static CheckedModel model(long seed) {
        String src = ModelSources.model(new SplittableRandom(seed));
        try {
            return FrontEnd.check(new Source("r.mg", src));
        } catch (CompileError e) {
            return null;
        }
    }

    static List<CheckedModel> examples() throws Exception {
        List<CheckedModel> r = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("../examples"))) {
            for (Path p : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".mg")).sorted()::iterator) {
                r.add(FrontEnd.check(Source.read(p)));
            }
        }
        return r;
    }

    record Point(double[] params, double[] inputs, double[] targets) {}

    static Point point(ModelSignature sig, SplittableRandom r) {
        return new Point(values(r, sig.paramSize()), values(r, sig.inputSize()), values(r, sig.targetSize()));
    }

    private static double[] values(SplittableRandom r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextInt(8) == 0 ? 0.0 : r.nextDouble(-2, 2);
        return v;
    }

    static boolean same(double a, double b) {
        return Double.doubleToLongBits(a) == Double.doubleToLongBits(b); // any NaN equals any NaN
    }

    /** Every scalar output of {@code scalar} equals the corresponding element of the tensor interpreter's outputs. */
    static void assertInterpreterAgrees(TGraph t, Graph scalar, Point p) {
        double[][] tv = TInterpreter.run(t, p.params(), p.inputs(), p.targets(), null);
        double[] sv = Interpreter.run(scalar, p.params(), p.inputs(), p.targets(), null);
        List<Double> flat = new ArrayList<>();
        for (TOutput o : t.outputs()) for (double x : tv[o.node()]) flat.add(x);
        List<Output> outs = scalar.outputs();
        assertEquals(flat.size(), outs.size(), "output element count");
        for (int i = 0; i < outs.size(); i++) {
            double a = flat.get(i), b = sv[outs.get(i).node()];
            if (!same(a, b)) fail(outs.get(i).label() + ": tensor interpreter " + a + ", unrolled " + b + "\n" + t);
        }
    }

    @Test
    void tensorInterpreterEqualsUnrolledGraphForwardAndJoint() throws Exception {
        AtomicInteger compared = new AtomicInteger();
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            CheckedModel m = model(seed);
            if (m == null) return;
            TGraph fwd = TLowering.lower(m);
            TGraph joint = TDifferentiator.reverse(fwd, true);
            TVerifier.verify(fwd, "lowering");
            TVerifier.verify(joint, "differentiation");
            SplittableRandom r = new SplittableRandom(seed);
            Point p = point(m.signature(), r);
            assertInterpreterAgrees(fwd, Unroller.unroll(fwd, Integer.MAX_VALUE), p);
            assertInterpreterAgrees(joint, Unroller.unroll(joint, Integer.MAX_VALUE), p);
            compared.incrementAndGet();
        });
        assertTrue(compared.get() >= EXAMPLES / 3, "models compared: " + compared);
    }

    @Test
    void unrollingEqualsDirectScalarLowering() throws Exception {
        AtomicInteger compared = new AtomicInteger();
        List<CheckedModel> models = examples();
        for (long seed = 0; seed < EXAMPLES; seed++) {
            CheckedModel m = model(seed * 7919);
            if (m != null) models.add(m);
        }
        for (CheckedModel m : models) {
            Graph direct = ScalarLowering.lower(m), unrolled = Unroller.unroll(TLowering.lower(m), Integer.MAX_VALUE);
            Point p = point(m.signature(), new SplittableRandom(m.name().hashCode()));
            double[] a = Interpreter.run(direct, p.params(), p.inputs(), p.targets(), null);
            double[] b = Interpreter.run(unrolled, p.params(), p.inputs(), p.targets(), null);
            assertEquals(direct.outputs().size(), unrolled.outputs().size());
            for (int i = 0; i < direct.outputs().size(); i++) {
                Output o = direct.outputs().get(i);
                assertEquals(o.label(), unrolled.outputs().get(i).label());
                assertTrue(same(a[o.node()], b[unrolled.outputs().get(i).node()]), o.label() + " of " + m.name());
            }
            compared.incrementAndGet();
        }
        assertTrue(compared.get() >= 5 + EXAMPLES / 3, "models compared: " + compared);
    }

    /**
     * Tensor reverse mode sums a tensor's adjoint contributions in its own order (ascending over a
     * contraction's index), the scalar one in reverse node order: equal up to reassociation.
     */
    @Test
    void tensorReverseModeAgreesWithScalarReverseMode() throws Exception {
        AtomicInteger compared = new AtomicInteger(), elements = new AtomicInteger();
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            CheckedModel m = model(seed);
            if (m == null) return;
            Graph tensorJoint = Unroller.unroll(TDifferentiator.reverse(TLowering.lower(m), true), Integer.MAX_VALUE);
            Graph scalarJoint = Differentiator.reverse(ScalarLowering.lower(m), true);
            Point p = point(m.signature(), new SplittableRandom(seed));
            double[] a = Interpreter.run(tensorJoint, p.params(), p.inputs(), p.targets(), null);
            double[] b = Interpreter.run(scalarJoint, p.params(), p.inputs(), p.targets(), null);
            for (OutputKind kind : new OutputKind[] {OutputKind.GRAD, OutputKind.GRAD_PENALTY, OutputKind.GRAD_INPUT}) {
                List<Output> x = tensorJoint.outputs(kind), y = scalarJoint.outputs(kind);
                assertEquals(y.size(), x.size());
                for (int i = 0; i < x.size(); i++) {
                    double u = a[x.get(i).node()], v = b[y.get(i).node()];
                    if (!Double.isFinite(u) || !Double.isFinite(v)) {
                        assertEquals(Double.isNaN(u), Double.isNaN(v), x.get(i).label() + ": " + u + " vs " + v);
                        continue;
                    }
                    double scale = Math.max(1.0, Math.max(Math.abs(u), Math.abs(v)));
                    assertTrue(Math.abs(u - v) <= 1e-9 * scale, x.get(i).label() + ": tensor " + u + ", scalar " + v);
                    elements.incrementAndGet();
                }
            }
            compared.incrementAndGet();
        });
        assertTrue(compared.get() >= EXAMPLES / 3 && elements.get() > compared.get(), "models " + compared + ", gradients " + elements);
    }

    @Test
    void tensorGradientsMatchCentralDifferences() throws Exception {
        int checked = 0, gradients = 0;
        List<CheckedModel> models = examples();
        for (long seed = 0; seed < EXAMPLES / 3; seed++) {
            CheckedModel m = model(seed * 104729 + 1);
            if (m != null) models.add(m);
        }
        for (CheckedModel m : models) {
            Graph forward = Unroller.unroll(TLowering.lower(m), Integer.MAX_VALUE);
            Graph joint = Unroller.unroll(TDifferentiator.reverse(TLowering.lower(m), false), Integer.MAX_VALUE);
            double[] init = point(m.signature(), new SplittableRandom(checked)).params();
            GradientCheck.Result r = GradientCheck.run(forward, joint, new GradientCheck.Options(2, checked, 1e-6, 30), ValueSource.around(init));
            if (!Double.isFinite(r.maxRelativeError())) continue; // a model that overflows at this point
            assertTrue(r.passed(), m.name() + ": " + r.summary() + " " + r.worst());
            gradients += r.compared();
            checked++;
        }
        assertTrue(checked >= 20 && gradients >= 200, "models " + checked + ", gradients compared " + gradients);
    }
}
