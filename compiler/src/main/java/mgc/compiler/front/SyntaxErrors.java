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

        Listener(Diagnostics diagnostics) {
            this.diagnostics = diagnostics;
        }

        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                                String msg, RecognitionException e) {
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
        String what = describeExpected(expected);
        String f = describe(found);
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
        for (int type : types) words.add(tokenName(type));
        if (words.size() > 5) {
            words = new ArrayList<>(words.subList(0, 4));
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
