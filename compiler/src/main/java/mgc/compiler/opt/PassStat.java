package mgc.compiler.opt;

/** What one pass did: node counts before and after it, and its wall-clock time. */
public record PassStat(String pass, int nodesBefore, int nodesAfter, long nanos) {

    /** {@code simplify        3248 ->   3185   1.2 ms}. */
    public String format() {
        return String.format("%-16s %8d -> %8d %8.1f ms", pass, nodesBefore, nodesAfter, nanos / 1e6);
    }
}
