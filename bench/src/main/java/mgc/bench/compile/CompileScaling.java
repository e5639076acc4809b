package mgc.bench.compile;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import mgc.compiler.Compilation;
import mgc.compiler.CompileOptions;
import mgc.compiler.Compiler;
import mgc.compiler.StageTimes;
import mgc.compiler.front.Source;

/**
 * Compile time per stage and peak heap for {@link WideMlp} models whose joint (forward + gradient)
 * graph has about 1k, 10k, 100k and 1M scalar nodes, in one JVM after three warm-up compiles.
 * Usage: {@code CompileScaling OUT.md [nodes ...]}; appends a Markdown section to OUT.md.
 * Peak heap is the sum of the heap pools' peaks during the compile (an upper bound on the true peak).
 */
public final class CompileScaling {

    static final long TEN_SECONDS = 10_000_000_000L;
    static final long TWO_GB = 2L << 30;

    private CompileScaling() {}

    /** One compile: its stage times and products, or the stage it failed in. */
    record Result(int target, int hidden, StageTimes times, int forward, int joint, int optimized, int bytecode,
                  long peakHeap, long gcs, long gcMillis, String failure) {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        List<Integer> sizes = new ArrayList<>();
        for (int i = 1; i < args.length; i++) sizes.add(Integer.parseInt(args[i]));
        if (sizes.isEmpty()) sizes = List.of(1_000, 10_000, 100_000, 1_000_000);
        for (int i = 0; i < 3; i++) measure(1_000); // warm the compiler's own code up

        List<Result> results = new ArrayList<>();
        for (int n : sizes) {
            Result r = measure(n);
            results.add(r);
            System.out.println(r);
        }
        Files.writeString(out, report(results), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static Result measure(int nodes) {
        int hidden = WideMlp.hiddenFor(nodes);
        Source source = new Source("wide_" + hidden + ".mg", WideMlp.source(hidden));
        CompileOptions options = CompileOptions.defaults().withMaxNodes(Math.max(CompileOptions.DEFAULT_MAX_NODES, 4 * nodes));
        System.gc();
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long gcs = gcCount();
        long gcMillis = gcMillis();
        Compilation c = null;
        String failure = null;
        try {
            c = Compiler.compile(source, options);
        } catch (RuntimeException | OutOfMemoryError | LinkageError e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        gcs = gcCount() - gcs;
        gcMillis = gcMillis() - gcMillis;
        if (c == null) {
            // time the stages that do work (up to the optimiser) so the table still shows where the time goes
            try {
                c = Compiler.compile(source, options, Compiler.Stage.OPT);
            } catch (RuntimeException | OutOfMemoryError | LinkageError e) {
                return new Result(nodes, hidden, null, 0, 0, 0, 0, peak, gcs, gcMillis, failure);
            }
        }
        return new Result(nodes, hidden, c.times(), c.forward().size(), c.joint().size(), c.graph().size(),
                c.generated() == null ? 0 : c.generated().stats().totalBytecode(), peak, gcs, gcMillis, failure);
    }

    static String report(List<Result> results) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "%n## Compile time and heap (JDK %d, -Xmx%d m)%n%n", Runtime.version().feature(),
                Runtime.getRuntime().maxMemory() >> 20));
        md.append("Synthetic wide MLPs (`").append(WideMlp.INPUTS).append(" inputs -> H tanh -> 1`, squared error, L2 penalty; `mgc.bench.compile.WideMlp`)\n")
          .append("compiled in one JVM after three warm-up compiles (1k nodes), default options. Nodes: scalar IR nodes of the forward,\n")
          .append("joint (forward + gradient) and optimised graphs. Times in ms. Peak heap: sum of the heap pools' peaks\n")
          .append("during the compile (an upper bound). Exponent: log(total time ratio) / log(joint nodes ratio) against\n")
          .append("the previous row; n log n gives a little over 1.\n\n");
        md.append("| target nodes | H | forward | joint | optimised | parse | lower | diff | opt | emit | define | total | ns/joint node | exponent | bytecode KB | peak heap MB | GCs (ms) |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Result prev = null;
        for (Result r : results) {
            if (r.times() == null) {
                md.append(String.format(Locale.ROOT, "| %,d | %,d | failed: %s |%n", r.target(), r.hidden(), r.failure()));
                continue;
            }
            StageTimes t = r.times();
            String exponent = prev == null || prev.failure() != null || r.failure() != null ? "" : String.format(Locale.ROOT, "%.2f",
                    Math.log((double) t.total() / prev.times().total()) / Math.log((double) r.joint() / prev.joint()));
            md.append(String.format(Locale.ROOT, "| %,d | %,d | %,d | %,d | %,d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %,d | %,d | %d (%d) |%n",
                    r.target(), r.hidden(), r.forward(), r.joint(), r.optimized(), ms(t.parse()), ms(t.lower()), ms(t.diff()),
                    ms(t.opt()), r.failure() == null ? ms(t.emit()) : "**failed**", r.failure() == null ? ms(t.define()) : "—",
                    r.failure() == null ? ms(t.total()) : "—", r.failure() == null ? String.format(Locale.ROOT, "%.0f", (double) t.total() / r.joint()) : "—", exponent,
                    r.bytecode() / 1024, r.peakHeap() >> 20, r.gcs(), r.gcMillis()));
            if (r.failure() == null) prev = r;
        }
        for (Result r : results)
            if (r.failure() != null) md.append("\n- ").append(String.format("%,d", r.target())).append(" nodes failed: `").append(r.failure()).append('`');
        Result largest = results.get(results.size() - 1);
        md.append("\n\n**Target: 1M nodes in < 10 s and < 2 GB heap**: ");
        if (largest.target() < 1_000_000) md.append("not measured.\n");
        else if (largest.failure() != null) md.append("**not met** — the compile failed (above).\n");
        else md.append(String.format(Locale.ROOT, "%s (%.1f s, %,d MB peak heap).%n",
                largest.times().total() < TEN_SECONDS && largest.peakHeap() < TWO_GB ? "met" : "**not met**",
                largest.times().total() / 1e9, largest.peakHeap() >> 20));
        return md.toString();
    }

    static String ms(long nanos) {
        double ms = nanos / 1e6;
        return ms >= 100 ? String.format(Locale.ROOT, "%,.0f", ms) : String.format(Locale.ROOT, "%.1f", ms);
    }

    static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }
}
