package mgc.compiler.tensor;

import java.util.ArrayList;
import java.util.List;
import mgc.compiler.ir.OutputKind;
import mgc.runtime.ModelSignature;

/**
 * An immutable tensor graph: nodes in topological (index) order, named outputs, the model's signature,
 * and the back end's grouping of nodes ({@link TGroups#NONE} until the {@code tensor-group} pass).
 */
public record TGraph(List<TNode> nodes, List<TOutput> outputs, ModelSignature signature, TGroups groups) {

    public TGraph {
        nodes = List.copyOf(nodes);
        outputs = List.copyOf(outputs);
        if (groups == null) groups = TGroups.NONE;
    }

    public TGraph(List<TNode> nodes, List<TOutput> outputs, ModelSignature signature) {
        this(nodes, outputs, signature, TGroups.NONE);
    }

    public TGraph withGroups(TGroups g) { return new TGraph(nodes, outputs, signature, g); }

    public int size() { return nodes.size(); }

    public TNode node(int n) { return nodes.get(n); }

    public List<TOutput> outputs(OutputKind kind) {
        List<TOutput> r = new ArrayList<>();
        for (TOutput o : outputs) if (o.kind() == kind) r.add(o);
        return r;
    }

    public TOutput output(OutputKind kind) {
        for (TOutput o : outputs) if (o.kind() == kind) return o;
        throw new IllegalArgumentException("no " + kind.text() + " output");
    }

    /** Whether every element of node n is a leaf, finite by the runtime's rule ({@link TBuilder#isLeafValued}). */
    public boolean isLeafValued(int n) { return Prim.leafValued(nodes::get, n); }

    /** How many nodes some output needs. */
    public int liveCount() {
        int count = 0;
        for (boolean l : live()) count += l ? 1 : 0;
        return count;
    }

    /** Which nodes some output needs. */
    public boolean[] live() {
        return cone(outputs);
    }

    /** Which nodes some of {@code roots} needs (operands come before their users). */
    public boolean[] cone(List<TOutput> roots) {
        boolean[] in = new boolean[size()];
        for (TOutput o : roots) in[o.node()] = true;
        for (int n = size() - 1; n >= 0; n--) {
            if (!in[n]) continue;
            for (int a : nodes.get(n).args()) in[a] = true;
        }
        return in;
    }

    @Override public String toString() { return TPrinter.print(this); }
}
