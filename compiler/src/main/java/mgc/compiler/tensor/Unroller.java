package mgc.compiler.tensor;

import mgc.compiler.ir.Graph;
import mgc.compiler.ir.GraphBuilder;
import mgc.compiler.ir.OutputKind;
import mgc.runtime.ModelSignature;
import mgc.runtime.TensorSpec;

/**
 * Tensor graph to scalar graph: every live tensor node, in index order, becomes its elements'
 * scalar nodes (its primitive's unroll rule) built through the scalar {@link GraphBuilder}, so they
 * are hash-consed and folded as if lowered directly. Outputs expand to one scalar output per element,
 * named and numbered as the scalar IR always has.
 */
public final class Unroller {
    private Unroller() {}

    public static Graph unroll(TGraph t, int maxNodes) {
        ModelSignature sig = t.signature();
        GraphBuilder g = new GraphBuilder(sig, 1024, maxNodes);
        int[][] elems = new int[t.size()][];
        boolean[] live = t.live();
        for (int n = 0; n < t.size(); n++) {
            if (!live[n]) continue;
            TNode node = t.node(n);
            g.setOrigin(node.line(), node.column());
            int[][] operands = new int[node.arity()][];
            for (int i = 0; i < operands.length; i++) operands[i] = elems[node.arg(i)];
            elems[n] = node.prim().unroll(node, operands, g, k -> t.node(k).shape());
        }
        for (TOutput o : t.outputs()) {
            int[] e = elems[o.node()];
            switch (o.kind()) {
                case LOSS, PENALTY -> g.output(o.kind(), "", -1, e[0]);
                case OUTPUT -> expand(g, o.kind(), sig.outputs(), o.name(), e);
                case GRAD, GRAD_PENALTY, HVP -> expand(g, o.kind(), sig.params(), o.name(), e);
                case GRAD_INPUT -> expand(g, o.kind(), sig.inputs(), o.name(), e);
                default -> throw new IllegalArgumentException("cannot unroll a " + o.kind().text() + " output");
            }
        }
        return g.build();
    }

    private static void expand(GraphBuilder g, OutputKind kind, java.util.List<TensorSpec> specs, String name, int[] e) {
        TensorSpec spec = TensorSpec.named(specs, name);
        if (spec == null) throw new IllegalArgumentException("no tensor " + name + " for a " + kind.text() + " output");
        for (int i = 0; i < e.length; i++) g.output(kind, spec.elementName(i), spec.offset() + i, e[i]);
    }
}
