package mgc.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import mgc.bench.report.JmhCsv.Row;

/**
 * Writes {@code results.md} from JMH CSV files (one per JDK) and Markdown fragments written by the
 * other programs. Usage:
 * {@code ResultsReport OUT HEADER.md "JDK 17=a.csv,b.csv" ["JDK 25=c.csv" ...] [--append FRAGMENT.md ...]};
 * missing files are skipped, so a partial run still gives a report.
 */
public final class ResultsReport {

    /** A result whose 99.9% error exceeds this fraction of its score is flagged. */
    static final double NOISY = 0.10;

    static final Map<String, String> BENCHMARKS = new LinkedHashMap<>();
    static final Map<String, String> IMPLS = new LinkedHashMap<>();

    static {
        BENCHMARKS.put("MoonsBenchmark.perExample", "moons 2-16-16-1 relu, hinge loss — per example, initial parameters (92/100 hinges active)");
        BENCHMARKS.put("MoonsBenchmark.perExampleTrained", "moons — per example after the 100-step training run (0/100 hinges active)");
        BENCHMARKS.put("MoonsBenchmark.trainStep", "moons — full-batch training step (100 examples + penalty + SGD update), averaged over the 100-step run");
        BENCHMARKS.put("Mlp64Benchmark.perExample", "64-64-64-1 tanh MLP, squared error — per example");
        BENCHMARKS.put("ResidualBenchmark.perExample", "residual 2-32 + 4 × (h + tanh(W h + b)) width 32 — per example");
        BENCHMARKS.put("SoftmaxBenchmark.perExample", "softmax classifier 2-16 tanh-3, cross-entropy — per example");
        IMPLS.put("hand", "hand-written Java");
        IMPLS.put("mgc", "mgc compiled");
        IMPLS.put("mgc-superword", "mgc compiled, SuperWord kernels (no Vector API module)");
        IMPLS.put("mgc-interp", "mgc IR interpreter");
        IMPLS.put("flat", "flat-array tape");
        IMPLS.put("micrograd", "micrograd port (Value objects)");
    }

