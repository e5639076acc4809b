package mgc.compiler.opt;

import java.util.Arrays;
import mgc.compiler.tensor.Prim;
import mgc.compiler.tensor.TGraph;
import mgc.compiler.tensor.TGroups;
import mgc.compiler.tensor.TNode;
import mgc.compiler.tensor.TOutput;

/**
 * Groups each elementwise chain with the contraction or reduction that feeds it, so that
 * {@code relu(W @ x + b)} is one unit for the back end ({@link TGroups}). Walking from the outputs back,
 * a map pulls into its group every operand used by it alone, of its size, varying per example exactly
 * when it does: another map (computed in the same loop), or one contraction or reduction (the group's
 * head). Nodes are not changed, only annotated; the loop back end fuses a group's maps into one loop.
 */
public final class TensorGrouping implements TensorPass {

    @Override public String name() { return "tensor-group"; }

    @Override
    public TGraph run(TGraph g) {
        int size = g.size();
        int[] uses = new int[size];
        boolean[] live = g.live();
        for (TOutput o : g.outputs()) uses[o.node()]++;
        boolean[] perExample = new boolean[size];
        for (int n = 0; n < size; n++) {
            TNode t = g.node(n);
            if (live[n]) for (int a : t.args()) uses[a]++;
            perExample[n] = t.prim() == Prim.INPUT || t.prim() == Prim.TARGET;
            for (int a : t.args()) perExample[n] |= perExample[a];
        }
        int[] root = new int[size];
        Arrays.fill(root, -1);
        boolean[] headed = new boolean[size];
        for (int n = size - 1; n >= 0; n--) {
            TNode t = g.node(n);
            if (!live[n] || t.prim().isLeaf() || t.prim().isView()) continue;
            if (root[n] < 0) root[n] = n;
            if (t.prim() != Prim.MAP) continue;
            for (int a : t.args()) {
                TNode at = g.node(a);
                if (uses[a] != 1 || perExample[a] != perExample[n] || at.size() != t.size()) continue;
                if (at.prim() == Prim.MAP) {
                    root[a] = root[n];
                } else if ((at.prim() == Prim.CONTRACT || at.prim() == Prim.REDUCE) && !headed[root[n]]) {
                    root[a] = root[n];
                    headed[root[n]] = true;
                }
            }
        }
        return g.withGroups(new TGroups(root));
    }
}
