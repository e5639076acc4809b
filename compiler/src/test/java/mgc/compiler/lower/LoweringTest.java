package mgc.compiler.lower;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import mgc.compiler.front.CheckedModel;
import mgc.compiler.fuzz.ModelSources;
import mgc.compiler.front.FrontEnd;
import mgc.compiler.front.Source;
import mgc.compiler.interp.Interpreter;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.GraphTooLargeException;
import mgc.compiler.ir.IrPrinter;
import mgc.compiler.ir.Op;
import mgc.compiler.ir.Output;
import mgc.compiler.ir.OutputKind;
import mgc.compiler.ir.Verifier;
import mgc.compiler.testing.Golden;
import mgc.runtime.Initializer;
import mgc.runtime.ModelSignature;
import mgc.runtime.TensorSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Lowering's IR: golden text per example, sharing through the builder, and values worked out by hand. */
class LoweringTest {

    static List<Path> examples() {
        return Golden.examples();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleIrMatchesGoldenAndVerifies(Path model) {
        Graph g = Lowering.lower(FrontEnd.check(Source.read(model)));
        Verifier.verify(g, "lowering");
        Golden.assertMatches("ir/" + Golden.stem(model) + ".ir", IrPrinter.print(g));
    }

    @Test
    void everyWellFormedModelChecksAndLowersToAVerifiedGraphWithOneOutputPerElement() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            // no planted mistakes: a CompileError here is a failure, not a skip
            CheckedModel m = FrontEnd.check(new Source("gen.mg", ModelSources.wellFormedModel(new SplittableRandom(seed))));
            Graph g = Lowering.lower(m);
            Verifier.verify(g, "lowering");
            assertEquals(m.signature().outputSize(), g.outputs(OutputKind.OUTPUT).size());
            assertEquals(1, g.outputs(OutputKind.LOSS).size());
            assertEquals(1, g.outputs(OutputKind.PENALTY).size());
        });
    }

    @Test
    void hugeModelsStopAtTheNodeLimit() {
        CheckedModel m = FrontEnd.check(new Source("big.mg", "input x[100]\nparam W[100, 100] = 0\nloss = sum(W @ x)\n"));
        assertThrows(GraphTooLargeException.class, () -> Lowering.lower(m, 1000));
    }

    @Test
    void commutedProductsShareOneMul() {
        Graph g = lower("input x\ninput y\nloss = x*y + y*x\n");
        assertEquals(1, g.opCounts()[Op.MUL.ordinal()], IrPrinter.print(g));
    }

    @Test
    void constantFactorsFoldIntoOneConstant() {
        Graph g = lower("input x\nloss = 2*3*x\n");
        assertEquals("""
                %0 = input x
                %1 = const 6.0
                %2 = mul %0 %1
                %3 = const 0.0
                loss = %2
                penalty = %3
                """, IrPrinter.print(g));
    }

    @Test
    void neuronMatchesHandComputation() {
        CheckedModel m = FrontEnd.check(Source.read(Golden.root().resolve("examples/neuron.mg")));
        Graph g = Lowering.lower(m);
        // x1 = 2, x2 = 0, w1 = -3, w2 = 1, b = 6.8813735870195432 = asinh(1): n = asinh(1), o = tanh(asinh(1)) = 1/sqrt(2)
        double[] v = Interpreter.run(g, initialParams(m.signature()), new double[] {2, 0}, new double[] {1}, null);
        double o = v[g.outputs(OutputKind.OUTPUT).get(0).node()];
        assertEquals(1 / Math.sqrt(2), o, 1e-15);
        assertEquals(1.5 - Math.sqrt(2), v[g.output(OutputKind.LOSS).node()], 1e-15);
        assertEquals(0.0, v[g.output(OutputKind.PENALTY).node()]);
    }

    @Test
    void matrixProductsIndexingAndReductions() {
        CheckedModel m = FrontEnd.check(new Source("t.mg", """
                param A[2, 2] = [[1, 2], [3, 4]]
                param B[2, 2] = [[5, 6], [7, 8]]
                param v[2] = [1, -1]
                C = A @ B
                output C
                r = v @ A
                output r
                q = [C[1, 0], A[1][0], mean(A), sum(B), max(C), min(v), dot(v, v)]
                output q
                loss = sum(A @ v) + sum(where(v > 0, v, 10 * v)) + 0 * sum(B)
                """));
        double[] v = run(m);
        assertArrayEquals(new double[] {19, 22, 43, 50, -2, -2, 43, 3, 2.5, 26, 50, -1, 2}, outputs(m, v), 0);
        assertEquals(-1 + -1 + 1 - 10 + 0, loss(m, v), 0);
    }

    @Test
    void softmaxFamilyIsStableForLargeInputs() {
        CheckedModel m = FrontEnd.check(new Source("s.mg", """
                param z[3] = [1000, 1001, 1002]
                s = softmax(z)
                output s
                l = log_softmax(z)
                output l
                loss = logsumexp(z)
                """));
        double[] v = run(m);
        double e1 = Math.exp(-2), e2 = Math.exp(-1), sum = e1 + e2 + 1;
        double[] expected = {e1 / sum, e2 / sum, 1 / sum, -2 - Math.log(sum), -1 - Math.log(sum), -Math.log(sum)};
        assertArrayEquals(expected, outputs(m, v), 1e-15);
        assertEquals(1002 + Math.log(sum), loss(m, v), 1e-12);
    }

    @Test
    void functionsAreInlinedAndShared() {
        Graph g = lower("param w = 2\nfn sq(a) = a * a\nloss = sq(w) + sq(w)\n");
        assertEquals(1, g.opCounts()[Op.MUL.ordinal()], IrPrinter.print(g));
        assertEquals(1, g.opCounts()[Op.ADD.ordinal()], IrPrinter.print(g));
    }

    @Test
    void nodesRememberTheirSourcePosition() {
        Graph g = lower("input x\nparam w = 1\nh = tanh(w * x)\nloss = h\n");
        int tanh = g.output(OutputKind.LOSS).node();
        assertEquals(Op.TANH, g.op(tanh));
        assertEquals(3, g.originLine(tanh));
        assertEquals(5, g.originColumn(tanh));
        assertEquals(1, g.originLine(0));
    }

    @Test
    void outputsAreOnePerElementInOrder() {
        CheckedModel m = FrontEnd.check(Source.read(Golden.root().resolve("examples/softmax.mg")));
        List<Output> outs = Lowering.lower(m).outputs(OutputKind.OUTPUT);
        assertEquals(List.of("probs[0]", "probs[1]", "probs[2]"), outs.stream().map(Output::name).toList());
        assertEquals(List.of(0, 1, 2), outs.stream().map(Output::element).toList());
    }

    private static Graph lower(String text) {
        return Lowering.lower(FrontEnd.check(new Source("t.mg", text)));
    }

    private static double[] run(CheckedModel m) {
        Graph g = Lowering.lower(m);
        Verifier.verify(g, "lowering");
        ModelSignature s = m.signature();
        return Interpreter.run(g, initialParams(s), new double[s.inputSize()], new double[s.targetSize()], null);
    }

    private static double[] outputs(CheckedModel m, double[] values) {
        Graph g = Lowering.lower(m);
        return g.outputs(OutputKind.OUTPUT).stream().mapToDouble(o -> values[o.node()]).toArray();
    }

    private static double loss(CheckedModel m, double[] values) {
        return values[Lowering.lower(m).output(OutputKind.LOSS).node()];
    }

    /** Parameter values of models whose params all have explicit (`=`) initialisers. */
    private static double[] initialParams(ModelSignature s) {
        double[] p = new double[s.paramSize()];
        for (TensorSpec t : s.params()) {
            if (t.init() instanceof Initializer.Fill f) java.util.Arrays.fill(p, t.offset(), t.offset() + t.size(), f.value());
            else if (t.init() instanceof Initializer.Values vs) System.arraycopy(vs.values(), 0, p, t.offset(), t.size());
            else throw new IllegalArgumentException(t + " is sampled");
        }
        assertTrue(p.length > 0);
        return p;
    }
}
