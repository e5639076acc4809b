package mgc.compiler;

/** Wall-clock nanoseconds spent in each compiler stage (0 for stages not run). */
public record StageTimes(long parse, long lower, long diff, long opt, long emit, long define) {

    public long total() { return parse + lower + diff + opt + emit + define; }

    @Override
    public String toString() {
        return String.format("parse %.1f ms, lower %.1f ms, diff %.1f ms, opt %.1f ms, emit %.1f ms, define %.1f ms",
                parse / 1e6, lower / 1e6, diff / 1e6, opt / 1e6, emit / 1e6, define / 1e6);
    }
}
