package mgc.compiler.fuzz;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import mgc.compiler.Compilation;
import mgc.compiler.CompileOptions;
import mgc.compiler.Compiler;
import mgc.compiler.front.CompileError;
import mgc.compiler.front.Source;
import mgc.compiler.testing.InterpreterComparison;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * The whole pipeline as a fuzz target: bytes → source → front end → IR → diff → opt → codegen,
 * then (when asked) every back end of {@link InterpreterComparison}: the JVM's verifier (defining
 * the hidden class), ASM's verifier with data flow, and the hot methods against the interpreter at
 * random points. Succeeds or fails with mgc's own diagnostic; anything else (another exception, an
 * error, an unverifiable class, a value that differs from the interpreter's) is a bug and escapes.
 */
final class PipelineTarget {
    private PipelineTarget() {}

    /** Small enough that a fuzzed shape cannot make one input take seconds. */
    static final CompileOptions OPTIONS = CompileOptions.defaults().withMaxNodes(60_000);
    /**
     * Doubles of parameters and scratch above which a compiled model is verified but not run: for the same reason
     * as the node limit. The loop back end compiles any size (a fuzzed `K = 100000` gives MNIST 12.8 million
     * parameters), and running every back end and the interpreter on it takes longer than the time limit;
     * large shapes are compared in the kernels' own property tests and in LoopsMatchTensorInterpreterTest.
     */
    static final long MAX_RUN_DOUBLES = 4_000_000;
    /** Random points per compiled model: each runs every hot method on 1 to 4 examples. */
    static final int POINTS = 2;

    enum Outcome { COMPILED, DIAGNOSED }

    /**
     * Compiles up to the optimised IR, or (with {@code compareWithInterpreter}) all the way, and compares;
     * {@code asmVerifier} adds ASM's data-flow verifier (the costliest step, about 10 ms a class).
     */
    static Outcome run(byte[] input, boolean compareWithInterpreter, boolean asmVerifier) {
        List<Compilation> compiled;
        try {
            Source source = Source.decode("fuzz.mg", input);
            compiled = compareWithInterpreter ? InterpreterComparison.compileAll(source, OPTIONS)
                    : List.of(Compiler.compile(source, OPTIONS, Compiler.Stage.OPT));
        } catch (CompileError e) {
            String text = e.render();
            if (text.isEmpty() || !(text.contains(": error: ") || text.startsWith("fuzz.mg"))) {
                throw new AssertionError("a CompileError without a rendered diagnostic: " + text);
            }
            return Outcome.DIAGNOSED;
        }
        if (compareWithInterpreter) {
            for (Compilation c : compiled) {
                if (asmVerifier) assertVerifies(c);
                if ((long) c.model().signature().paramSize() + c.model().scratchSize() > MAX_RUN_DOUBLES) continue;
                // the points come from the input, so that a failure replays from the input alone
                InterpreterComparison.assertMatchesInterpreter(c, new SplittableRandom(Arrays.hashCode(input)), POINTS);
            }
        }
        return Outcome.COMPILED;
    }

    static void assertVerifies(Compilation c) {
        StringWriter problems = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(c.generated().bytes()), PipelineTarget.class.getClassLoader(), false,
                new PrintWriter(problems));
        if (!problems.toString().isEmpty()) throw new AssertionError("generated class fails verification:\n" + problems);
    }
}
