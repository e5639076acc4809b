package mgc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.SplittableRandom;
import mgc.compiler.diff.Differentiator;
import mgc.compiler.interp.Interpreter;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.Output;
import mgc.compiler.ir.OutputKind;
import mgc.compiler.testing.RandomGraphs;
import mgc.runtime.CompiledModel;
import mgc.runtime.ModelSignature;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/** Compiles graphs and compares generated code with the interpreter, bit for bit. */
final class CodegenTesting {
    private CodegenTesting() {}

    static Graph randomJoint(long seed, int ops, boolean guarded) {
        return Differentiator.reverse(RandomGraphs.generate(seed, ops, guarded), false);
    }

    /** Generates, checks the budget and the verifier, and defines the class. */
    static CompiledModel compile(Graph joint, CodegenOptions options) {
        GeneratedClass gc = CodeGenerator.generate(joint, joint.signature(), options);
        assertWithinBudget(gc, options.methodBudget());
        assertVerifies(gc.bytes());
        return ModelLoader.define(gc, joint.signature());
    }

    static void assertWithinBudget(GeneratedClass gc, int budget) {
        gc.stats().methodSizes().forEach((name, size) ->
                assertTrue(size <= budget, name + " has " + size + " bytes, budget " + budget));
    }

    /** ASM's verifier with data flow over every method; fails with its report. */
    static void assertVerifies(byte[] bytes) {
        StringWriter out = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(bytes), CodegenTesting.class.getClassLoader(), false, new PrintWriter(out));
        assertEquals("", out.toString(), "CheckClassAdapter");
    }

    /** A point: ordinary values, or (with {@code specials}) sometimes zeros, NaN, infinities, huge and tiny values. */
    static double[] point(SplittableRandom r, int n, boolean specials) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = specials && r.nextInt(6) == 0 ? special(r) : r.nextDouble(-2, 2);
        return v;
    }

    static double special(SplittableRandom r) {
        double[] s = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300, -1e300, 1e-310,
                Double.MIN_VALUE, 710.0, -745.0, 1.0, -1.0};
        return s[r.nextInt(s.length)];
    }

    /**
     * NaN results whose bits differ. Java leaves NaN bits unspecified and x86 propagates the first NaN
     * operand: when two NaNs of different signs (0x7ff8... from Java constants, 0xfff8... made by the
     * hardware) meet in a commutative op, C2 may evaluate it with the operands swapped. Seen only for
     * wild graphs; any NaN is accepted for any NaN then, and the count is reported.
     */
    static int nanPayloadMismatches;

    static void assertSame(double expected, double actual, String what) {
        if (Double.doubleToRawLongBits(expected) == Double.doubleToRawLongBits(actual)) return;
        if (Double.isNaN(expected) && Double.isNaN(actual)) {
            if (nanPayloadMismatches++ < 6) {
                System.out.println("NaN payload differs at " + what + ": expected " + Long.toHexString(Double.doubleToRawLongBits(expected))
                        + ", got " + Long.toHexString(Double.doubleToRawLongBits(actual)));
            }
            return;
        }
        throw new AssertionError(what + ": expected " + expected + " (" + Long.toHexString(Double.doubleToRawLongBits(expected))
                + ") but was " + actual + " (" + Long.toHexString(Double.doubleToRawLongBits(actual)) + ")");
    }

    /**
     * Compares all five hot methods of {@code m} over {@code examples} examples with the interpreter;
     * gradients are accumulated into a non-zero starting vector.
     */
    static void assertMatchesInterpreter(Graph joint, CompiledModel m, double[] params, double[] inputs, double[] targets,
                                         int examples, SplittableRandom r) {
        ModelSignature sig = joint.signature();
        int in = sig.inputSize(), tg = sig.targetSize(), out = sig.outputSize(), ps = sig.paramSize();
        double[] scratch = m.newScratch();
        int from = examples > 1 ? 1 : 0;
        double[] grad0 = new double[ps];
        for (int i = 0; i < ps; i++) grad0[i] = r.nextDouble(-1, 1);
        double[] expectOut = new double[(examples - from) * out];
        double[] expectGrad = grad0.clone();
        double expectLoss = 0.0;
        Output lossOut = joint.output(OutputKind.LOSS);
        List<Output> outs = joint.outputs(OutputKind.OUTPUT), grads = joint.outputs(OutputKind.GRAD);
        for (int e = from; e < examples; e++) {
            double[] noTargets = new double[tg];
            java.util.Arrays.fill(noTargets, Double.NaN); // forward has no targets: they read as NaN
            double[] fv = Interpreter.run(joint, params, inputs, e * in, noTargets, 0, null);
            for (Output o : outs) expectOut[(e - from) * out + o.element()] = fv[o.node()];
            double[] v = Interpreter.run(joint, params, inputs, e * in, targets, e * tg, null);
            expectLoss += v[lossOut.node()];
            for (Output o : grads) expectGrad[o.element()] += v[o.node()];
        }
        double[] gotOut = new double[expectOut.length];
        m.forward(params, inputs, from, examples, gotOut, scratch);
        for (int i = 0; i < gotOut.length; i++) assertSame(expectOut[i], gotOut[i], "output " + i);
        assertSame(expectLoss, m.loss(params, inputs, targets, from, examples, scratch), "loss");
        double[] gotGrad = grad0.clone();
        assertSame(expectLoss, m.lossAndGradient(params, inputs, targets, from, examples, gotGrad, scratch), "lossAndGradient");
        for (int i = 0; i < ps; i++) assertSame(expectGrad[i], gotGrad[i], "grad " + i);

        double[] pv = Interpreter.run(joint, params, inputs, 0, targets, 0, null);
        Output pen = joint.output(OutputKind.PENALTY);
        double expectPen = pen == null ? 0.0 : pv[pen.node()];
        assertSame(expectPen, m.penalty(params, scratch), "penalty");
        double[] expectPg = grad0.clone();
        for (Output o : joint.outputs(OutputKind.GRAD_PENALTY)) expectPg[o.element()] += pv[o.node()];
        double[] gotPg = grad0.clone();
        assertSame(expectPen, m.penaltyAndGradient(params, gotPg, scratch), "penaltyAndGradient");
        for (int i = 0; i < ps; i++) assertSame(expectPg[i], gotPg[i], "grad_penalty " + i);
    }
}
