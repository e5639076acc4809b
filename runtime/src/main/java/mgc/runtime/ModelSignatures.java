package mgc.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text form of a {@link ModelSignature} stored in a model jar as {@code META-INF/mgc/model.sig}.
 * UTF-8, one record per line, tokens separated by one space:
 * <pre>
 * mgc-signature 1
 * class mgc.gen.Moons
 * model moons
 * penalty true
 * param W1 [16,2] 0 uniform -1.0 1.0          name shape offset initialiser
 * param b1 [16] 32 fill 0.0                    fill V | values V... | uniform LO HI | normal MEAN SD | xavier | kaiming
 * input x [2] 0
 * target y [] 0
 * output score [] 0
 * train optimizer sgd(lr\s=\s1.0\sto\s0.1)     key value (sorted by key)
 * end
 * </pre>
 * Numbers are written with {@link Double#toString} so they read back exactly. In names and values a
 * backslash escapes: {@code \\} backslash, {@code \s} space, {@code \t} tab, {@code \n} newline,
 * {@code \r} carriage return, and {@code \e} alone is the empty string. The version changes whenever
 * a reader of the previous version could misread the new form.
 */
public final class ModelSignatures {

    public static final int VERSION = 1;
    private static final String MAGIC = "mgc-signature";

    /** A signature and the name of the generated class that implements it. */
    public record Loaded(ModelSignature signature, String className) { }

    private ModelSignatures() { }

    public static void write(ModelSignature sig, String className, OutputStream out) {
        try {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write(MAGIC + " " + VERSION + "\n");
            w.write("class " + escape(className) + "\n");
            w.write("model " + escape(sig.modelName()) + "\n");
            w.write("penalty " + sig.hasPenalty() + "\n");
            for (TensorSpec p : sig.params()) w.write("param " + tensor(p) + " " + initializer(p.init()) + "\n");
            for (TensorSpec s : sig.inputs()) w.write("input " + tensor(s) + "\n");
            for (TensorSpec s : sig.targets()) w.write("target " + tensor(s) + "\n");
            for (TensorSpec s : sig.outputs()) w.write("output " + tensor(s) + "\n");
            for (Map.Entry<String, String> e : new TreeMap<>(sig.trainDefaults()).entrySet())
                w.write("train " + escape(e.getKey()) + " " + escape(e.getValue()) + "\n");
            w.write("end\n");
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a signature; a malformed one is refused with a {@link ModelLoadException} naming the line. */
    public static Loaded read(InputStream in) {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        Reader p = new Reader();
        try {
            String line;
            while ((line = r.readLine()) != null) {
                p.lineNo++;
                if (p.accept(line)) return p.finish();
            }
        } catch (IOException e) {
            throw new ModelLoadException("cannot read the model signature: " + e.getMessage(), e);
        }
        if (p.lineNo == 0) throw new ModelLoadException("the model signature is empty");
        throw new ModelLoadException("the model signature is truncated: no `end` line after line " + p.lineNo);
    }

    private static String tensor(TensorSpec s) {
        StringBuilder sb = new StringBuilder(escape(s.name())).append(" [");
        int[] shape = s.shape();
        for (int i = 0; i < shape.length; i++) sb.append(i > 0 ? "," : "").append(shape[i]);
        return sb.append("] ").append(s.offset()).toString();
    }

    private static String initializer(Initializer init) {
        if (init instanceof Initializer.Fill f) return "fill " + f.value();
        if (init instanceof Initializer.Values v) {
            StringBuilder sb = new StringBuilder("values");
            for (double d : v.values()) sb.append(' ').append(d);
            return sb.toString();
        }
        if (init instanceof Initializer.Uniform u) return "uniform " + u.lo() + " " + u.hi();
        if (init instanceof Initializer.Normal n) return "normal " + n.mean() + " " + n.stddev();
        if (init instanceof Initializer.Xavier) return "xavier";
        if (init instanceof Initializer.Kaiming) return "kaiming";
        throw new IllegalArgumentException("parameter without an initialiser");
    }

    static String escape(String s) {
        if (s.isEmpty()) return "\\e";
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case ' ' -> sb.append("\\s");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Parses lines in order; one instance per read. */
    private static final class Reader {
        int lineNo;
        String className;
        String model;
        Boolean penalty;
        final List<TensorSpec> params = new ArrayList<>();
        final List<TensorSpec> inputs = new ArrayList<>();
        final List<TensorSpec> targets = new ArrayList<>();
        final List<TensorSpec> outputs = new ArrayList<>();
        final Map<String, String> train = new LinkedHashMap<>();

        /** Returns true at the {@code end} line. */
        boolean accept(String line) {
            String[] t = line.split(" ", -1);
            if (lineNo == 1) {
                if (t.length != 2 || !t[0].equals(MAGIC)) throw error("this is not an mgc model signature");
                if (!t[1].equals(Integer.toString(VERSION)))
                    throw new ModelLoadException("the model signature has format version " + t[1]
                            + "; this runtime reads version " + VERSION + " (recompile the model with a matching mgc)");
                return false;
            }
            switch (t[0]) {
                case "class" -> className = unescape(arg(t, 1, 2));
                case "model" -> model = unescape(arg(t, 1, 2));
                case "penalty" -> {
                    String b = arg(t, 1, 2);
                    if (!b.equals("true") && !b.equals("false")) throw error("expected `penalty true` or `penalty false`");
                    penalty = b.equals("true");
                }
                case "param" -> params.add(tensor(t, true, params));
                case "input" -> inputs.add(tensor(t, false, inputs));
                case "target" -> targets.add(tensor(t, false, targets));
                case "output" -> outputs.add(tensor(t, false, outputs));
                case "train" -> train.put(unescape(arg(t, 1, 3)), unescape(t[2]));
                case "end" -> {
                    return true;
                }
                default -> throw error("unknown record `" + t[0] + "`");
            }
            return false;
        }

        Loaded finish() {
            if (className == null) throw error("no `class` line before `end`");
            if (model == null) throw error("no `model` line before `end`");
            if (penalty == null) throw error("no `penalty` line before `end`");
            return new Loaded(new ModelSignature(model, params, inputs, targets, outputs, penalty, train), className);
        }

        private TensorSpec tensor(String[] t, boolean param, List<TensorSpec> previous) {
            if (param ? t.length < 5 : t.length != 4)
                throw error("expected `" + t[0] + " NAME [SHAPE] OFFSET" + (param ? " INITIALISER`" : "`"));
            String name = unescape(t[1]);
            String shapeText = t[2];
            if (!shapeText.startsWith("[") || !shapeText.endsWith("]")) throw error("bad shape `" + shapeText + "`");
            String inner = shapeText.substring(1, shapeText.length() - 1);
            int[] shape;
            if (inner.isEmpty()) {
                shape = new int[0];
            } else {
                String[] dims = inner.split(",", -1);
                shape = new int[dims.length];
                for (int i = 0; i < dims.length; i++) {
                    shape[i] = integer(dims[i]);
                    if (shape[i] < 1) throw error("bad shape `" + shapeText + "`");
                }
            }
            int offset = integer(t[3]);
            int expected = 0;
            for (TensorSpec s : previous) expected += s.size();
            if (offset != expected) throw error(name + " has offset " + offset + "; expected " + expected);
            return new TensorSpec(name, shape, offset, param ? init(t) : null);
        }

        private Initializer init(String[] t) {
            int n = t.length - 5;
            switch (t[4]) {
                case "fill":
                    return new Initializer.Fill(number(t, 5, n, 1));
                case "values": {
                    double[] v = new double[n];
                    for (int i = 0; i < n; i++) v[i] = number(t, 5 + i, n, n);
                    return new Initializer.Values(v);
                }
                case "uniform":
                    return new Initializer.Uniform(number(t, 5, n, 2), number(t, 6, n, 2));
                case "normal":
                    return new Initializer.Normal(number(t, 5, n, 2), number(t, 6, n, 2));
                case "xavier":
                    number(t, 5, n, 0);
                    return new Initializer.Xavier();
                case "kaiming":
                    number(t, 5, n, 0);
                    return new Initializer.Kaiming();
                default:
                    throw error("unknown initialiser `" + t[4] + "`");
            }
        }

        private double number(String[] t, int i, int count, int expected) {
            if (count != expected) throw error("initialiser `" + t[4] + "` takes " + expected + " numbers, found " + count);
            if (expected == 0) return 0;
            try {
                return Double.parseDouble(t[i]);
            } catch (NumberFormatException e) {
                throw error("expected a number, found `" + t[i] + "`");
            }
        }

        private int integer(String s) {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw error("expected a whole number, found `" + s + "`");
            }
        }

        private String arg(String[] t, int i, int length) {
            if (t.length != length) throw error("`" + t[0] + "` takes " + (length - 1) + " value" + (length == 2 ? "" : "s"));
            return t[i];
        }

        private String unescape(String s) {
            if (s.equals("\\e")) return "";
            StringBuilder sb = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (++i == s.length()) throw error("a backslash ends `" + s + "`");
                switch (s.charAt(i)) {
                    case '\\' -> sb.append('\\');
                    case 's' -> sb.append(' ');
                    case 't' -> sb.append('\t');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    default -> throw error("unknown escape `\\" + s.charAt(i) + "`");
                }
            }
            return sb.toString();
        }

        private ModelLoadException error(String message) {
            return new ModelLoadException("the model signature is malformed at line " + lineNo + ": " + message);
        }
    }
}
