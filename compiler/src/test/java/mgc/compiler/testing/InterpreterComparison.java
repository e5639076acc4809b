package mgc.compiler.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import mgc.compiler.Backend;
import mgc.compiler.Compilation;
import mgc.compiler.CompileOptions;
import mgc.compiler.Compiler;
import mgc.compiler.front.CompileError;
import mgc.compiler.front.Source;
import mgc.runtime.CompiledModel;
import mgc.runtime.ModelSignature;

/**
 * Generated code against the reference interpreter ({@link Compilation#interpreted()}), bit for bit
 * and any NaN equal to any NaN, at random points: forward outputs, loss, loss and outputs, loss and gradient, penalty,
 * penalty and gradient, over a sub-range of a few examples, gradients added into a non-zero accumulator.
 */
public final class InterpreterComparison {
    private InterpreterComparison() {}

    /** One way of compiling a model to compare it with the interpreter. */
    public record BackEnd(String name, UnaryOperator<CompileOptions> options) {}

    /** Every way tests compile a model for the comparison: the one seam for back-end choices (forced loop kernels: one more entry). */
    public static final List<BackEnd> BACK_ENDS = List.of(new BackEnd("default", UnaryOperator.identity()),
            new BackEnd("loops", o -> o.withKernels(Backend.Choice.LOOPS)),
            // auto's split with every model in the loop back end: small contractions as per-example code
            new BackEnd("loops-split", o -> o.withKernels(Backend.Choice.AUTO).withLoopThreshold(0)));

    /**
     * The model compiled and loaded by every back end, in the order of {@link #BACK_ENDS}. A CompileError
     * from the first means the model is invalid and propagates; a later back end must accept what the first did.
     */
    public static List<Compilation> compileAll(Source source, CompileOptions options) {
        List<Compilation> all = new ArrayList<>();
        for (BackEnd b : BACK_ENDS) {
            try {
                all.add(Compiler.compile(source, b.options().apply(options), Compiler.Stage.LOADED));
            } catch (CompileError e) {
                if (all.isEmpty()) throw e;
                throw new AssertionError("back end " + b.name() + " rejects a model " + BACK_ENDS.get(0).name() + " accepts", e);
            }
        }
        return all;
    }

    /** Compares {@code c}'s generated code with the interpreter at {@code points} points drawn from {@code r}. */
    public static void assertMatchesInterpreter(Compilation c, SplittableRandom r, int points) {
        // loop kernels skip zero terms, which can leave -0.0 where the interpreter adds +0.0 (docs/tensor-ir.md)
        boolean eitherZero = c.backend() == Backend.LOOPS;
        for (int k = 0; k < points; k++) assertSameBits(c.interpreted(), c.model(), r, (eitherZero ? "loops, " : "") + "point " + k, eitherZero);
    }

    /**
     * One random point: finite params, inputs and targets in (-2, 2), sometimes exactly at a kink
     * (±0, ±1); 1 to 4 examples, the first left out of the range when there are several.
     */
    static void assertSameBits(CompiledModel expected, CompiledModel actual, SplittableRandom r, String where, boolean eitherZero) {
        ModelSignature sig = expected.signature();
        int examples = 1 + r.nextInt(4), from = examples > 1 ? 1 : 0;
        double[] params = point(r, sig.paramSize());
        double[] inputs = point(r, examples * sig.inputSize());
        double[] targets = point(r, examples * sig.targetSize());
        // never -0.0: a skipped zero region leaves it, where the interpreter adds +0.0 (see ZeroRegion)
        double[] grad0 = r.doubles(sig.paramSize(), -1, 1).toArray();
        double[] es = expected.newScratch(), as = actual.newScratch();

        double[] eo = new double[(examples - from) * sig.outputSize()], ao = eo.clone();
        expected.forward(params, inputs, from, examples, eo, es);
        actual.forward(params, inputs, from, examples, ao, as);
        assertSame(eo, ao, where + ": forward output", eitherZero);
        double loss = expected.loss(params, inputs, targets, from, examples, es);
        assertSame(loss, actual.loss(params, inputs, targets, from, examples, as), where + ": loss", eitherZero);
        double[] lo = new double[eo.length];
        assertSame(loss, actual.lossAndOutputs(params, inputs, targets, from, examples, lo, as), where + ": lossAndOutputs", eitherZero);
        assertSame(eo, lo, where + ": lossAndOutputs output", eitherZero);
        double[] eg = grad0.clone(), ag = grad0.clone();
        assertSame(expected.lossAndGradient(params, inputs, targets, from, examples, eg, es),
                actual.lossAndGradient(params, inputs, targets, from, examples, ag, as), where + ": lossAndGradient", eitherZero);
        assertSame(eg, ag, where + ": gradient", eitherZero);
        assertSame(expected.penalty(params, es), actual.penalty(params, as), where + ": penalty", eitherZero);
        double[] ep = grad0.clone(), ap = grad0.clone();
        assertSame(expected.penaltyAndGradient(params, ep, es), actual.penaltyAndGradient(params, ap, as),
                where + ": penaltyAndGradient", eitherZero);
        assertSame(ep, ap, where + ": penalty gradient", eitherZero);
    }

    private static double[] point(SplittableRandom r, int n) {
        double[] kinks = {0.0, -0.0, 1.0, -1.0};
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextInt(8) == 0 ? kinks[r.nextInt(kinks.length)] : r.nextDouble(-2, 2);
        return v;
    }

    private static void assertSame(double[] expected, double[] actual, String what, boolean eitherZero) {
        for (int i = 0; i < expected.length; i++) assertSame(expected[i], actual[i], what + " [" + i + "]", eitherZero);
    }

    private static void assertSame(double expected, double actual, String what, boolean eitherZero) {
        if (Double.doubleToRawLongBits(expected) == Double.doubleToRawLongBits(actual)) return;
        if (eitherZero && expected == 0.0 && actual == 0.0) return;
        if (Double.isNaN(expected) && Double.isNaN(actual)) return;
        throw new AssertionError(what + ": interpreter " + expected + " (" + Long.toHexString(Double.doubleToRawLongBits(expected))
                + "), generated code " + actual + " (" + Long.toHexString(Double.doubleToRawLongBits(actual)) + ")");
    }
}
