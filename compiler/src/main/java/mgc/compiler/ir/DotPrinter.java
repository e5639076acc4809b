package mgc.compiler.ir;

/**
 * Graphviz DOT form, like micrograd's {@code draw_dot}: one record per node with its op and, when
 * values are given, its value; outputs as labelled boxes. Refuses graphs over {@link #MAX_NODES}.
 */
public final class DotPrinter {
    /** Beyond this many nodes a drawing is unreadable and Graphviz slow. */
    public static final int MAX_NODES = 2000;

    private DotPrinter() {}

    /** @param values node values from the interpreter, or null */
    public static String print(Graph g, double[] values) {
        if (g.size() > MAX_NODES) {
            throw new IllegalArgumentException("the graph has " + g.size() + " nodes; DOT output is limited to "
                    + MAX_NODES + " (use --format text or --stats)");
        }
        StringBuilder sb = new StringBuilder("digraph mgc {\n  rankdir=LR;\n  node [shape=record, fontname=\"monospace\"];\n");
        for (int n = 0; n < g.size(); n++) {
            StringBuilder label = new StringBuilder();
            IrPrinter.appendNode(label, g, n);
            sb.append("  n").append(n).append(" [label=\"{%").append(n).append(" | ").append(escape(label.toString()));
            if (values != null) sb.append(" | ").append(values[n]);
            sb.append("}\"];\n");
            Op op = g.op(n);
            for (int i = 0; i < op.arity(); i++) sb.append("  n").append(g.arg(n, i)).append(" -> n").append(n).append(";\n");
        }
        int k = 0;
        for (Output o : g.outputs()) {
            sb.append("  o").append(k).append(" [shape=box, style=bold, label=\"").append(escape(o.label())).append("\"];\n");
            sb.append("  n").append(o.node()).append(" -> o").append(k).append(";\n");
            k++;
        }
        return sb.append("}\n").toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("{", "\\{").replace("}", "\\}")
                .replace("|", "\\|").replace("<", "\\<").replace(">", "\\>");
    }
}
