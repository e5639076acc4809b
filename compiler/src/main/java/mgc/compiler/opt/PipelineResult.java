package mgc.compiler.opt;

import java.util.List;
import mgc.compiler.ir.Graph;

/** The optimised graph and one {@link PassStat} per pass that ran, in order. */
public record PipelineResult(Graph graph, List<PassStat> stats) {

    public PipelineResult {
        stats = List.copyOf(stats);
    }

    /** The statistics as a table, one pass per line (what {@code --stats} prints). */
    public String formatStats() {
        StringBuilder sb = new StringBuilder();
        for (PassStat s : stats) sb.append(s.format()).append('\n');
        return sb.toString();
    }
}
