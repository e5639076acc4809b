package mgc.compiler.opt;

import mgc.compiler.ir.Graph;

/** One named step of the optimiser: a graph in, an equivalent graph out (see {@link Pipeline#PASSES}). */
public interface Pass {
    /** The pass's name, as {@code --after} and {@code --disable} spell it. */
    String name();

    Graph run(Graph g, PassOptions o);
}
