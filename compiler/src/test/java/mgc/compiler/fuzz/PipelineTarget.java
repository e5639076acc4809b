package mgc.compiler.fuzz;

import java.io.PrintWriter;
import java.io.StringWriter;
import mgc.compiler.Compilation;
import mgc.compiler.CompileOptions;
import mgc.compiler.Compiler;
import mgc.compiler.codegen.ModelLoader;
import mgc.compiler.front.CompileError;
import mgc.compiler.front.Source;
import mgc.runtime.CompiledModel;
import mgc.runtime.ModelSignature;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * The whole pipeline as a fuzz target: bytes → source → front end → IR → diff → opt → codegen,
 * then (when asked) ASM's verifier with data flow, the JVM's verifier (defining the hidden class)
 * and one call of every hot method. Succeeds or fails with mgc's own diagnostic; anything else
 * (another exception, an error, an unverifiable class) is a bug and escapes as an AssertionError.
 */
final class PipelineTarget {
    private PipelineTarget() {}

    /** Small enough that a fuzzed shape cannot make one input take seconds. */
    static final CompileOptions OPTIONS = CompileOptions.defaults().withMaxNodes(60_000);

    enum Outcome { COMPILED, DIAGNOSED }

    static Outcome run(byte[] input, Compiler.Stage upTo, boolean verifyAndLoad) {
        Compilation c;
        try {
            c = Compiler.compile(Source.decode("fuzz.mg", input), OPTIONS, verifyAndLoad ? Compiler.Stage.BYTECODE : upTo);
        } catch (CompileError e) {
            String text = e.render();
            if (text.isEmpty() || !(text.contains(": error: ") || text.startsWith("fuzz.mg"))) {
                throw new AssertionError("a CompileError without a rendered diagnostic: " + text);
            }
            return Outcome.DIAGNOSED;
        }
        if (verifyAndLoad) verifyAndCall(c);
        return Outcome.COMPILED;
    }

    static void verifyAndCall(Compilation c) {
        StringWriter problems = new StringWriter();
        CheckClassAdapter.verify(new ClassReader(c.generated().bytes()), PipelineTarget.class.getClassLoader(), false,
                new PrintWriter(problems));
        if (!problems.toString().isEmpty()) throw new AssertionError("generated class fails verification:\n" + problems);
        ModelSignature sig = c.signature();
        CompiledModel m = ModelLoader.define(c.generated(), sig);
        double[] p = new double[sig.paramSize()], x = new double[sig.inputSize()], y = new double[sig.targetSize()];
        double[] scratch = m.newScratch(), g = new double[sig.paramSize()], out = new double[sig.outputSize()];
        m.forward(p, x, 0, 1, out, scratch);
        m.lossAndGradient(p, x, y, 0, 1, g, scratch);
        m.penaltyAndGradient(p, g, scratch);
    }
}
