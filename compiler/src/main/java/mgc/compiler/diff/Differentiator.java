package mgc.compiler.diff;

import java.util.Arrays;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.GraphBuilder;
import mgc.compiler.ir.IrPrinter;
import mgc.compiler.ir.Op;
import mgc.compiler.ir.Output;
import mgc.compiler.ir.OutputKind;
import mgc.runtime.ModelSignature;

/**
 * Symbolic differentiation of the scalar IR, built through the same {@link GraphBuilder} as the
 * forward graph, so the result is ordinary IR (hash-consed, folded, differentiable again).
 *
 * <p>Reverse mode seeds the root's adjoint with 1, walks the nodes in reverse index order (a reverse
 * topological order) and adds each node's contributions, given by its op's {@link Op#chain} rule, to
 * its operands' adjoints. Forward mode walks in index order and sums the contributions of the
 * operands' tangents through the same rules.
 */
public final class Differentiator {
    private Differentiator() {}

    /**
     * The joint graph: the forward graph's outputs, then {@code grad} (d loss / d param) and
     * {@code grad_penalty} (d penalty / d param) for every parameter element, and, when asked,
     * {@code grad_input} (d loss / d input) for every input element.
     */
    public static Graph reverse(Graph forward, boolean inputGradients) {
        GraphBuilder g = GraphBuilder.extending(forward);
        for (Output o : forward.outputs()) g.output(o);
        int loss = forward.output(OutputKind.LOSS).node();
        int penalty = forward.output(OutputKind.PENALTY).node();
        ModelSignature sig = forward.signature();

        boolean[] varied = varied(g, forward.size(), inputGradients);
        int[] lossAdj = adjoints(g, loss, varied);
        int[] paramNodes = leafNodes(forward, Op.PARAM, sig.paramSize());
        emitGradients(g, OutputKind.GRAD, lossAdj, paramNodes, sig, true);
        int[] penaltyAdj = adjoints(g, penalty, varied);
        emitGradients(g, OutputKind.GRAD_PENALTY, penaltyAdj, paramNodes, sig, true);
        if (inputGradients) {
            emitGradients(g, OutputKind.GRAD_INPUT, lossAdj, leafNodes(forward, Op.INPUT, sig.inputSize()), sig, false);
        }
        return g.build();
    }

    /**
     * Adjoints of every node up to {@code root} with respect to {@code root} (NONE where a node does
     * not influence it). New nodes are appended to {@code g}.
     */
    public static int[] adjoints(GraphBuilder g, int root) {
        return adjoints(g, root, null);
    }

    /**
     * As {@link #adjoints(GraphBuilder, int)}, but only for the nodes marked in {@code varied} (all when
     * null): no contribution is built for an operand that depends on no leaf being differentiated
     * against (an input-only subexpression, a target, a constant). The adjoints of varied nodes are
     * the same nodes either way, since every user of a varied node is varied.
     */
    public static int[] adjoints(GraphBuilder g, int root, boolean[] varied) {
        int[] adj = new int[root + 1];
        Arrays.fill(adj, GraphBuilder.NONE);
        adj[root] = g.constant(1.0);
        for (int n = root; n >= 0; n--) {
            int s = adj[n];
            if (s == GraphBuilder.NONE) continue;
            Op op = g.op(n);
            for (int i = 0; i < op.arity(); i++) {
                int x = g.arg(n, i);
                if (varied != null && !varied[x]) continue;
                int contribution = op.chain(g, n, i, s);
                if (contribution == GraphBuilder.NONE) continue;
                adj[x] = adj[x] == GraphBuilder.NONE ? contribution : g.add(adj[x], contribution);
            }
        }
        return adj;
    }

    /**
     * The nodes below {@code limit} that depend on a parameter (or, with {@code inputs}, on an input):
     * the only ones a derivative with respect to those leaves can flow into.
     */
    public static boolean[] varied(GraphBuilder g, int limit, boolean inputs) {
        boolean[] varied = new boolean[limit];
        for (int n = 0; n < limit; n++) {
            Op op = g.op(n);
            if (op.isLeaf()) {
                varied[n] = op == Op.PARAM || inputs && op == Op.INPUT;
            } else {
                for (int i = 0; i < op.arity(); i++) varied[n] |= varied[g.arg(n, i)];
            }
        }
        return varied;
    }

