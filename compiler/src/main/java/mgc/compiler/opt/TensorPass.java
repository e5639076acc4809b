package mgc.compiler.opt;

import mgc.compiler.tensor.TGraph;

/** One named step of the tensor-level optimiser: a tensor graph in, one computing the same bits out. */
public interface TensorPass {
    /** The pass's name, as {@code --after} and {@code --disable-pass} spell it. */
    String name();

    TGraph run(TGraph g);
}
