package mgc.compiler.cli;

import static mgc.compiler.cli.FrontendCliTest.example;
import static mgc.compiler.cli.FrontendCliTest.mgc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import mgc.compiler.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mgc bench}: a whole run per back end, and what it says when the generated code allocates. */
class BenchCliTest {

    /** Both back ends: the report's rows, and warm generated code that allocates nothing (no warning). */
    @Test
    void benchReportsTimesAndThatWarmGeneratedCodeAllocatesNothing(@TempDir Path dir) throws java.io.IOException {
        for (String kernels : new String[] {"unrolled", "loops"}) {
            Path md = dir.resolve("new/" + kernels + ".md");   // its directory is made first
            FrontendCliTest.Run r = mgc("bench", example("moons"), "--seconds", "0.2", "--batch", "16", "--kernels", kernels,
                    "--markdown", md.toString());
            assertEquals(0, r.code(), r.out() + r.err());
            assertTrue(Files.readString(md).contains("ns/example"), kernels);
            assertTrue(r.out().contains(kernels.equals("loops") ? "loop kernels (" : "unrolled straight-line code"), r.out());
            assertTrue(r.out().matches("(?s).*loss\\+gradient, generated code +[0-9.]+ ns/example.*"), r.out());
            // hot paths allocate nothing; a one-off allocation during the timing spread over its calls rounds to ~0
            java.util.regex.Matcher bytes = java.util.regex.Pattern.compile("allocated per call, generated code +([0-9,]+) bytes\n")
                    .matcher(r.out());
            assertTrue(bytes.find(), kernels + ":\n" + r.out());
            assertTrue(Long.parseLong(bytes.group(1).replace(",", "")) <= 16, kernels + ":\n" + r.out());
            assertFalse(r.out().contains("warning:"), r.out());
        }
    }

    @Test
    void allocationIsWarnedAboutWithTheWayOutForVectorKernelsAndAsABugElsewhere() {
        assertNull(BenchCommand.allocationWarning(0, Backend.LOOPS, "vector"));
        assertNull(BenchCommand.allocationWarning(BenchCommand.ALLOCATION_WARNING_BYTES, Backend.LOOPS, "vector"));
        String vector = BenchCommand.allocationWarning(38_000_000, Backend.LOOPS, "vector");
        assertTrue(vector.startsWith("warning: the generated code allocated 38,000,000 bytes per call once warm: the JIT did not"), vector);
        assertTrue(vector.endsWith("MGC_JAVA_OPTS=-Dmgc.kernels.flavour=superword runs the other flavour"), vector);
        for (String other : new String[] {
                BenchCommand.allocationWarning(4096, Backend.LOOPS, "superword"),
                BenchCommand.allocationWarning(4096, Backend.UNROLLED, "vector")})
            assertTrue(other.endsWith("bytes per call once warm, where it should allocate nothing: please report it with the model"), other);
    }

    /** The warm-up verdict: when the speed last fell more than 10% short of the median of the ten agreeing windows. */
    @Test
    void warmUpEndsAfterTheLastSlowWindowNotAfterTheConfirmingOnes() {
        double[] settling = {500, 300, 120, 104, 100, 101, 99, 100, 102, 98, 100, 100, 101};
        assertFalse(BenchCommand.stable(java.util.Arrays.copyOf(settling, 9)), "fewer than ten windows");
        assertTrue(BenchCommand.stable(settling));
        // 120 is 20% above the median 100.5 of the last ten: steady from the window after it, the fourth
        assertEquals(3, BenchCommand.steadyFrom(settling));
        // within 10% everywhere: steady from the start; a window exactly 10% above the median is steady too
        assertEquals(0, BenchCommand.steadyFrom(new double[] {110, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100}));
        // a late pause outside the last ten still counts: the speed fell short after the JIT was done
        double[] latePause = {300, 100, 100, 100, 180, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100};
        assertEquals(5, BenchCommand.steadyFrom(latePause));
        // one window of the last ten more than 10% off (either way) is not stable yet
        assertFalse(BenchCommand.stable(new double[] {100, 100, 100, 100, 112, 100, 100, 100, 100, 100}));
        assertFalse(BenchCommand.stable(new double[] {100, 100, 100, 100, 88, 100, 100, 100, 100, 100}));
    }

    @Test
    void aWarmUpThatNeverSettlesSaysSo() {
        assertEquals("1.25 s (800 calls)", new BenchCommand.Warmup(1.25, 800, true).describe());
        assertEquals("not steady within 30 s (9000 calls)", new BenchCommand.Warmup(30.0004, 9000, false).describe());
    }
}