    /**
     * Tangents (directional derivatives) of every node below {@code limit} in the direction of
     * TANGENT leaves: parameter element i moves along {@code tangent(i)}.
     */
    public static int[] tangents(GraphBuilder g, int limit) {
        int[] tan = new int[limit];
        Arrays.fill(tan, GraphBuilder.NONE);
        for (int n = 0; n < limit; n++) {
            Op op = g.op(n);
            if (op == Op.PARAM) {
                tan[n] = g.tangent(g.arg(n, 0));
                continue;
            }
            if (op.isLeaf()) continue;
            int sum = GraphBuilder.NONE;
            for (int i = 0; i < op.arity(); i++) {
                int t = tan[g.arg(n, i)];
                if (t == GraphBuilder.NONE) continue;
                int contribution = op.chain(g, n, i, t);
                if (contribution == GraphBuilder.NONE) continue;
                sum = sum == GraphBuilder.NONE ? contribution : g.add(sum, contribution);
            }
            tan[n] = sum;
        }
        return tan;
    }

    /**
     * Forward mode: the forward graph plus {@code jvp} outputs — the directional derivative of every
     * model output, the loss and the penalty along the parameter direction read from TANGENT leaves.
     */
    public static Graph jvp(Graph forward) {
        GraphBuilder g = GraphBuilder.extending(forward);
        for (Output o : forward.outputs()) g.output(o);
        int[] tan = tangents(g, forward.size());
        for (Output o : forward.outputs()) {
            int t = tan[o.node()];
            String name = o.kind() == OutputKind.OUTPUT ? o.name() : o.kind().text();
            g.output(OutputKind.JVP, name, o.element(), t == GraphBuilder.NONE ? g.constant(0.0) : t);
        }
        return g.build();
    }

    /**
     * Second order: the joint graph plus {@code hvp} outputs, d/d param (grad loss · v), where v is
     * read from TANGENT leaves (one per parameter element).
     */
    public static Graph hvp(Graph forward) {
        Graph joint = reverse(forward, false);
        GraphBuilder g = GraphBuilder.extending(joint);
        for (Output o : joint.outputs()) g.output(o);
        int dot = GraphBuilder.NONE;
        for (Output o : joint.outputs(OutputKind.GRAD)) {
            int term = g.mul(o.node(), g.tangent(o.element()));
            dot = dot == GraphBuilder.NONE ? term : g.add(dot, term);
        }
        ModelSignature sig = forward.signature();
        int[] paramNodes = leafNodes(forward, Op.PARAM, sig.paramSize());
        int[] adj = dot == GraphBuilder.NONE ? new int[0] : adjoints(g, dot, varied(g, g.size(), false));
        emitGradients(g, OutputKind.HVP, adj, paramNodes, sig, true);
        return g.build();
    }

    /** The full Hessian of the loss (P reverse sweeps; meant for small models and tests). */
    public static Graph hessian(Graph forward) {
        Graph joint = reverse(forward, false);
        GraphBuilder g = GraphBuilder.extending(joint);
        for (Output o : joint.outputs()) g.output(o);
        ModelSignature sig = forward.signature();
        int[] paramNodes = leafNodes(forward, Op.PARAM, sig.paramSize());
        boolean[] varied = varied(g, joint.size(), false);
        for (Output row : joint.outputs(OutputKind.GRAD)) {
            int[] adj = adjoints(g, row.node(), varied);
            for (int j = 0; j < paramNodes.length; j++) {
                int leaf = paramNodes[j];
                int h = leaf >= 0 && leaf < adj.length && adj[leaf] != GraphBuilder.NONE ? adj[leaf] : g.constant(0.0);
                g.output(OutputKind.HESSIAN, row.name() + " " + IrPrinter.elementName(sig.params(), j),
                        row.element() * paramNodes.length + j, h);
            }
        }
        return g.build();
    }

    /** For each flat index of the given leaf kind, its node in {@code graph}, or -1 when unused. */
    public static int[] leafNodes(Graph graph, Op kind, int count) {
        int[] nodes = new int[count];
        Arrays.fill(nodes, -1);
        for (int n = 0; n < graph.size(); n++) {
            if (graph.op(n) == kind) nodes[graph.leafIndex(n)] = n;
        }
        return nodes;
    }

    private static void emitGradients(GraphBuilder g, OutputKind kind, int[] adj, int[] leaves, ModelSignature sig,
                                      boolean params) {
        for (int i = 0; i < leaves.length; i++) {
            int leaf = leaves[i];
            int node = leaf >= 0 && leaf < adj.length && adj[leaf] != GraphBuilder.NONE ? adj[leaf] : g.constant(0.0);
            String name = IrPrinter.elementName(params ? sig.params() : sig.inputs(), i);
            g.output(kind, name, i, node);
        }
    }
}
