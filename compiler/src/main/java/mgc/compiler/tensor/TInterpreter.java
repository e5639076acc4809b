package mgc.compiler.tensor;

/**
 * The reference semantics of the tensor IR: evaluates every node of one example, primitive by
 * primitive ({@link Prim}'s eval). Later stages — unrolled scalar code and loop kernels — are tested
 * against it.
 */
public final class TInterpreter {
    private TInterpreter() {}

    /**
     * Every node's elements for one example. {@code inputs}/{@code targets} hold this example's
     * elements (offset 0); {@code tangent} may be null when the graph has no TANGENT leaf.
     */
    public static double[][] run(TGraph g, double[] params, double[] inputs, double[] targets, double[] tangent) {
        double[][] v = new double[g.size()][];
        Prim.Leaves env = new Prim.Leaves(params, inputs, targets, tangent, n -> g.node(n).shape());
        boolean[] live = g.live();
        for (int n = 0; n < g.size(); n++) {
            if (!live[n]) continue;
            TNode node = g.node(n);
            v[n] = node.prim().eval(node, v, env);
        }
        return v;
    }

    /** The value of one output tensor for one example. */
    public static double[] output(TGraph g, double[][] values, TOutput o) {
        return values[o.node()];
    }
}
