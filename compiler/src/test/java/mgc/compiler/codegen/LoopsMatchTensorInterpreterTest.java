package mgc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import mgc.compiler.Backend;
import mgc.compiler.Compilation;
import mgc.compiler.CompileOptions;
import mgc.compiler.Compiler;
import mgc.compiler.Partitioner;
import mgc.compiler.front.CompileError;
import mgc.compiler.front.Source;
import mgc.compiler.fuzz.ModelSources;
import mgc.compiler.tensor.TGraph;
import mgc.compiler.tensor.TensorInterpretedModel;
import mgc.runtime.CompiledModel;
import mgc.runtime.ModelSignature;
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
    /** Auto's split with every model in the loop back end: contractions too small for a kernel run per example. */
    static final CompileOptions SPLIT = CompileOptions.defaults().withLoopThreshold(0).withVerify(true);

    static boolean same(double a, double b) {
        return Double.doubleToLongBits(a) == Double.doubleToLongBits(b) || a == 0.0 && b == 0.0;
    }

    static double[] values(SplittableRandom r, int n, double zeros) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextDouble() < zeros ? 0.0 : r.nextDouble(-2, 2);
        return v;
    }

    /** Checks every entry point of {@code m} against the tensor interpreter of {@code joint} on {@code count} examples. */
    static void check(TGraph joint, CompiledModel m, SplittableRandom r, int count, String what) {
        ModelSignature sig = m.signature();
        CompiledModel expected = new TensorInterpretedModel(joint);
        double[] params = values(r, sig.paramSize(), 0.1);
        double[] inputs = values(r, sig.inputSize() * count, 0.7);
        double[] targets = values(r, sig.targetSize() * count, 0.2);
        int from = count > 3 ? r.nextInt(3) : 0, to = count;
        double[] scratch = m.newScratch();
        double[] eo = new double[sig.outputSize() * (to - from)], ao = eo.clone();
        expected.forward(params, inputs, from, to, eo, null);
        m.forward(params, inputs, from, to, ao, scratch);
        assertSame(eo, ao, what + ": output");
        double loss = expected.loss(params, inputs, targets, from, to, null);
        assertSame(loss, m.loss(params, inputs, targets, from, to, scratch), what + ": loss");
        double[] lo = eo.clone();
        java.util.Arrays.fill(lo, Double.NaN);   // every output must be written
        assertSame(loss, m.lossAndOutputs(params, inputs, targets, from, to, lo, scratch), what + ": loss (with outputs)");
        assertSame(eo, lo, what + ": output (with loss)");
        double[] grad0 = values(r, sig.paramSize(), 0.0);
        double[] eg = grad0.clone(), ag = grad0.clone();
        assertSame(expected.lossAndGradient(params, inputs, targets, from, to, eg, null),
                m.lossAndGradient(params, inputs, targets, from, to, ag, scratch), what + ": loss (with gradient)");
        assertSame(eg, ag, what + ": gradient");
        assertSame(expected.penalty(params, null), m.penalty(params, scratch), what + ": penalty");
        double[] ep = grad0.clone(), ap = grad0.clone();
        assertSame(expected.penaltyAndGradient(params, ep, null), m.penaltyAndGradient(params, ap, scratch), what + ": penalty (with gradient)");
        assertSame(ep, ap, what + ": penalty gradient");
    }

    static void assertSame(double e, double a, String what) {
        if (!same(e, a)) fail(what + ": expected " + e + ", loops " + a);
    }

    static void assertSame(double[] e, double[] a, String what) {
        for (int i = 0; i < e.length; i++) if (!same(e[i], a[i])) fail(what + " [" + i + "]: expected " + e[i] + ", loops " + a[i]);
    }

    @Test
    void examplesCompiledToLoopsMatchTheInterpreter() throws Exception {
        int n = 0;
        try (Stream<Path> files = Files.list(Path.of("../examples"))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".mg")).sorted()::iterator) {
                for (CompileOptions o : java.util.List.of(LOOPS, SPLIT)) {
                    Compilation c = Compiler.compile(Source.read(f), o);
                    assertEquals(Backend.LOOPS, c.backend());
                    CodegenTesting.assertVerifies(c.generated().bytes());
                    SplittableRandom r = new SplittableRandom(n);
                    for (int count : new int[] {1, 5, LoopGenerator.TILE, LoopGenerator.TILE + 7, 2 * LoopGenerator.TILE + 1}) {
                        check(c.tensorJoint(), c.model(), r, count, f + " " + o.kernels() + " x" + count);
                    }
                }
                n++;
            }
        }
        assertTrue(n >= 5, "examples checked: " + n);
    }

    /**
     * Without the tensor-group pass every map is its own loop, and at -O0 no tensor pass runs: the plans differ,
     * the values may not (a bisection of a loop-kernel miscompile relies on it).
     */
    @Test
    void examplesMatchTheInterpreterWithoutGroupsAndWithoutTensorPasses() throws Exception {
        int n = 0;
        CompileOptions noGroups = LOOPS.withOptLevel(2, java.util.Set.of("tensor-group"), false);
        CompileOptions none = LOOPS.withOptLevel(0, java.util.Set.of(), false);
        try (Stream<Path> files = Files.list(Path.of("../examples"))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".mg")).sorted()::iterator) {
                for (CompileOptions o : java.util.List.of(noGroups, none)) {
                    Compilation c = Compiler.compile(Source.read(f), o);
                    assertTrue(!c.tensorOptimized().graph().groups().present(), "no groups for " + f);
                    CodegenTesting.assertVerifies(c.generated().bytes());
                    check(c.tensorJoint(), c.model(), new SplittableRandom(n), LoopGenerator.TILE + 7, f + " " + o.passes());
                    n++;
                }
            }
        }
        assertTrue(n >= 10, "compilations checked: " + n);
    }

    @Test
    void randomModelsCompiledToLoopsMatchTheInterpreter() {
        AtomicInteger compared = new AtomicInteger();
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            String src = ModelSources.model(new SplittableRandom(seed));
            // half the models with every contraction a kernel call, half split as auto splits them
            CompileOptions options = (seed & 1) == 0 ? LOOPS : SPLIT;
            Compilation c;
            try {
                c = Compiler.compile(new Source("r.mg", src), options);
            } catch (CompileError e) {
                return;
            }
            CodegenTesting.assertVerifies(c.generated().bytes());
            SplittableRandom r = new SplittableRandom(seed);
            check(c.tensorJoint(), c.model(), r, 1 + r.nextInt(2 * LoopGenerator.TILE + 3), options.kernels() + ": " + src);
            compared.incrementAndGet();
        });
        assertTrue(compared.get() >= EXAMPLES / 3, "models compared: " + compared);
    }

    /**
     * Regression (pipeline fuzzer): an input's zero must not hide the NaN that a non-finite adjoint makes
     * in a weight gradient (0 * NaN): zeros of an input are skipped only in tiles whose adjoints are finite.
     */
    @Test
    void anInputZeroDoesNotHideANonFiniteAdjoint() {
        Compilation c = Compiler.compile(new Source("nan.mg", """
                input x[3]
                target y
                param W[3, 3] = -1
                loss = sum(sqrt(W @ x)) - y
                """), LOOPS);
        double[] params = new double[9];
        java.util.Arrays.fill(params, -1.0);
        double[] inputs = {1, 0, 2}, targets = {0};
        double[] grad = new double[9], expected = new double[9];
        c.model().lossAndGradient(params, inputs, targets, 0, 1, grad, c.model().newScratch());
        new TensorInterpretedModel(c.tensorJoint()).lossAndGradient(params, inputs, targets, 0, 1, expected, null);
        assertTrue(Double.isNaN(expected[1]), "the interpreter's gradient of W[0,1] is NaN (0 * NaN)");
        assertSame(expected, grad, "gradient");
    }

    /** A per-example gradient of a big weight used twice would need gigabytes per tile: a diagnostic, not a crash. */
    @Test
    void aPlanTooLargeForOneArrayIsAModelError() {
        CompileError e = org.junit.jupiter.api.Assertions.assertThrows(CompileError.class, () -> Compiler.compile(new Source("big.mg", """
                input x[4096]
                target y
                param W[4096, 4096] = 0
                loss = sum(W @ x) * sum(W @ (2 * x)) - y
                """), LOOPS));
        assertTrue(e.getMessage().contains("doubles of scratch, more than one Java array holds"), e.getMessage());
    }

    /**
     * Regression (pipeline fuzzer): skipping an input's zeros left a sum at -0.0 where the full sum is +0.0,
     * and 1/x turned that into -inf against the interpreter's +inf. Zero results are now re-summed in full.
     */
    @Test
    void skippedZeroTermsDoNotFlipTheSignOfAZeroSum() {
        Compilation c = Compiler.compile(new Source("zero.mg", """
                input x[2]
                target y
                param W[1, 2] = [[1, -1]]
                loss = sum(1 / (W @ x)) - y
                """), LOOPS);
        double[] params = {1, -1}, inputs = {0, 0}, targets = {0};
        double expected = new TensorInterpretedModel(c.tensorJoint()).loss(params, inputs, targets, 0, 1, null);
        assertEquals(Double.POSITIVE_INFINITY, expected, "the interpreter's sum is -0.0 + 0.0 + -0.0 = +0.0");
        assertEquals(expected, c.model().loss(params, inputs, targets, 0, 1, c.model().newScratch()));
    }

    /**
     * The split auto makes inside a loop-kernel model: moons' output layer (16 -> 1, a dot product per example) and the
     * gradient of its first layer's weights (16 x 2 per example) become per-example code, its 2 -> 16 and 16 -> 16
     * layers stay kernel calls; {@code --kernels loops} keeps every one a kernel call. Both equal the interpreter.
     */
    @Test
    void autoRunsContractionsNarrowerThanAVectorPerExampleAndLoopsRunsNone() throws Exception {
        Source moons = Source.read(Path.of("../examples/moons.mg"));
        Compilation split = Compiler.compile(moons, SPLIT), loops = Compiler.compile(moons, LOOPS);
        java.util.Set<String> splitMethods = split.generated().stats().methodSizes().keySet();
        assertTrue(splitMethods.containsAll(java.util.List.of("contract0", "contract1")), splitMethods.toString());
        for (String name : splitMethods)
            if (name.startsWith("contract"))
                assertTrue(split.generated().stats().methodSizes().get(name) < 8000, name + " must stay JIT-compilable");
        assertTrue(loops.generated().stats().methodSizes().keySet().stream().noneMatch(k -> k.startsWith("contract")),
                loops.generated().stats().methodSizes().toString());
        for (Compilation c : java.util.List.of(split, loops))
            check(c.tensorJoint(), c.model(), new SplittableRandom(5), LoopGenerator.TILE + 3, "moons " + (c == split ? "split" : "loops"));
        assertTrue(Partitioner.perExample(1, 16, 1) && Partitioner.perExample(16, 1, 2), "moons' two");
        assertTrue(!Partitioner.perExample(1, 2, 16) && !Partitioner.perExample(1, 16, 16) && !Partitioner.perExample(2, 65, 1));
    }

    /**
     * A per-example contraction keeps the chain rule's strong zero: relu's zero adjoint times an infinite partial
     * (1/0) is 0 in the weight gradient, as in the interpreter, not NaN; whichever operand is the adjoint.
     */
    @Test
    void aPerExampleContractionKeepsTheStrongZeroOfAZeroAdjoint() {
        for (String product : new String[] {"W @ (1 / x)", "(1 / x) @ V"}) {
            Compilation c = Compiler.compile(new Source("inf.mg", """
                    input x[2]
                    target y
                    param W[1, 2] = -1
                    param V[2, 1] = -1
                    loss = sum(relu(%s)) + 0 * sum(W) + 0 * sum(V) - y
                    """.formatted(product)), SPLIT);
            assertTrue(c.generated().stats().methodSizes().containsKey("contract0"), "a per-example contraction");
            double[] params = {-1, -1, -1, -1}, inputs = {0, 1}, targets = {0};
            double[] grad = new double[4], expected = new double[4];
            c.model().lossAndGradient(params, inputs, targets, 0, 1, grad, c.model().newScratch());
            new TensorInterpretedModel(c.tensorJoint()).lossAndGradient(params, inputs, targets, 0, 1, expected, null);
            for (double e : expected) assertTrue(e == 0, product + ": the interpreter's gradient is all zeros: " + java.util.Arrays.toString(expected));
            assertSame(expected, grad, product + ": gradient");
        }
    }

    /**
     * A row-vector product too long to unroll loops over K per example (the adjoint of h @ V, V = 2W: 1 x 200 by
     * 200 x 3) and keeps the strong zero there too: relu's zero adjoint times V's -inf is 0 (V is not a leaf, so the
     * product is strong), so W0's gradient stays finite. Random finite points too, against the interpreter.
     */
    @Test
    void aLongRowVectorProductLoopsOverKPerExampleAndKeepsStrongZeros() {
        Compilation c = Compiler.compile(new Source("long.mg", """
                input x[2]
                target y
                param W0[3, 2] = 0.5
                param W[3, 200] = -1
                h = tanh(W0 @ x)
                loss = sum(relu(h @ (2 * W))) - y
                """), SPLIT);
        assertTrue(Partitioner.perExample(1, 200, 3) && !Partitioner.perExample(1, 3, 200));
        assertTrue(c.generated().stats().methodSizes().keySet().stream().anyMatch(k -> k.startsWith("contract")),
                c.generated().stats().methodSizes().toString());
        for (int seed = 0; seed < 4; seed++)
            check(c.tensorJoint(), c.model(), new SplittableRandom(seed), 1 + 37 * seed, "long row, seed " + seed);
        double[] params = new double[6 + 600];
        java.util.Arrays.fill(params, 0, 6, 0.5);
        java.util.Arrays.fill(params, 6, params.length, -1);
        params[6 + 5] = Double.NEGATIVE_INFINITY;   // W[0, 5]: z_5 = -inf, relu'(z_5) = 0
        double[] inputs = {1, 2, 0.5, 1}, targets = {0, 0};   // h0 > 0 in both examples
        double[] grad = new double[params.length], expected = new double[params.length];
        c.model().lossAndGradient(params, inputs, targets, 0, 2, grad, c.model().newScratch());
        new TensorInterpretedModel(c.tensorJoint()).lossAndGradient(params, inputs, targets, 0, 2, expected, null);
        for (int i = 0; i < 6; i++) assertTrue(Double.isFinite(expected[i]), "the interpreter's W0 gradient is finite: " + expected[i]);
        assertSame(expected, grad, "gradient");
    }

    /** The run asked for a kernel flavour (the build runs these tests once per flavour): that flavour runs. */
    @Test
    void theRequestedKernelFlavourRuns() {
        String wanted = System.getProperty(mgc.runtime.kernel.Kernels.FLAVOUR_PROPERTY, "auto");
        String expected = wanted.equals("auto") ? (mgc.runtime.kernel.Kernels.vectorApiPresent() ? "vector" : "superword") : wanted;
        assertEquals(expected, mgc.runtime.kernel.Kernels.flavour());
    }
}
