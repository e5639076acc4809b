package mgc.compiler.opt;

import mgc.compiler.tensor.TBuilder;
import mgc.compiler.tensor.TGraph;

/**
 * Common subexpressions: the graph rebuilt through the builder's hash-consing (operands of commutative
 * maps in canonical order), so one node is left per value. The builder already hash-conses as the front
 * end and reverse mode build; this pass merges what other passes (or a hand-made graph) left duplicated.
 */
public final class TensorValueNumbering implements TensorPass {

    @Override public String name() { return "tensor-cse"; }

    @Override
    public TGraph run(TGraph g) {
        return TBuilder.rebuild(g, (b, n, args) -> b.rebuild(n, args));
    }
}
