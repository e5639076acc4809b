package mgc.compiler;

import java.util.LinkedHashMap;
import java.util.Map;

/** Wall-clock nanoseconds spent in each named step of the pipeline that ran, in order. */
public record StageTimes(Map<String, Long> byStep) {

    public StageTimes {
        byStep = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byStep));
    }

    private long sum(String... steps) {
        long t = 0;
        for (String s : steps) t += byStep.getOrDefault(s, 0L);
        return t;
    }

    public long parse() { return sum("front"); }
    public long lower() { return sum("tensor", "partition", "unroll"); }
    public long diff() { return sum("diff", "tensor-diff"); }
    public long opt() { return sum("tensor-opt", "opt"); }
    public long emit() { return sum("emit", "emit-loops"); }
    public long define() { return sum("define"); }

    public long total() {
        long t = 0;
        for (long v : byStep.values()) t += v;
        return t;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Long> e : byStep.entrySet()) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(e.getKey()).append(String.format(java.util.Locale.ROOT, " %.1f ms", e.getValue() / 1e6));
        }
        return sb.toString();
    }
}
