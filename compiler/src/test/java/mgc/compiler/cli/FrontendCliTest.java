package mgc.compiler.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mgc.compiler.testing.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mgc command's front-end behaviour: help, version, exit codes, diagnostics and never a stack trace. */
class FrontendCliTest {

    record Run(int code, String out, String err) {}

    static Run mgc(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        Run r = new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertFalse(r.err.contains("\tat ") || r.err.contains("Exception"), "stack trace on stderr:\n" + r.err);
        return r;
    }

    static String example(String name) {
        return Golden.root().resolve("examples/" + name + ".mg").toString();
    }

    @Test
    void helpListsEverySubcommand() {
        Run r = mgc("--help");
        assertEquals(0, r.code);
        for (String c : List.of("compile", "emit", "check", "eval", "train", "predict", "bench"))
            assertTrue(r.out.contains(c), r.out);
        assertTrue(r.out.startsWith("Usage: mgc"), r.out);
    }

    @Test
    void everySubcommandHasHelp() {
        for (String c : List.of("compile", "emit", "check", "eval", "train", "predict", "bench")) {
            Run r = mgc(c, "--help");
            assertEquals(0, r.code, c);
            assertTrue(r.out.startsWith("Usage: mgc " + c), r.out);
        }
    }

    @Test
    void versionPrintsTheVersion() {
        Run r = mgc("--version");
        assertEquals(0, r.code);
        assertEquals(Main.VERSION + System.lineSeparator(), r.out);
    }

    @Test
    void checkAcceptsEveryExample() {
        for (Path p : Golden.examples()) {
            Run r = mgc("check", p.toString(), "--points", "2", "--sample", "40");
            assertEquals(0, r.code, r.err + r.out);
            assertTrue(r.out.matches("(?s).*max relative error: \\S+ over \\d+ gradients at 2 points\\R"), r.out);
        }
    }

    @Test
    void emitAstPrintsTheGoldenAst() {
        Run r = mgc("emit", example("moons"), "--stage", "ast");
        assertEquals(0, r.code, r.err);
        assertEquals(Golden.read(Golden.root().resolve("compiler/src/test/resources/golden/ast/moons.ast")), r.out);
    }

    @Test
    void emitIrPrintsTheGoldenIrAndItsStats() {
        Run r = mgc("emit", example("neuron"), "--stage", "ir");
        assertEquals(0, r.code, r.err);
        assertEquals(Golden.read(Golden.root().resolve("compiler/src/test/resources/golden/ir/neuron.ir")), r.out);
        r = mgc("emit", example("neuron"), "--stage", "ir", "--stats");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.endsWith(String.format("%-10s %d%n", "total", 14)), r.out);
        r = mgc("emit", example("neuron"), "--stage", "ir", "--format", "dot");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.startsWith("digraph mgc {"), r.out);
    }

    @Test
    void modelErrorsExitWithOneFromEverySubcommand(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.mg");
        Files.writeString(bad, "input x[2]\nparam W1[3, 2] = 0\nloss = sum(W2 @ x)\n");
        String expected = bad + ":3:12: error: unknown name `W2`\n"
                + " 3 | loss = sum(W2 @ x)\n"
                + "   |            ^~\n"
                + "hint: did you mean `W1`?\n";
        for (String c : List.of("compile", "emit", "check", "eval", "train", "predict", "bench")) {
            Run r = c.equals("predict") ? mgc(c, bad.toString(), "--params", "p.ckpt", "--data", "d.csv")
                    : mgc(c, bad.toString());
            assertEquals(1, r.code, c);
            assertEquals(expected, r.err, c);
        }
        Run r = mgc(bad.toString());
        assertEquals(1, r.code);
        assertEquals(expected, r.err);
    }

    @Test
    void missingModelFileExitsWithOne(@TempDir Path dir) {
        Run r = mgc("check", dir.resolve("none.mg").toString());
        assertEquals(1, r.code);
        assertEquals(dir.resolve("none.mg") + ": error: no such file\n", r.err);
        r = mgc("check", dir.toString());
        assertEquals(1, r.code);
        assertEquals(dir + ": error: is a directory, not a model file\n", r.err);
    }

    @Test
    void usageErrorsExitWithTwo() {
        Run r = mgc("check", example("moons"), "--no-such-option");
        assertEquals(2, r.code);
        assertTrue(r.err.contains("Unknown option: '--no-such-option'"), r.err);
        assertEquals(2, mgc("check").code);
        assertEquals(2, mgc().code);
        assertEquals(2, mgc("emit", example("moons"), "--stage", "nonsense").code);
        // the code generator's own bounds, not a smaller one that let 200..255 through to an internal error
        for (String budget : new String[] {"255", "8001"}) {
            Run b = mgc("compile", example("moons"), "--budget", budget);
            assertEquals(2, b.code, b.err);
            assertTrue(b.err.contains("--budget must be between 256 and 8000 bytes"), b.err);
        }
    }

    @Test
    void aModelTooLargeToUnrollIsAModelErrorAtTheExpressionThatCrossesTheLimit() {
        Run r = mgc("eval", example("moons"), "--max-nodes", "100");
        assertEquals(1, r.code, r.err);
        assertTrue(r.err.contains("error: the model unrolls to more than 100 scalar nodes"), r.err);
        assertTrue(r.err.contains("moons.mg:"), r.err);
        assertTrue(r.err.contains("--max-nodes"), r.err);
    }

    @Test
    void internalErrorsAskForAReportAndShowTheStackOnlyWithDebug() {
        java.io.StringWriter quiet = new java.io.StringWriter(), debug = new java.io.StringWriter();
        assertEquals(3, Main.handle(new IllegalStateException("boom"), new java.io.PrintWriter(quiet), false));
        assertEquals("mgc: internal error: boom\nplease report this at " + Main.REPORT_URL
                + " (run with --debug for details)\n", quiet.toString().replace(System.lineSeparator(), "\n"));
        assertEquals(3, Main.handle(new IllegalStateException("boom"), new java.io.PrintWriter(debug), true));
        assertTrue(debug.toString().contains("\tat "), debug.toString());
    }
}