    private ResultsReport() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        StringBuilder md = new StringBuilder(Files.readString(Path.of(args[1])));
        Map<String, List<Row>> runs = new LinkedHashMap<>();
        List<Path> fragments = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            if (args[i].equals("--append")) {
                fragments.add(Path.of(args[++i]));
            } else {
                int eq = args[i].indexOf('=');
                List<Row> rows = new ArrayList<>();
                for (String file : args[i].substring(eq + 1).split(",")) {
                    Path csv = Path.of(file);
                    if (Files.exists(csv)) rows.addAll(JmhCsv.read(csv));
                }
                if (!rows.isEmpty()) runs.put(args[i].substring(0, eq), rows);
            }
        }
        md.append(table(runs));
        if (!runs.isEmpty()) md.append(targets(runs.entrySet().iterator().next()));
        for (Path f : fragments) if (Files.exists(f)) md.append('\n').append(Files.readString(f));
        Files.writeString(out, md);
    }

    static String table(Map<String, List<Row>> runs) {
        StringBuilder md = new StringBuilder("\n## Per-example and training-step times\n\n");
        md.append("Average time, ± the 99.9% confidence half-width JMH reports; ×hand = ratio to the hand-written\n")
          .append("time of the same JDK (lower is better). ⚠ marks an error above ").append((int) (NOISY * 100))
          .append("% of the score: treat it as noisy.\n\n");
        md.append("| benchmark | implementation |");
        for (String jdk : runs.keySet()) md.append(' ').append(jdk).append(" | ×hand |");
        md.append("\n|---|---|");
        md.append("---:|---:|".repeat(runs.size())).append('\n');
        for (var bench : BENCHMARKS.entrySet()) {
            boolean first = true;
            for (var impl : IMPLS.entrySet()) {
                List<Row> cells = new ArrayList<>();
                for (List<Row> rows : runs.values()) cells.add(find(rows, bench.getKey(), impl.getKey()));
                if (cells.stream().allMatch(c -> c == null)) continue;
                md.append("| ").append(first ? bench.getValue() : "").append(" | ").append(impl.getValue()).append(" |");
                first = false;
                int k = 0;
                for (List<Row> rows : runs.values()) {
                    Row r = cells.get(k++);
                    Row hand = find(rows, bench.getKey(), "hand");
                    if (r == null) {
                        md.append(" — | — |");
                        continue;
                    }
                    md.append(' ').append(fmt(r.score())).append(" ± ").append(fmt(r.error())).append(' ')
                      .append(r.unit().replace("/op", "")).append(r.relativeError() > NOISY || Double.isNaN(r.error()) ? " ⚠" : "")
                      .append(" | ").append(hand == null ? "—" : String.format(Locale.ROOT, "%.2f", r.score() / hand.score())).append(" |");
                }
                md.append('\n');
            }
        }
        md.append("\nns = ns per example for the per-example rows (one call covers the whole data set: 100 examples,\n")
          .append("32 for the 64-wide MLP); us = µs per training step.\n");
        return md.toString();
    }

    static String targets(Map.Entry<String, List<Row>> run) {
        List<Row> rows = run.getValue();
        StringBuilder md = new StringBuilder("\n## Targets (" + run.getKey() + ")\n\n");
        md.append("| target | measured | verdict |\n|---|---|---|\n");
        String[] moons = {"MoonsBenchmark.perExample", "MoonsBenchmark.perExampleTrained", "MoonsBenchmark.trainStep"};
        for (String b : moons) {
            String where = b.substring(b.indexOf('.') + 1);
            md.append(target("moons " + where + ": compiled ≤ 1.1× hand-written", ratio(rows, b, "mgc", "hand"), 1.1, true));
            md.append(target("moons " + where + ": compiled ≥ 10× faster than flat tape", ratio(rows, b, "flat", "mgc"), 10, false));
            md.append(target("moons " + where + ": compiled ≥ 50× faster than micrograd port", ratio(rows, b, "micrograd", "mgc"), 50, false));
        }
        md.append(target("64-64-64 MLP: compiled ≤ 1.25× hand-written", ratio(rows, "Mlp64Benchmark.perExample", "mgc", "hand"), 1.25, true));
        md.append(target("64-64-64 MLP: compiled, SuperWord kernels, ≤ 1.25× hand-written",
                ratio(rows, "Mlp64Benchmark.perExample", "mgc-superword", "hand"), 1.25, true));
        return md.toString();
    }

    /** {ratio, its error} of a/b with relative errors combined in quadrature, or null when either is missing. */
    static double[] ratio(List<Row> rows, String bench, String a, String b) {
        Row x = find(rows, bench, a);
        Row y = find(rows, bench, b);
        if (x == null || y == null) return null;
        double r = x.score() / y.score();
        return new double[] {r, r * Math.hypot(x.relativeError(), y.relativeError())};
    }

    static String target(String what, double[] r, double bound, boolean atMost) {
        if (r == null) return "| " + what + " | not measured | — |\n";
        boolean noError = Double.isNaN(r[1]);
        double err = noError ? 0 : r[1];
        double lo = r[0] - err;
        double hi = r[0] + err;
        String verdict;
        if (atMost) verdict = hi <= bound ? "met" : lo > bound ? "**not met**" : "within error of the bound";
        else verdict = lo >= bound ? "met" : hi < bound ? "**not met**" : "within error of the bound";
        return String.format(Locale.ROOT, "| %s | %.2f ± %s | %s%s |%n", what, r[0], noError ? "?" : String.format(Locale.ROOT, "%.2f", err),
                verdict, noError ? " (no error estimate)" : "");
    }

    static Row find(List<Row> rows, String bench, String impl) {
        for (Row r : rows) if (r.benchmark().equals(bench) && r.impl().equals(impl)) return r;
        return null;
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) return "?";
        if (v >= 1000) return String.format(Locale.ROOT, "%,.0f", v);
        if (v >= 10) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
