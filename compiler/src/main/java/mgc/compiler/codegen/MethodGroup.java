package mgc.compiler.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.Output;
import mgc.compiler.ir.OutputKind;

/**
 * One hot method of {@link mgc.runtime.CompiledModel} and the graph outputs it evaluates: the cone of
 * those outputs is scheduled and split into chunk methods of its own.
 */
public enum MethodGroup {
    FORWARD("fw", true, Set.of(OutputKind.OUTPUT)),
    LOSS("ls", true, Set.of(OutputKind.LOSS)),
    LOSS_AND_GRADIENT("lg", true, Set.of(OutputKind.LOSS, OutputKind.GRAD)),
    PENALTY("pn", false, Set.of(OutputKind.PENALTY)),
    PENALTY_AND_GRADIENT("pg", false, Set.of(OutputKind.PENALTY, OutputKind.GRAD_PENALTY));

    private final String prefix;
    private final boolean perExample;
    private final Set<OutputKind> kinds;

    MethodGroup(String prefix, boolean perExample, Set<OutputKind> kinds) {
        this.prefix = prefix;
        this.perExample = perExample;
        this.kinds = kinds;
    }

    /** Prefix of the group's chunk method names ({@code lg$0}, {@code lg$1}, ...). */
    public String prefix() { return prefix; }

    /** Whether the group runs once per example (true) or once per call (the penalty). */
    public boolean perExample() { return perExample; }

    /** The graph's outputs this group evaluates, in graph order. */
    public List<Output> roots(Graph g) {
        List<Output> r = new ArrayList<>();
        for (Output o : g.outputs()) if (kinds.contains(o.kind())) r.add(o);
        return r;
    }

    /** The scalar this group returns (LOSS or PENALTY), or null for {@link #FORWARD}. */
    public OutputKind scalar() {
        return kinds.contains(OutputKind.LOSS) ? OutputKind.LOSS : kinds.contains(OutputKind.PENALTY) ? OutputKind.PENALTY : null;
    }
}
