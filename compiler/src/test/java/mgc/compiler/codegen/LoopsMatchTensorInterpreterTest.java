package mgc.compiler.codegen;

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
import mgc.compiler.Backend;
import mgc.compiler.Compilation;
import mgc.compiler.CompileOptions;
import mgc.compiler.Compiler;
import mgc.compiler.front.CompileError;
import mgc.compiler.front.Source;
import mgc.compiler.fuzz.ModelSources;
import mgc.compiler.ir.OutputKind;
import mgc.compiler.tensor.TGraph;
import mgc.compiler.tensor.TInterpreter;
import mgc.compiler.tensor.TOutput;
import mgc.runtime.CompiledModel;
import mgc.runtime.ModelSignature;
import mgc.runtime.TensorSpec;
import org.junit.jupiter.api.Test;

/**
 * Property: a model compiled to loop kernels computes, for every entry point and any range of
 * examples (tiles cut short included), what the tensor interpreter computes example by example, summed
 * in example order: bit for bit, any NaN equal to any NaN, and zeros equal whatever their sign (zero
 * skipping may drop a {@code +0.0} term from a {@code -0.0} sum; docs/tensor-ir.md).
 */
class LoopsMatchTensorInterpreterTest {
    private static final int EXAMPLES = Integer.getInteger("mgc.examples", 120);

    static final CompileOptions LOOPS = CompileOptions.defaults().withKernels(Backend.Choice.LOOPS).withVerify(true);

    static boolean same(double a, double b) {
        return Double.doubleToLongBits(a) == Double.doubleToLongBits(b) || a == 0.0 && b == 0.0;
    }

    static double[] values(SplittableRandom r, int n, double zeros) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextDouble() < zeros ? 0.0 : r.nextDouble(-2, 2);
        return v;
    }

    /** Checks every entry point of {@code m} against the interpreter of {@code joint} on {@code count} examples. */
    static void check(TGraph joint, CompiledModel m, SplittableRandom r, int count, String what) {
        ModelSignature sig = m.signature();
        double[] params = values(r, sig.paramSize(), 0.1);
        double[] inputs = values(r, sig.inputSize() * count, 0.7);
        double[] targets = values(r, sig.targetSize() * count, 0.2);
        int from = count > 3 ? r.nextInt(3) : 0, to = count;
        double expectedLoss = 0.0, expectedPenalty = -0.0;
        double[] expectedGrad = new double[sig.paramSize()], expectedPenaltyGrad = new double[sig.paramSize()];
        double[] expectedOut = new double[sig.outputSize() * (to - from)];
        for (int e = from; e < to; e++) {
            double[] in = java.util.Arrays.copyOfRange(inputs, e * sig.inputSize(), (e + 1) * sig.inputSize());
            double[] tg = java.util.Arrays.copyOfRange(targets, e * sig.targetSize(), (e + 1) * sig.targetSize());
            double[][] v = TInterpreter.run(joint, params, in, tg, null);
            for (TOutput o : joint.outputs()) {
                double[] x = v[o.node()];
                switch (o.kind()) {
                    case LOSS -> expectedLoss += x[0];
                    case GRAD -> { TensorSpec p = sig.find(o.name()); for (int i = 0; i < x.length; i++) expectedGrad[p.offset() + i] += x[i]; }
                    case OUTPUT -> { TensorSpec s = find(sig.outputs(), o.name()); System.arraycopy(x, 0, expectedOut, (e - from) * sig.outputSize() + s.offset(), x.length); }
                    case PENALTY -> { if (e == from) expectedPenalty += x[0]; }
                    case GRAD_PENALTY -> { if (e == from) { TensorSpec p = sig.find(o.name()); for (int i = 0; i < x.length; i++) expectedPenaltyGrad[p.offset() + i] += x[i]; } }
                    default -> { }
                }
            }
        }
        double[] scratch = m.newScratch();
        double[] out = new double[expectedOut.length];
        m.forward(params, inputs, from, to, out, scratch);
        for (int i = 0; i < out.length; i++) if (!same(expectedOut[i], out[i])) fail(what + ": output " + i + " " + expectedOut[i] + " vs " + out[i]);
        double loss = m.loss(params, inputs, targets, from, to, scratch);
        if (!same(expectedLoss, loss)) fail(what + ": loss " + expectedLoss + " vs " + loss);
        double[] grad = new double[sig.paramSize()];
        loss = m.lossAndGradient(params, inputs, targets, from, to, grad, scratch);
        if (!same(expectedLoss, loss)) fail(what + ": loss (with gradient) " + expectedLoss + " vs " + loss);
        for (int i = 0; i < grad.length; i++) if (!same(expectedGrad[i], grad[i])) fail(what + ": grad " + i + " " + expectedGrad[i] + " vs " + grad[i]);
        double p = m.penalty(params, scratch);
        if (!same(expectedPenalty, p)) fail(what + ": penalty " + expectedPenalty + " vs " + p);
        double[] pg = new double[sig.paramSize()];
        p = m.penaltyAndGradient(params, pg, scratch);
        if (!same(expectedPenalty, p)) fail(what + ": penalty (with gradient) " + expectedPenalty + " vs " + p);
        for (int i = 0; i < pg.length; i++) if (!same(expectedPenaltyGrad[i], pg[i])) fail(what + ": penalty grad " + i + " " + expectedPenaltyGrad[i] + " vs " + pg[i]);
    }

    static TensorSpec find(List<TensorSpec> specs, String name) {
        for (TensorSpec s : specs) if (s.name().equals(name)) return s;
        throw new IllegalArgumentException(name);
    }

    @Test
    void examplesCompiledToLoopsMatchTheInterpreter() throws Exception {
        int n = 0;
        try (Stream<Path> files = Files.list(Path.of("../examples"))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".mg")).sorted()::iterator) {
                Compilation c = Compiler.compile(Source.read(f), LOOPS);
                assertEquals(Backend.LOOPS, c.backend());
                CodegenTesting.assertVerifies(c.generated().bytes());
                SplittableRandom r = new SplittableRandom(n);
                for (int count : new int[] {1, 5, LoopGenerator.TILE, LoopGenerator.TILE + 7, 2 * LoopGenerator.TILE + 1}) {
                    check(c.tensorJoint(), c.model(), r, count, f + " x" + count);
                }
                n++;
            }
        }
        assertTrue(n >= 5, "examples checked: " + n);
    }

    @Test
    void randomModelsCompiledToLoopsMatchTheInterpreter() {
        AtomicInteger compared = new AtomicInteger();
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            String src = ModelSources.model(new SplittableRandom(seed));
            Compilation c;
            try {
                c = Compiler.compile(new Source("r.mg", src), LOOPS);
            } catch (CompileError e) {
                return;
            }
            CodegenTesting.assertVerifies(c.generated().bytes());
            SplittableRandom r = new SplittableRandom(seed);
            check(c.tensorJoint(), c.model(), r, 1 + r.nextInt(2 * LoopGenerator.TILE + 3), src);
            compared.incrementAndGet();
        });
        assertTrue(compared.get() >= EXAMPLES / 3, "models compared: " + compared);
    }
}
