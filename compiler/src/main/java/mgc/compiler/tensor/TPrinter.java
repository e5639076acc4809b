package mgc.compiler.tensor;

import mgc.compiler.ir.IrPrinter;
import mgc.runtime.ModelSignature;

/**
 * The tensor IR's text form, one node per line like a jaxpr:
 * {@code %4:[16] = contract %2 %0} … {@code grad W1 = %31}. Only live nodes are printed; a node in a
 * group of several (the {@code tensor-group} pass) ends with {@code ; group %R}, R the group's root.
 */
public final class TPrinter {
    private TPrinter() {}

    public static String print(TGraph g) {
        Prim.Names names = names(g.signature());
        StringBuilder sb = new StringBuilder();
        boolean[] live = g.live();
        TGroups groups = g.groups();
        int[] members = new int[g.size()];
        for (int n = 0; n < g.size(); n++) if (live[n] && groups.rootOf(n) >= 0) members[groups.rootOf(n)]++;
        for (int n = 0; n < g.size(); n++) {
            if (!live[n]) continue;
            TNode node = g.node(n);
            sb.append('%').append(n).append(':').append(node.shape()).append(" = ")
              .append(node.prim().name().toLowerCase(java.util.Locale.ROOT));
            String attrs = node.prim().attrs(node, names);
            if (node.prim() == Prim.MAP || node.prim() == Prim.REDUCE || node.prim() == Prim.WINNER) {
                sb.append(' ').append(attrs);
                attrs = "";
            }
            for (int a : node.args()) sb.append(" %").append(a);
            if (!attrs.isEmpty()) sb.append(' ').append(attrs);
            int root = groups.rootOf(n);
            if (root >= 0 && members[root] > 1) sb.append("   ; group %").append(root);
            sb.append('\n');
        }
        for (TOutput o : g.outputs()) sb.append(o.label()).append(" = %").append(o.node()).append('\n');
        return sb.toString();
    }

    /** The operation of map, reduce or winner node {@code n} as the text form names it ({@code add}, {@code relu}, ...). */
    public static String mapOp(TGraph g, int n) {
        TNode node = g.node(n);
        return node.prim().attrs(node, names(g.signature()));
    }

    /** Leaves named by their tensors in {@code sig} (an element of a tensor by its index). */
    private static Prim.Names names(ModelSignature sig) {
        return new Prim.Names() {
            @Override public String param(int offset) { return name(sig.params(), offset); }
            @Override public String input(int offset) { return name(sig.inputs(), offset); }
            @Override public String target(int offset) { return name(sig.targets(), offset); }
        };
    }

    private static String name(java.util.List<mgc.runtime.TensorSpec> specs, int offset) {
        for (mgc.runtime.TensorSpec s : specs) if (s.offset() == offset) return s.name();
        return IrPrinter.elementName(specs, offset);
    }
}
