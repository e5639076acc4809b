package mgc.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the MNIST section of {@code results.md} from {@code MnistMgcBenchmark}'s CSV in sample mode ({@code -bm sample}):
 * per model and data set, the median step time (the mean in brackets) of each variant, its ratio to the hand-written
 * step of the same run, and issue 15's targets. Usage: {@code MnistReport A.csv[,B.csv...] OUT.md COMMAND}; missing
 * CSVs are skipped and none at all writes nothing, so a run without the benchmark still gives a report.
 */
public final class MnistReport {

    private MnistReport() {}

    static final Map<String, String> DATA = Map.of("sparse", "MNIST-like", "real", "real MNIST", "dense", "dense");

    /** Median and mean step time (µs) of one variant on one model and data set. */
    record Step(double median, double mean) {}

    public static void main(String[] args) throws IOException {
        Map<String, Map<String, Step>> cells = new LinkedHashMap<>(); // "model, data" -> variant -> step
        for (String file : args[0].split(",")) {
            Path csv = Path.of(file);
            if (Files.exists(csv)) read(csv).forEach((k, v) -> cells.computeIfAbsent(k, x -> new LinkedHashMap<>()).putAll(v));
        }
        if (cells.isEmpty()) return;
        StringBuilder md = new StringBuilder();
        md.append("\n## MNIST-shaped training step (JDK 17)\n\n");
        md.append("One training step (batch 64, float64, one thread, Adam, softmax cross-entropy) of a relu MLP: mgc's compiled\n");
        md.append("model (`lossAndGradient` + `Adam.stepAndClear`, weights [out, in]; `-inout`: [in, out]) against the hand-written\n");
        md.append("loop nest in the same run. Median step time of JMH's sample mode, the mean in brackets; examples/s = 64e6 /\n");
        md.append("median. MNIST-like = generated strokes (19% nonzero), real = the first 6,400 MNIST training digits (only when\n");
        md.append("the IDX files are there), dense = random; the interpreter is mgc's tensor interpreter on the same step, for\n");
        md.append("scale. Command: `").append(args.length > 2 ? args[2] : "").append("`\n\n");
        md.append("| model, data | hand-written | mgc, Vector API | ×hand | mgc, SuperWord | ×hand | Vector API, [in, out] | SuperWord, [in, out] | mgc interpreter |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (var e : cells.entrySet()) {
            Map<String, Step> v = e.getValue();
            Step hand = v.get("hand");
            md.append("| ").append(e.getKey()).append(" | ").append(hand == null ? "" : us(hand));
            for (String variant : List.of("mgc-vector", "mgc-superword")) {
                Step s = v.get(variant);
                md.append(" | ").append(s == null ? "" : us(s) + " (" + rate(s) + ")");
                md.append(" | ").append(s == null || hand == null ? "" : String.format(Locale.ROOT, "%.2f", hand.median() / s.median()));
            }
            for (String variant : List.of("mgc-vector-inout", "mgc-superword-inout", "mgc-interp")) {
                Step s = v.get(variant);
                md.append(" | ").append(s == null ? "" : us(s) + " (" + rate(s) + ")");
            }
            md.append(" |\n");
        }
        md.append(targets(cells));
        Files.writeString(Path.of(args[1]), md.toString());
    }

    static Map<String, Map<String, Step>> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = JmhCsv.fields(lines.get(0));
        int bench = header.indexOf("Benchmark"), score = header.indexOf("Score");
        int data = header.indexOf("Param: data"), model = header.indexOf("Param: model"), variant = header.indexOf("Param: variant");
        Map<String, Double> medians = new LinkedHashMap<>(), means = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) continue;
            List<String> f = JmhCsv.fields(line);
            String key = f.get(model) + "|" + f.get(data) + "|" + f.get(variant);
            double value = Double.parseDouble(f.get(score).replace(',', '.'));
            if (f.get(bench).endsWith(":p0.50")) medians.put(key, value);
            else if (!f.get(bench).contains(":")) {
                means.put(key, value);
                keys.add(key);
            }
        }
        Map<String, Map<String, Step>> cells = new LinkedHashMap<>();
        for (String key : keys) {
            String[] k = key.split("\\|");
            if (!medians.containsKey(key)) continue;
            cells.computeIfAbsent(k[0] + ", " + DATA.getOrDefault(k[1], k[1]), x -> new LinkedHashMap<>())
                 .put(k[2], new Step(medians.get(key), means.get(key)));
        }
        return cells;
    }

    /** Issue 15's MNIST targets, judged on the real digits when they ran, else on MNIST-like data (and said so). */
    static String targets(Map<String, Map<String, Step>> cells) {
        String small = cells.containsKey("784-128-10, real MNIST") ? "784-128-10, real MNIST" : "784-128-10, MNIST-like";
        Map<String, Step> v = cells.get(small);
        StringBuilder md = new StringBuilder("\n");
        if (v != null && v.containsKey("hand")) {
            double hand = v.get("hand").median();
            Step vec = v.get("mgc-vector"), sw = v.get("mgc-superword");
            if (vec != null)
                md.append(String.format(Locale.ROOT, "**Target (%s): Vector API ≥ 75,000 examples/s**: %s (%,.0f/s).%n%n",
                        small, 64e6 / vec.median() >= 75_000 ? "met" : "**not met**", 64e6 / vec.median()));
            if (sw != null)
                md.append(String.format(Locale.ROOT, "**Target (%s): SuperWord ≥ 40,000 examples/s and ≥ 1.0× hand-written**: %s (%,.0f/s, %.2f×).%n%n",
                        small, 64e6 / sw.median() >= 40_000 && hand / sw.median() >= 1.0 ? "met" : "**not met**", 64e6 / sw.median(), hand / sw.median()));
        }
        for (var e : cells.entrySet()) {
            if (!e.getKey().startsWith("784-256-256-10") || !e.getValue().containsKey("hand")) continue;
            double hand = e.getValue().get("hand").median();
            for (String variant : List.of("mgc-vector", "mgc-superword")) {
                Step s = e.getValue().get(variant);
                if (s != null)
                    md.append(String.format(Locale.ROOT, "**Target (%s, %s): at or above hand-written**: %s (%.2f×).%n%n",
                            e.getKey(), variant, hand / s.median() >= 1.0 ? "met" : "**not met**", hand / s.median()));
            }
        }
        return md.toString();
    }

    private static String us(Step s) {
        return String.format(Locale.ROOT, "%,.0f µs [%,.0f]", s.median(), s.mean());
    }

    private static String rate(Step s) {
        return String.format(Locale.ROOT, "%,.0f/s", Math.round(64e6 / s.median() / 100) * 100.0);
    }
}
