package mgc.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import mgc.compiler.front.Source;
import org.junit.jupiter.api.Test;

/**
 * `auto` picks the back end by the largest contraction, at the measured threshold, and inside a loop-kernel model
 * runs narrow contractions per example (Partitioner's comments).
 */
class PartitionerTest {

    private static Compilation compile(String example) {
        return Compiler.compile(Source.read(Path.of("../examples", example)), CompileOptions.defaults(), Compiler.Stage.OPT);
    }

    @Test
    void theExamplesGoWhereTheyMeasuredFastest() {
        assertEquals(Backend.UNROLLED, compile("moons.mg").backend());    // 16 x 16 = 256
        assertEquals(Backend.UNROLLED, compile("softmax.mg").backend());
        assertEquals(Backend.LOOPS, compile("residual.mg").backend());    // 32 x 32 = 1,024
        assertEquals(Backend.LOOPS, compile("mnist.mg").backend());
    }

    /** The reason `mgc bench` and `mgc emit --stats` print: the flag, or the largest contraction against the threshold. */
    @Test
    void theChoiceIsExplained() {
        assertEquals("--kernels auto: largest contraction 100,352 multiply-adds per example, loops from 1,024",
                compile("mnist.mg").backendReason());
        assertEquals("--kernels auto: largest contraction 256 multiply-adds per example, loops from 1,024",
                compile("moons.mg").backendReason());
        Compilation forced = Compiler.compile(Source.read(Path.of("../examples", "moons.mg")),
                CompileOptions.defaults().withKernels(Backend.Choice.LOOPS), Compiler.Stage.TENSOR);
        assertEquals("--kernels loops", forced.backendReason());
    }

    /** 32 x 32 = 1,024 multiply-adds per example goes to loops; 32 x 31 = 992 stays unrolled. */
    @Test
    void theThresholdIsInclusive() {
        String model = """
                input x[%d]
                target y
                param W[%d, %d] = 0
                s = sum(W @ x)
                output s
                loss = (s - y)^2
                """;
        assertEquals(Backend.LOOPS, Compiler.compile(new Source("t.mg", model.formatted(32, 32, 32)), CompileOptions.defaults(),
                Compiler.Stage.OPT).backend());
        assertEquals(Backend.UNROLLED, Compiler.compile(new Source("t.mg", model.formatted(31, 32, 31)), CompileOptions.defaults(),
                Compiler.Stage.OPT).backend());
    }

    /** Rows of at most 7 columns, and at most 128 multiply-adds per example or a single row, go per example; nothing else. */
    @Test
    void narrowSmallContractionsGoPerExample() {
        assertTrue(Partitioner.perExample(1, 16, 1));      // a dot product: an output layer 16 -> 1
        assertTrue(Partitioner.perExample(1, 18, 7));      // 126 terms, 7 wide
        assertTrue(Partitioner.perExample(64, 1, 2));      // the weight gradient of a 2 -> 64 layer
        assertTrue(Partitioner.perExample(1, 128, 1));
        assertTrue(Partitioner.perExample(1, 784, 3));     // one long row: a loop over K
        assertFalse(Partitioner.perExample(1, 2, 8));      // a row that fills a vector
        assertFalse(Partitioner.perExample(2, 65, 1));     // 130 terms in two rows
        assertFalse(Partitioner.perExample(2, 10, 7));     // 140 terms
        assertFalse(Partitioner.perExample(65, 1, 2));
    }
}
