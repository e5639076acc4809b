package mgc.compiler.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The diagnostic format's corner cases: tabs, wide line numbers, end of file, file-level errors, floods. */
class FrontRenderingTest {

    private static String errors(String text) {
        return assertThrows(CompileError.class, () -> FrontEnd.check(new Source("r.mg", text))).render();
    }

    @Test
    void caretFollowsTabsInTheSourceLine() {
        assertEquals("""
                r.mg:2:9: error: unknown name `zz`
                 2 | loss =\t\tzz
                   | \t\t\t^~
                """.replace(" | \t\t\t^", " |       \t\t^"), errors("input w\nloss =\t\tzz\n"));
    }

    @Test
    void gutterWidensWithTheLineNumber() {
        String text = "input w\n" + "\n".repeat(1000) + "loss = zz\n";
        assertEquals("""
                r.mg:1002:8: error: unknown name `zz`
                 1002 | loss = zz
                      |        ^~
                """, errors(text));
    }

    @Test
    void errorsAtEndOfFilePointPastTheLastCharacter() {
        assertEquals("""
                r.mg:1:12: error: expected an expression but found end of file
                 1 | loss = 1 +
                   |            ^
                """, errors("loss = 1 + "));
    }

    @Test
    void tooManyErrorsAreCutOffWithANote() {
        StringBuilder text = new StringBuilder("input x\nloss = x\n");
        for (int i = 0; i < Diagnostics.LIMIT + 7; i++) text.append("a").append(i).append(" = zz\n");
        String out = errors(text.toString());
        assertEquals(Diagnostics.LIMIT, out.split("error: unknown name", -1).length - 1);
        assertTrue(out.endsWith("r.mg: note: 7 more errors not shown\n"), out);
    }

    @Test
    void unreadableFilesAreDiagnosticsNotExceptions(@TempDir Path dir) throws IOException {
        Path latin1 = dir.resolve("latin1.mg");
        Files.write(latin1, new byte[] {'l', 'o', 's', 's', ' ', '=', ' ', (byte) 0xe9});
        CompileError e = assertThrows(CompileError.class, () -> Source.read(latin1));
        assertEquals(latin1 + ": error: is not valid UTF-8 text\n", e.render());
    }

    @Test
    void suggestionsAllowOneTypoInShortNamesAndTwoInLongOnes() {
        assertEquals(1, Suggestions.distance("tahn", "tanh"));
        assertEquals("W1", Suggestions.closest("W3", java.util.List.of("W1", "b1", "x")));
        assertEquals("softmax", Suggestions.closest("sofmtax", java.util.List.of("softmax", "sum")));
        assertEquals(null, Suggestions.closest("abc", java.util.List.of("xyz")));
    }
}
