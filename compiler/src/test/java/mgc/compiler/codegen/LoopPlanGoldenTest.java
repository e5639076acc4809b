package mgc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import mgc.compiler.Backend;
import mgc.compiler.Compilation;
import mgc.compiler.CompileOptions;
import mgc.compiler.Compiler;
import mgc.compiler.front.Source;
import mgc.compiler.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The loop back end's text form ({@code mgc emit M --stage schedule} for a loop-kernel model): golden files of every
 * example compiled with {@code --kernels loops} and of MNIST with {@code auto}, so that a change of a plan (a view, a
 * skipped zero, a step moved out of the tile loop) is a reviewable diff; {@code -Dmgc.updateGolden=true} rewrites them.
 */
class LoopPlanGoldenTest {

    static List<Path> examples() {
        return Golden.examples(true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void loopPlansMatchGolden(Path model) {
        Compilation c = Compiler.compile(Source.read(model), CompileOptions.defaults().withKernels(Backend.Choice.LOOPS));
        Golden.assertMatches("loops/" + Golden.stem(model) + ".plan", SchedulePrinter.print(c.generated()));
    }

    /** Every step of every entry point is printed, each on a line of its own, once-per-call steps first. */
    @Test
    void mnistsPlanNamesEveryEntryPointAndItsContractions() {
        Compilation c = Compiler.compile(Source.read(Golden.root().resolve("examples/mnist.mg")), CompileOptions.defaults());
        assertEquals(Backend.LOOPS, c.backend());
        String text = SchedulePrinter.print(c.generated());
        for (String entry : new String[] {"forward", "loss", "lossAndGradient", "lossAndOutputs", "penalty", "penaltyAndGradient"})
            assertTrue(text.contains("\n" + entry + ": "), entry + " in\n" + text);
        String lossAndGradient = text.substring(text.indexOf("\nlossAndGradient: "), text.indexOf("\nlossAndOutputs: "));
        assertEquals(6, lossAndGradient.split("\n  tile  contract ", -1).length - 1, lossAndGradient);   // as the bytecode's calls
        assertTrue(lossAndGradient.contains("contract 1x784x128 C scratch["), lossAndGradient);
        assertTrue(lossAndGradient.contains("+= A inputs[0 + t*784] (row 0, col 1)"), lossAndGradient);
        assertTrue(lossAndGradient.indexOf("  once  ") < lossAndGradient.indexOf("  tile  "), lossAndGradient);
    }
}
