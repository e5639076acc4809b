package mgc.compiler.lower;

import mgc.compiler.front.CheckedModel;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.GraphTooLargeException;
import mgc.compiler.tensor.TLowering;
import mgc.compiler.tensor.Unroller;

/**
 * Checked AST to the forward scalar IR, through the tensor IR: the tensor graph unrolled, every tensor
 * into its scalar elements (row-major), reductions and products accumulated left to right in index
 * order, fns inlined, softmax and friends in their stable forms.
 */
public final class Lowering {
    private Lowering() {}

    /** Default bound on the forward graph: beyond it, unrolled code is hopeless anyway. */
    public static final int MAX_NODES = 5_000_000;

    /** The forward graph of {@code model}; throws {@link GraphTooLargeException} past {@link #MAX_NODES}. */
    public static Graph lower(CheckedModel model) {
        return lower(model, MAX_NODES);
    }

    public static Graph lower(CheckedModel model, int maxNodes) {
        return Unroller.unroll(TLowering.lower(model), maxNodes);
    }
}
