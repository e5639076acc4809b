package mgc.compiler.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Grammar-aware generator of {@code .mg} sources for fuzzing the whole pipeline: random models that
 * follow the grammar (mostly well typed, sometimes not), and mutations of real models (token
 * deletion, duplication, swaps, splices, extreme numbers, huge shapes, deep nesting, long names,
 * invalid UTF-8).
 */
public final class ModelSources {
    private ModelSources() {}

    private static final String[] UNARY = {"exp", "log", "sqrt", "tanh", "sigmoid", "relu", "abs", "sin", "cos", "softplus"};
    private static final String[] REDUCE = {"sum", "mean", "max", "logsumexp"};
    private static final String[] CMP = {"<", "<=", ">", ">=", "==", "!="};
    private static final String[] EXTREME = {"1e308", "-0.0", "0.0", "1e-320", "4.9e-324", "1.7976931348623157e308",
        "NaN", "inf", "1e309", "99999999999999999999", "0x10", "1_000", ".5", "5.", "1e", "--1"};

    /** A random model: a small MLP-like body over random expressions; one in five has a planted mistake. */
    public static String model(SplittableRandom r) {
        return model(r, true);
    }

    /** A random model without a planted mistake and with a penalty over every param: one the front end must accept. */
    public static String wellFormedModel(SplittableRandom r) {
        return model(r, false);
    }

    private static String model(SplittableRandom r, boolean mayPlantMistake) {
        int n = 1 + r.nextInt(4);
        boolean typo = r.nextInt(5) == 0 && mayPlantMistake; // drawn always, so that a seed gives the same model
        StringBuilder sb = new StringBuilder();
        sb.append("model m").append(r.nextInt(100)).append('\n');
        if (r.nextBoolean()) sb.append("const N = ").append(n).append('\n');
        String dim = sb.indexOf("const N") >= 0 && r.nextBoolean() ? "N" : Integer.toString(n);
        sb.append("input x[").append(dim).append("]\n");
        sb.append("target y\n");
        sb.append("param W[").append(dim).append(", ").append(dim).append("] ~ ")
                .append(r.nextBoolean() ? "uniform(-1, 1)" : r.nextBoolean() ? "normal(0, 0.5)" : "xavier").append('\n');
        sb.append("param b[").append(dim).append("] = 0\n");
        sb.append("param c = ").append(r.nextInt(3)).append('\n');
        List<String> vectors = new ArrayList<>(List.of("x", "b", "W @ x"));
        List<String> scalars = new ArrayList<>(List.of("c", "x[0]", "sum(x)"));
        int lines = 1 + r.nextInt(5);
        for (int i = 0; i < lines; i++) {
            String name = "h" + i;
            String e = vector(r, vectors, scalars, 3);
            sb.append(name).append(" = ").append(e).append('\n');
            vectors.add(name);
        }
        if (r.nextInt(4) == 0) {
            sb.append("fn f(a[").append(dim).append("], s) = ").append("tanh(a) * s\n");
            vectors.add("f(" + vectors.get(r.nextInt(vectors.size())) + ", c)");
        }
        String out = scalar(r, vectors, scalars, 3);
        sb.append("score = ").append(out).append('\n');
        sb.append("output score\n");
        sb.append("loss = ").append(r.nextBoolean() ? "relu(1 - y * score)" : "(score - y)^2").append('\n');
        // a param that neither loss nor penalty uses is an error: the penalty uses them all
        if (r.nextBoolean() || !mayPlantMistake) sb.append("penalty = 1e-4 * (sum(W^2) + sum(b^2) + c^2)\n");
        if (typo) {
            int at = r.nextInt(sb.length());
            sb.insert(at, new String[]{"W2", "(", "]", "@", "x", ",", "\n", "=", "#"}[r.nextInt(9)]);
        }
        if (r.nextInt(3) == 0) {
            sb.append("train {\n  data = moons(n = 20, noise = 0.1, seed = 1)\n  optimizer = sgd(lr = 0.1)\n  steps = 2\n}\n");
        }
        return sb.toString();
    }

