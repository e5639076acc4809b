package mgc.compiler.opt;

import mgc.compiler.ir.Graph;
import mgc.compiler.ir.GraphBuilder;
import mgc.compiler.ir.Op;
import mgc.compiler.ir.Output;

/**
 * Dead code elimination: only nodes that reach an output survive, leaves included (a parameter no
 * output reads is not loaded). Survivors are copied verbatim in index order, so the renumbered
 * graph keeps a topological order.
 */
final class DeadCode implements Pass {
    @Override public String name() { return "deadcode"; }

    @Override public Graph run(Graph g, PassOptions o) {
        boolean[] live = liveNodes(g);
        GraphBuilder b = new GraphBuilder(g.signature(), g.size() + 16, Integer.MAX_VALUE);
        int[] map = new int[g.size()];
        for (int n = 0; n < g.size(); n++) {
            if (!live[n]) continue;
            Op op = g.op(n);
            b.setOrigin(g.originLine(n), g.originColumn(n));
            map[n] = op.isLeaf()
                    ? b.node(op, g.leafIndex(n), 0, 0, g.payload(n))
                    : b.verbatim(op, map[g.arg(n, 0)], op.arity() > 1 ? map[g.arg(n, 1)] : 0,
                                 op.arity() > 2 ? map[g.arg(n, 2)] : 0, g.payload(n));
        }
        for (Output out : g.outputs()) b.output(out.withNode(map[out.node()]));
        return b.build();
    }

    /** Nodes that some output reads, directly or through other nodes. */
    static boolean[] liveNodes(Graph g) {
        boolean[] live = new boolean[g.size()];
        for (Output out : g.outputs()) live[out.node()] = true;
        for (int n = g.size() - 1; n >= 0; n--) {
            if (!live[n]) continue;
            Op op = g.op(n);
            for (int i = 0; i < op.arity(); i++) live[g.arg(n, i)] = true;
        }
        return live;
    }
}
