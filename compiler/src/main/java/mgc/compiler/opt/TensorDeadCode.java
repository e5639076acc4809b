package mgc.compiler.opt;

import java.util.ArrayList;
import java.util.List;
import mgc.compiler.tensor.TGraph;
import mgc.compiler.tensor.TNode;
import mgc.compiler.tensor.TOutput;

/** Only nodes some output needs survive, renumbered in their old (topological) order. */
public final class TensorDeadCode implements TensorPass {

    @Override public String name() { return "tensor-deadcode"; }

    @Override
    public TGraph run(TGraph g) {
        boolean[] live = g.live();
        int[] now = new int[g.size()];
        List<TNode> nodes = new ArrayList<>();
        for (int n = 0; n < g.size(); n++) {
            if (!live[n]) continue;
            TNode t = g.node(n);
            int[] args = new int[t.arity()];
            for (int i = 0; i < args.length; i++) args[i] = now[t.arg(i)];
            now[n] = nodes.size();
            nodes.add(new TNode(t.prim(), args, t.shape(), t.op(), t.value(), t.attr(), t.line(), t.column()));
        }
        List<TOutput> outputs = new ArrayList<>();
        for (TOutput o : g.outputs()) outputs.add(new TOutput(o.kind(), o.name(), now[o.node()]));
        return new TGraph(nodes, outputs, g.signature());
    }
}
