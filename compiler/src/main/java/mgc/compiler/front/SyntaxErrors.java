package mgc.compiler.front;

import java.util.ArrayList;
import java.util.List;
import mgc.grammar.MgLexer;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.FailedPredicateException;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * ANTLR's error recovery with mgc's wording: every syntax error reads "expected X but found Y", in
 * words a model author knows ("an expression", "a name"), never a token dump. Also the listener that
 * turns ANTLR's reports into {@link Diagnostic}s.
 */
final class SyntaxErrors extends DefaultErrorStrategy {

    /** Receives the messages composed below (and the lexer's) and records them as diagnostics. */
    static final class Listener extends BaseErrorListener {
        private final Diagnostics diagnostics;
        private int lastLine;

        Listener(Diagnostics diagnostics) {
            this.diagnostics = diagnostics;
        }

        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                                String msg, RecognitionException e) {
            // A second error on the same line is nearly always the recovery's echo of the first.
            if (line == lastLine) return;
            lastLine = line;
            int length = 1;
            if (offendingSymbol instanceof Token t && t.getType() != Token.EOF && t.getStopIndex() >= t.getStartIndex())
                length = t.getStopIndex() - t.getStartIndex() + 1;
            diagnostics.error(new Pos(line, charPositionInLine + 1, length), msg);
        }
    }

    @Override
    protected void reportNoViableAlternative(Parser recognizer, NoViableAltException e) {
        report(recognizer, e.getOffendingToken(), expectedAt(recognizer, e), e);
    }

    @Override
    protected void reportInputMismatch(Parser recognizer, InputMismatchException e) {
        report(recognizer, e.getOffendingToken(), e.getExpectedTokens(), e);
    }

    @Override
    protected void reportFailedPredicate(Parser recognizer, FailedPredicateException e) {
        report(recognizer, e.getOffendingToken(), null, e);
    }

    @Override
    protected void reportUnwantedToken(Parser recognizer) {
        if (inErrorRecoveryMode(recognizer)) return;
        beginErrorCondition(recognizer);
        Token t = recognizer.getCurrentToken();
        recognizer.notifyErrorListeners(t, message(getExpectedTokens(recognizer), t), null);
    }

    @Override
    protected void reportMissingToken(Parser recognizer) {
        if (inErrorRecoveryMode(recognizer)) return;
        beginErrorCondition(recognizer);
        Token t = recognizer.getCurrentToken();
        recognizer.notifyErrorListeners(t, message(getExpectedTokens(recognizer), t), null);
    }

    private static IntervalSet expectedAt(Parser recognizer, NoViableAltException e) {
        // The set at the decision's start is what could have begun here; fall back to the rule's follow.
        try {
            return e.getExpectedTokens();
        } catch (RuntimeException ignored) {
            return recognizer.getExpectedTokens();
        }
    }

    private static void report(Parser recognizer, Token offending, IntervalSet expected, RecognitionException e) {
        recognizer.notifyErrorListeners(offending, message(expected, offending), e);
    }

    static String message(IntervalSet expected, Token found) {
        String f = describe(found);
        // After a failed prediction ANTLR's set may hold the very token it stopped at: say only that.
        if (expected != null && found != null && expected.contains(found.getType()))
            return "unexpected " + f + (found.getType() == Token.EOF ? "" : " here");
        String what = describeExpected(expected);
        return what == null ? "unexpected " + f : "expected " + what + " but found " + f;
    }

    /** The token as the user wrote it: {@code 'x'}, or "end of file". */
    static String describe(Token t) {
        if (t == null || t.getType() == Token.EOF) return "end of file";
        String text = t.getText();
        if (text.length() > 20) text = text.substring(0, 17) + "...";
        return "'" + text.replace("\n", "\\n").replace("\t", "\\t") + "'";
    }

    private static final int[] EXPRESSION_START = {MgLexer.ID, MgLexer.NUMBER};
    private static final int[] STATEMENT_START = {MgLexer.CONST, MgLexer.INPUT, MgLexer.TARGET, MgLexer.PARAM,
            MgLexer.FN, MgLexer.OUTPUT, MgLexer.LOSS, MgLexer.PENALTY, MgLexer.TRAIN};

    private static final List<String> OPERATORS =
            List.of("+", "-", "*", "/", "@", "^", "[", "<", "<=", ">", ">=", "==", "!=");
    private static final List<Integer> ARITHMETIC =
            List.of(literal("+"), literal("-"), literal("*"), literal("/"), literal("@"), literal("^"));
    /** A pseudo token type standing for all of {@link #OPERATORS}. */
    private static final int OPERATOR = Integer.MAX_VALUE;

    private static String describeExpected(IntervalSet set) {
        if (set == null || set.isNil()) return null;
        List<Integer> types = new ArrayList<>(set.toList());
        List<String> words = new ArrayList<>();
        if (containsAll(types, STATEMENT_START)) {
            removeAll(types, STATEMENT_START);
            // `name =` starts an assignment; a name here means a statement, not an expression.
            types.remove(Integer.valueOf(MgLexer.ID));
            words.add("a statement");
        }
        if (containsAll(types, EXPRESSION_START) && types.contains(literal("("))) {
            removeAll(types, EXPRESSION_START);
            for (String op : new String[] {"(", "[", "-", "+"}) types.remove(Integer.valueOf(literal(op)));
            words.add("an expression");
        }
        if (types.contains(MgLexer.STRING) && types.contains(MgLexer.NUMBER) && types.contains(MgLexer.ID)) {
            // The start of a value in the train block.
            for (int t : new int[] {MgLexer.STRING, MgLexer.NUMBER, MgLexer.ID, literal("["), literal("-"), literal("+")})
                types.remove(Integer.valueOf(t));
            words.add("a value");
        }
        if (types.containsAll(ARITHMETIC)) {
            // What may follow an operand: every binary operator, indexing, comparisons.
            for (String op : OPERATORS) types.remove(Integer.valueOf(literal(op)));
            types.add(OPERATOR);
        }
        for (int type : types) words.add(type == OPERATOR ? "an operator" : tokenName(type));
        if (words.size() > 6) {
            words = new ArrayList<>(words.subList(0, 5));
            words.add("...");
        }
        if (words.isEmpty()) return null;
        if (words.size() == 1) return words.get(0);
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    private static String tokenName(int type) {
        if (type == Token.EOF) return "end of file";
        if (type == MgLexer.ID) return "a name";
        if (type == MgLexer.NUMBER) return "a number";
        if (type == MgLexer.STRING) return "a string";
        String literal = MgLexer.VOCABULARY.getLiteralName(type);
        return literal != null ? literal : MgLexer.VOCABULARY.getDisplayName(type);
    }

    private static int literal(String text) {
        String quoted = "'" + text + "'";
        for (int t = 1; t <= MgLexer.VOCABULARY.getMaxTokenType(); t++)
            if (quoted.equals(MgLexer.VOCABULARY.getLiteralName(t))) return t;
        throw new IllegalStateException("no token " + quoted);
    }

    private static boolean containsAll(List<Integer> types, int[] wanted) {
        for (int w : wanted) if (!types.contains(w)) return false;
        return true;
    }

    private static void removeAll(List<Integer> types, int[] unwanted) {
        for (int u : unwanted) types.remove(Integer.valueOf(u));
    }
}