    private static String vector(SplittableRandom r, List<String> vectors, List<String> scalars, int depth) {
        String v = vectors.get(r.nextInt(vectors.size()));
        if (depth == 0) return v;
        return switch (r.nextInt(9)) {
            case 0 -> UNARY[r.nextInt(UNARY.length)] + "(" + vector(r, vectors, scalars, depth - 1) + ")";
            case 1 -> vector(r, vectors, scalars, depth - 1) + " + " + vector(r, vectors, scalars, depth - 1);
            case 2 -> "(" + scalar(r, vectors, scalars, depth - 1) + ") * " + vector(r, vectors, scalars, depth - 1);
            case 3 -> "W @ (" + vector(r, vectors, scalars, depth - 1) + ")";
            case 4 -> "where(" + v + " " + CMP[r.nextInt(CMP.length)] + " 0, " + v + ", " + vector(r, vectors, scalars, depth - 1) + ")";
            case 5 -> "softmax(" + v + ")";
            case 6 -> "max(" + v + ", " + vector(r, vectors, scalars, depth - 1) + ")";
            case 7 -> v + " ^ 2";
            default -> "-" + v;
        };
    }

    private static String scalar(SplittableRandom r, List<String> vectors, List<String> scalars, int depth) {
        String s = scalars.get(r.nextInt(scalars.size()));
        if (depth == 0) return s;
        return switch (r.nextInt(6)) {
            case 0 -> REDUCE[r.nextInt(REDUCE.length)] + "(" + vector(r, vectors, scalars, depth - 1) + ")";
            case 1 -> "dot(" + vector(r, vectors, scalars, depth - 1) + ", " + vector(r, vectors, scalars, depth - 1) + ")";
            case 2 -> "(" + vector(r, vectors, scalars, depth - 1) + ")[0]";
            case 3 -> s + " / (1 + " + scalar(r, vectors, scalars, depth - 1) + "^2)";
            case 4 -> "min(" + s + ", " + scalar(r, vectors, scalars, depth - 1) + ")";
            default -> s + " - " + scalar(r, vectors, scalars, depth - 1);
        };
    }

    /** Splits into crude tokens (identifiers, numbers, single symbols, whitespace runs). */
    static List<String> tokens(String s) {
        List<String> t = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            int j = i + 1;
            char ch = s.charAt(i);
            if (Character.isLetterOrDigit(ch) || ch == '_' || ch == '.') {
                while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_' || s.charAt(j) == '.')) j++;
            } else if (Character.isWhitespace(ch)) {
                while (j < s.length() && Character.isWhitespace(s.charAt(j))) j++;
            }
            t.add(s.substring(i, j));
            i = j;
        }
        return t;
    }

    /** One random mutation of {@code src}, as bytes (some mutations are not valid UTF-8). */
    public static byte[] mutate(SplittableRandom r, String src, List<String> corpus) {
        List<String> t = tokens(src);
        if (t.isEmpty()) t.add("model");
        int i = r.nextInt(t.size());
        switch (r.nextInt(12)) {
            case 0 -> t.remove(i);
            case 1 -> t.add(i, t.get(i));
            case 2 -> {
                int j = r.nextInt(t.size());
                String x = t.get(i);
                t.set(i, t.get(j));
                t.set(j, x);
            }
            case 3 -> {
                List<String> other = tokens(corpus.get(r.nextInt(corpus.size())));
                int from = r.nextInt(other.size());
                int to = Math.min(other.size(), from + 1 + r.nextInt(20));
                t.addAll(i, other.subList(from, to));
            }
            case 4 -> t.set(i, EXTREME[r.nextInt(EXTREME.length)]);
            case 5 -> t.set(i, r.nextBoolean() ? "100000" : "2147483647");
            case 6 -> t.set(i, "(".repeat(10_000) + "x" + ")".repeat(r.nextBoolean() ? 10_000 : 9_999));
            case 7 -> t.set(i, "v".repeat(r.nextInt(1, 100_000)));
            case 8 -> {
                byte[] head = String.join("", t.subList(0, i)).getBytes(StandardCharsets.UTF_8);
                byte[] tail = String.join("", t.subList(i, t.size())).getBytes(StandardCharsets.UTF_8);
                byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE};
                byte[] out = new byte[head.length + bad.length + tail.length];
                System.arraycopy(head, 0, out, 0, head.length);
                System.arraycopy(bad, 0, out, head.length, bad.length);
                System.arraycopy(tail, 0, out, head.length + bad.length, tail.length);
                return out;
            }
            case 9 -> t.set(i, "[100000, 100000]");
            case 10 -> t.set(i, String.valueOf((char) r.nextInt(32, 127)));
            default -> t.set(i, "");
        }
        return String.join("", t).getBytes(StandardCharsets.UTF_8);
    }
}
