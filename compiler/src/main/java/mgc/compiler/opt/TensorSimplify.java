package mgc.compiler.opt;

import mgc.compiler.tensor.Prim;
import mgc.compiler.tensor.TBuilder;
import mgc.compiler.tensor.TGraph;
import mgc.compiler.tensor.TNode;

/**
 * Exact algebra seen through broadcasts. Reverse mode makes many tensors that are one scalar repeated
 * (the seed {@code 1.0} spread over a {@code mean}, a zero adjoint), and the builder's exact rewrites
 * ({@code x * 1 = x}, {@code x + -0.0 = x}, constant folding, select on a constant) only see scalars. So:
 * an elementwise operand that is a broadcast scalar is read as the scalar (maps broadcast scalars
 * anyway), and a reshape, slice or transpose of a broadcast scalar is a broadcast of it. Every element
 * keeps its bits; the rewrites the builder then applies are the scalar builder's, exact in IEEE arithmetic.
 */
public final class TensorSimplify implements TensorPass {

    @Override public String name() { return "tensor-simplify"; }

    @Override
    public TGraph run(TGraph g) {
        return TBuilder.rebuild(g, (b, n, args) -> {
            if (n.prim() == Prim.MAP) {
                int[] read = args.clone();
                for (int i = 0; i < read.length; i++) read[i] = repeated(b, read[i], read[i]);
                return b.rebuild(n, read);
            }
            if (n.prim().isView() && n.prim() != Prim.BROADCAST) {
                int scalar = repeated(b, args[0], -1);
                if (scalar >= 0) return b.broadcast(scalar, n.shape());
            }
            return b.rebuild(n, args);
        });
    }

    /** The scalar that node x repeats, or {@code otherwise} when x is not a broadcast. */
    private static int repeated(TBuilder b, int x, int otherwise) {
        TNode t = b.node(x);
        return t.prim() == Prim.BROADCAST ? t.arg(0) : otherwise;
    }
}
