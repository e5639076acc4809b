package mgc.compiler.tensor;

import java.util.Arrays;
import mgc.compiler.ir.Algebra;
import mgc.compiler.ir.OutputKind;
import mgc.runtime.TensorSpec;

/**
 * Reverse mode over the tensor IR: seeds d(loss)/d(loss) = 1, walks the nodes in reverse index order
 * and adds each node's contributions (its primitive's VJP rule) to its operands' adjoints, through the
 * same builder, so the joint graph is ordinary tensor IR. As in the scalar reverse mode, adjoints are
 * built only for nodes that depend on a parameter (or an input, with input gradients), and a tensor
 * used several times sums its contributions in reverse order of its uses.
 */
public final class TDifferentiator {
    private TDifferentiator() {}

    /** Forward outputs, then GRAD and GRAD_PENALTY per parameter tensor (and GRAD_INPUT per input, when asked). */
    public static TGraph reverse(TGraph forward, boolean inputGradients) {
        TBuilder t = TBuilder.extending(forward);
        for (TOutput o : forward.outputs()) t.output(o.kind(), o.name(), o.node());
        boolean[] varied = varied(forward, inputGradients);
        int[] lossAdj = adjoints(t, forward.output(OutputKind.LOSS).node(), varied);
        gradients(t, forward, OutputKind.GRAD, lossAdj, Prim.PARAM);
        int[] penaltyAdj = adjoints(t, forward.output(OutputKind.PENALTY).node(), varied);
        gradients(t, forward, OutputKind.GRAD_PENALTY, penaltyAdj, Prim.PARAM);
        if (inputGradients) gradients(t, forward, OutputKind.GRAD_INPUT, lossAdj, Prim.INPUT);
        return t.build();
    }

    /** Nodes that depend on a parameter (or an input): the only ones a derivative flows into. */
    static boolean[] varied(TGraph g, boolean inputs) {
        boolean[] varied = new boolean[g.size()];
        for (int n = 0; n < g.size(); n++) {
            TNode node = g.node(n);
            if (node.prim().isLeaf()) varied[n] = node.prim() == Prim.PARAM || inputs && node.prim() == Prim.INPUT;
            else for (int a : node.args()) varied[n] |= varied[a];
        }
        return varied;
    }

    static int[] adjoints(TBuilder t, int root, boolean[] varied) {
        int[] adj = new int[root + 1];
        Arrays.fill(adj, Algebra.NONE);
        if (!varied[root]) return adj;
        adj[root] = t.constant(1.0);
        Prim.Adjoints sink = new Prim.Adjoints() {
            @Override public TBuilder builder() { return t; }
            @Override public boolean varied(int node) { return node < varied.length && varied[node]; }
            @Override public void add(int node, int c) {
                c = t.reshape(fitTo(t, c, t.shape(node)), t.shape(node));
                adj[node] = adj[node] == Algebra.NONE ? c : t.add(adj[node], c);
            }
        };
        for (int n = root; n >= 0; n--) {
            if (adj[n] == Algebra.NONE) continue;
            TNode node = t.node(n);
            t.setOrigin(node.line(), node.column());
            node.prim().vjp(node, n, adj[n], sink);
        }
        return adj;
    }

    /** A contribution of a broadcast operand (a scalar standing for a tensor) is summed: a broadcast's adjoint is a sum. */
    private static int fitTo(TBuilder t, int c, mgc.compiler.front.Shape target) {
        if (t.shape(c).size() == target.size()) return c;
        if (target.size() == 1) return t.reduce(mgc.compiler.ir.Op.ADD, c);
        return t.broadcast(c, target);
    }

    private static void gradients(TBuilder t, TGraph forward, OutputKind kind, int[] adj, Prim leafKind) {
        java.util.List<TensorSpec> specs = leafKind == Prim.PARAM ? forward.signature().params() : forward.signature().inputs();
        for (TensorSpec spec : specs) {
            int node = find(forward, leafKind, spec.offset());
            int a = node >= 0 && node < adj.length ? adj[node] : Algebra.NONE;
            mgc.compiler.front.Shape shape = mgc.compiler.front.Shape.of(spec.shape());
            t.output(kind, spec.name(), a == Algebra.NONE ? t.broadcast(t.constant(0.0), shape) : a);
        }
    }

    private static int find(TGraph g, Prim kind, int offset) {
        for (int n = 0; n < g.size(); n++) {
            TNode node = g.node(n);
            if (node.prim() == kind && node.attr() == offset) return n;
        }
        return -1;
    }
}
