package mgc.compiler.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A diagnostic on a very long line shows a window around the caret, not the whole line. */
class LongLineRenderingTest {

    @Test
    void aLongLineIsCutAroundTheCaretWhichStillPointsAtTheError() {
        String terms = "x + ".repeat(400);
        String text = "input x\ntarget y\nparam w = 1\nloss = w * (" + terms + "oops + " + terms + "x)\n";
        CompileError e = assertThrows(CompileError.class, () -> FrontEnd.check(new Source("long.mg", text)));
        String[] lines = e.render().split("\n");
        assertTrue(lines[0].startsWith("long.mg:4:"), lines[0]);
        assertTrue(lines[0].contains("unknown name `oops`"), lines[0]);
        assertTrue(lines[1].length() < 200 && lines[1].contains("...") && lines[1].contains("oops"), lines[1]);
        int caret = lines[2].indexOf('^');
        assertEquals("oops", lines[1].substring(caret, caret + 4));
    }
}
