package mgc.compiler.front;

import java.util.List;
import mgc.grammar.MgLexer;
import mgc.grammar.MgParser;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.LexerNoViableAltException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;

/**
 * Source text to AST: lexes, rejects absurd nesting before the recursive-descent parser sees it,
 * parses with {@link SyntaxErrors}' recovery and wording, and builds the AST with {@link AstBuilder}.
 */
final class ModelParser {

    /** Deepest nesting of brackets that a model may have. */
    static final int MAX_NESTING = 256;

    /**
     * Deepest expression tree (operators within operators, e.g. a sum of that many terms) that a model may
     * have: later stages walk expressions recursively on ordinary thread stacks.
     */
    static final int MAX_EXPRESSION_DEPTH = 1000;

    /** Longest name: longer ones are surely garbage, and every message would repeat them. */
    static final int MAX_NAME_LENGTH = 256;

    private ModelParser() {}

    /** The statements of the model, or null when there were syntax errors (recorded in {@code diagnostics}). */
    static List<Stmt> parse(Source source, Diagnostics diagnostics) {
        SyntaxErrors.Listener listener = new SyntaxErrors.Listener(diagnostics);
        MgLexer lexer = new MgLexer(CharStreams.fromString(source.text(), source.name())) {
            @Override
            public void notifyListeners(LexerNoViableAltException e) {
                String text = _input.getText(Interval.of(_tokenStartCharIndex, _input.index()));
                String msg = text.startsWith("\"") ? "unterminated string"
                        : "unexpected character '" + printable(text.codePointAt(0)) + "'";
                getErrorListenerDispatch().syntaxError(this, null, _tokenStartLine, _tokenStartCharPositionInLine, msg, e);
            }
        };
        lexer.removeErrorListeners();
        lexer.addErrorListener(listener);
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        if (!checkLimits(tokens.getTokens(), diagnostics) || diagnostics.hasErrors()) return null;

        MgParser parser = new MgParser(tokens);
        parser.removeErrorListeners();
        parser.addErrorListener(listener);
        parser.setErrorHandler(new SyntaxErrors());
        MgParser.ProgramContext tree = parser.program();
        if (diagnostics.hasErrors()) return null;
        return new AstBuilder(source, diagnostics).program(tree);
    }

    /** Brackets nested deeper than {@link #MAX_NESTING} and overlong names are errors, found without recursion. */
    private static boolean checkLimits(List<Token> tokens, Diagnostics diagnostics) {
        int depth = 0;
        for (Token t : tokens) {
            String s = t.getText();
            if (t.getType() == MgLexer.ID && s.length() > MAX_NAME_LENGTH) {
                diagnostics.error(new Pos(t.getLine(), t.getCharPositionInLine() + 1, s.length()),
                        "name is too long (the limit is " + MAX_NAME_LENGTH + " characters)");
                return false;
            }
            if (s.equals("(") || s.equals("[") || s.equals("{")) {
                if (++depth > MAX_NESTING) {
                    diagnostics.error(new Pos(t.getLine(), t.getCharPositionInLine() + 1, 1),
                            "brackets nested too deeply (the limit is " + MAX_NESTING + " levels)",
                            "split the expression into named assignments");
                    return false;
                }
            } else if (s.equals(")") || s.equals("]") || s.equals("}")) {
                depth = Math.max(0, depth - 1);
            }
        }
        return true;
    }

    private static String printable(int codePoint) {
        if (codePoint < 0x20 || codePoint == 0x7f) return String.format("\\u%04x", codePoint);
        return new String(Character.toChars(codePoint));
    }
}
