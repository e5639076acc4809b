package mgc.runtime.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed setting such as {@code sgd(lr = 1.0 to 0.1)}.
 *
 * <pre>
 * spec  := call | NAME ':' [arg (',' arg)*]        short form, e.g. moons:n=100,noise=0.1
 * call  := NAME ['(' [arg (',' arg)*] ')']
 * arg   := [NAME '='] value
 * value := NUMBER 'to' NUMBER | NUMBER | STRING | call
 * </pre>
 * Numbers are decimal ({@code -1.5e-3}); strings are double-quoted with {@code \"} and {@code \\} escapes;
 * a bare name ({@code all}, {@code true}) is a call without arguments.
 */
public final class Spec {

    public sealed interface Value {
        /** The value as the user wrote it, for messages. */
        String text();
    }

    public record Num(double value, String text) implements Value { }

    public record Str(String value, String text) implements Value { }

    /** {@code A to B}. */
    public record Range(double from, double to, String text) implements Value { }

    public record Arg(String name /* null when positional */, Value value) { }

    /** {@code name(args)}; a bare name has no arguments. */
    public record Call(String name, List<Arg> args, String text) implements Value {
        public Call {
            args = List.copyOf(args);
        }

        /**
         * Binds positional and named arguments to {@code params} (in order), refusing unknown names,
         * duplicates and extra positional arguments. {@code what} names this call in messages.
         */
        public Args bind(String what, String... params) {
            Map<String, Value> bound = new LinkedHashMap<>();
            int position = 0;
            boolean named = false;
            for (Arg a : args) {
                String key;
                if (a.name() == null) {
                    if (named) throw new SpecException(what + " `" + text + "`: positional argument `" + a.value().text()
                            + "` after named ones");
                    if (position >= params.length) throw new SpecException(what + " `" + text + "`: too many arguments; "
                            + name + " takes " + expected(params));
                    key = params[position++];
                } else {
                    named = true;
                    key = a.name();
                    if (!List.of(params).contains(key)) throw new SpecException(what + " `" + text + "`: " + name
                            + " has no parameter `" + key + "`; it takes " + expected(params));
                }
                if (bound.put(key, a.value()) != null)
                    throw new SpecException(what + " `" + text + "`: `" + key + "` is given twice");
            }
            return new Args(what + " `" + text + "`", bound);
        }

        private static String expected(String[] params) {
            return params.length == 0 ? "no arguments" : String.join(", ", params);
        }
    }

    /** Arguments bound to parameter names, with typed accessors that explain what was expected. */
    public record Args(String context, Map<String, Value> values) {

        public boolean has(String key) {
            return values.containsKey(key);
        }

        public Value get(String key) {
            return values.get(key);
        }

        public double number(String key, double fallback) {
            Value v = values.get(key);
            if (v == null) return fallback;
            if (v instanceof Num n) return n.value();
            throw new SpecException(context + ": `" + key + "` must be a number, not `" + v.text() + "`");
        }

        public double positive(String key, double fallback) {
            double d = number(key, fallback);
            if (!(d > 0)) throw new SpecException(context + ": `" + key + "` must be positive, not " + d);
            return d;
        }

        public int integer(String key, int fallback) {
            double d = number(key, fallback);
            if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE)
                throw new SpecException(context + ": `" + key + "` must be a whole number, not " + values.get(key).text());
            return (int) d;
        }

        public long wholeLong(String key, long fallback) {
            Value v = values.get(key);
            if (v == null) return fallback;
            if (v instanceof Num n && Numbers.isInteger(n.text())) return Long.parseLong(n.text().replace("+", ""));
            throw new SpecException(context + ": `" + key + "` must be a whole number, not `" + v.text() + "`");
        }

        public boolean bool(String key, boolean fallback) {
            Value v = values.get(key);
            if (v == null) return fallback;
            if (v instanceof Call c && c.args().isEmpty() && (c.name().equals("true") || c.name().equals("false")))
                return c.name().equals("true");
            throw new SpecException(context + ": `" + key + "` must be true or false, not `" + v.text() + "`");
        }

        public String string(String key) {
            Value v = values.get(key);
            if (v == null) throw new SpecException(context + ": `" + key + "` is missing");
            if (v instanceof Str s) return s.value();
            throw new SpecException(context + ": `" + key + "` must be a quoted string, not `" + v.text() + "`");
        }
    }

    private final String text;
    private final String what;
    private int pos;

    private Spec(String text, String what) {
        this.text = text;
        this.what = what;
    }

    /** Parses {@code text}; {@code what} ("optimizer", "data", ...) names the setting in error messages. */
    public static Call parse(String text, String what) {
        Spec p = new Spec(text, what);
        p.skipSpace();
        int start = p.pos;
        String name = p.name();
        Call call;
        p.skipSpace();
        if (p.peek() == ':') {
            p.pos++;
            List<Arg> args = new ArrayList<>();
            p.skipSpace();
            if (!p.atEnd()) {
                args.add(p.arg());
                while (p.accept(',')) args.add(p.arg());
            }
            call = new Call(name, args, text.strip());
        } else {
            p.pos = start;
            call = p.call();
        }
        p.skipSpace();
        if (!p.atEnd()) throw p.error("expected the end after `" + text.substring(start, p.pos).strip() + "`");
        return call;
    }

    private Call call() {
        int start = pos;
        String name = name();
        List<Arg> args = new ArrayList<>();
        skipSpace();
        if (peek() == '(') {
            pos++;
            skipSpace();
            if (peek() != ')') {
                args.add(arg());
                while (accept(',')) args.add(arg());
            }
            expect(')');
        }
        return new Call(name, args, text.substring(start, pos).strip());
    }

    private Arg arg() {
        skipSpace();
        int start = pos;
        if (isNameStart(peek())) {
            String name = name();
            skipSpace();
            if (peek() == '=') {
                pos++;
                return new Arg(name, value());
            }
            pos = start;
        }
        return new Arg(null, value());
    }

    private Value value() {
        skipSpace();
        int start = pos;
        char c = peek();
        if (c == '"') return string();
        if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
            double from = number();
            skipSpace();
            int mark = pos;
            if (isNameStart(peek()) && name().equals("to")) {
                skipSpace();
                double to = number();
                return new Range(from, to, text.substring(start, pos).strip());
            }
            pos = mark;
            return new Num(from, text.substring(start, pos).strip());
        }
        if (isNameStart(c)) return call();
        throw error("expected a number, a string or a name");
    }

    private double number() {
        int start = pos;
        if (peek() == '-' || peek() == '+') pos++;
        while (Character.isDigit(peek()) || peek() == '.') pos++;
        if ((peek() == 'e' || peek() == 'E') && pos > start) {
            pos++;
            if (peek() == '-' || peek() == '+') pos++;
            while (Character.isDigit(peek())) pos++;
        }
        String s = text.substring(start, pos);
        if (!Numbers.isDecimal(s)) {
            pos = start;
            throw error("expected a number");
        }
        return Double.parseDouble(s);
    }

    private Str string() {
        int start = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (atEnd()) throw error("unterminated string");
            char c = text.charAt(pos++);
            if (c == '"') break;
            if (c == '\\' && !atEnd()) c = text.charAt(pos++);
            sb.append(c);
        }
        return new Str(sb.toString(), text.substring(start, pos));
    }

    private String name() {
        skipSpace();
        int start = pos;
        if (!isNameStart(peek())) throw error("expected a name");
        while (Character.isLetterOrDigit(peek()) || peek() == '_') pos++;
        return text.substring(start, pos);
    }

    private boolean accept(char c) {
        skipSpace();
        if (peek() != c) return false;
        pos++;
        return true;
    }

    private void expect(char c) {
        if (!accept(c)) throw error("expected `" + c + "`");
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
    }

    private SpecException error(String expected) {
        String found = atEnd() ? "the end" : "`" + text.charAt(pos) + "`";
        return new SpecException("bad " + what + " `" + text.strip() + "`: " + expected + " at column " + (pos + 1)
                + ", found " + found);
    }
}
