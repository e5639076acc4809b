package mgc.compiler.ir;

import java.util.List;
import mgc.runtime.ModelSignature;
import mgc.runtime.TensorSpec;

/**
 * The IR's text form: one node per line, {@code %N = op operands}, then the named outputs
 * ({@code output score = %40}, {@code loss = %55}, {@code grad W1[0,1] = %88}). Leaves print the
 * element they read ({@code %0 = param W1[0,0]}); constants and exponents print with
 * {@link Double#toString}. Stable: the same graph always prints the same text.
 */
public final class IrPrinter {
    private IrPrinter() {}

    public static String print(Graph g) {
        StringBuilder sb = new StringBuilder(g.size() * 24);
        for (int n = 0; n < g.size(); n++) {
            sb.append('%').append(n).append(" = ");
            appendNode(sb, g, n);
            sb.append('\n');
        }
        for (Output o : g.outputs()) sb.append(o.label()).append(" = %").append(o.node()).append('\n');
        return sb.toString();
    }

    /** The right-hand side of node n: {@code mul %3 %7}, {@code param W1[0,1]}, {@code const 0.5}. */
    public static void appendNode(StringBuilder sb, Graph g, int n) {
        Op op = g.op(n);
        sb.append(op.text());
        ModelSignature sig = g.signature();
        switch (op) {
            case CONST -> sb.append(' ').append(g.payload(n));
            case PARAM -> sb.append(' ').append(elementName(sig.params(), g.leafIndex(n)));
            case INPUT -> sb.append(' ').append(elementName(sig.inputs(), g.leafIndex(n)));
            case TARGET -> sb.append(' ').append(elementName(sig.targets(), g.leafIndex(n)));
            case TANGENT -> sb.append(' ').append(g.leafIndex(n));
            default -> {
                for (int i = 0; i < op.arity(); i++) sb.append(" %").append(g.arg(n, i));
                if (op == Op.POWC) sb.append(' ').append(g.payload(n));
            }
        }
    }

    /** The display name of flat element {@code flat} of a list of tensors laid out consecutively. */
    public static String elementName(List<TensorSpec> specs, int flat) {
        for (TensorSpec s : specs) {
            if (flat >= s.offset() && flat < s.offset() + s.size()) return s.elementName(flat - s.offset());
        }
        return "#" + flat;
    }

    /** Node counts by op, the largest first: {@code mul 120}, one per line, then {@code total N}. */
    public static String stats(Graph g) {
        int[] counts = g.opCounts();
        Integer[] order = new Integer[counts.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (x, y) -> counts[y] != counts[x] ? counts[y] - counts[x] : x - y);
        StringBuilder sb = new StringBuilder();
        for (int i : order) {
            if (counts[i] > 0) sb.append(String.format("%-10s %d%n", Op.of(i).text(), counts[i]));
        }
        sb.append(String.format("%-10s %d%n", "total", g.size()));
        return sb.toString();
    }
}
