package mgc.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import mgc.compiler.front.Source;
import org.junit.jupiter.api.Test;

/** `auto` picks the back end by the largest contraction, at the measured threshold (Partitioner's comment). */
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
}
