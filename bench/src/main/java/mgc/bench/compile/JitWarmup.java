package mgc.bench.compile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import mgc.compiler.Compilation;
import mgc.compiler.CompileOptions;
import mgc.compiler.Compiler;
import mgc.compiler.front.Source;
import mgc.runtime.CompiledModel;

/**
 * JIT warm-up of generated code: compiles a {@link WideMlp} of about {@code nodes} joint-graph nodes in
 * a fresh JVM, then times every {@code lossAndGradient} call on one example for {@code seconds}
 * seconds. Final = median of the last 20% of calls; steady from the end of the last window (1% of the
 * calls, at least 5) before those whose median is more than 10% above final.
 * Usage: {@code JitWarmup OUT.md nodes seconds}; appends one table row to OUT.md (header if new).
 */
public final class JitWarmup {

    private JitWarmup() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        int nodes = Integer.parseInt(args[1]);
        double seconds = Double.parseDouble(args[2]);
        int hidden = WideMlp.hiddenFor(nodes);
        String row;
        try {
            row = measure(nodes, hidden, seconds);
        } catch (RuntimeException | LinkageError e) {
            row = String.format(Locale.ROOT, "| %,d | %,d | failed to compile: `%s` |||||||%n", nodes, hidden, e);
        }
        System.out.print(row);
        if (!Files.exists(out)) {
            Files.writeString(out, String.format(Locale.ROOT, """

                    ## JIT warm-up of generated code (JDK %d)

                    One fresh JVM per size; a `WideMlp` of H hidden units is compiled, then `lossAndGradient` is called
                    on one example back to back and every call is timed. Final = median of the last 20%% of calls;
                    steady = from the end of the last earlier window (1%% of the calls, at least 5) whose median is
                    above 1.1 × final ("not steady" if that is the last one). "First 10" is the median of the first
                    ten calls (interpreted bytecode). Window medians over time are in `target/results/warmup.log`.

                    | target nodes | H | joint nodes | first call µs | first 10 µs | final µs | first 10 / final | steady after s | steady after calls | calls in run |
                    |---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
                    """, Runtime.version().feature()));
        }
        Files.writeString(out, row, StandardOpenOption.APPEND);
    }

    static String measure(int nodes, int hidden, double seconds) {
        Compilation c = Compiler.compile(new Source("wide_" + hidden + ".mg", WideMlp.source(hidden)), CompileOptions.defaults());
        CompiledModel m = c.model();
        Random r = new Random(7);
        double[] params = new double[m.signature().paramSize()];
        for (int i = 0; i < params.length; i++) params[i] = 0.2 * r.nextDouble() - 0.1;
        double[] x = new double[m.signature().inputSize()];
        for (int i = 0; i < x.length; i++) x[i] = 2 * r.nextDouble() - 1;
        double[] y = {0.5};
        double[] grad = new double[params.length];
        double[] scratch = m.newScratch();

        long[] times = new long[1 << 16];
        long[] ends = new long[1 << 16];
        int calls = 0;
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        double sink = 0;
        long now = start;
        while (now < deadline) {
            long t = System.nanoTime();
            sink += m.lossAndGradient(params, x, y, 0, 1, grad, scratch);
            now = System.nanoTime();
            if (calls == times.length) {
                times = Arrays.copyOf(times, 2 * calls);
                ends = Arrays.copyOf(ends, 2 * calls);
            }
            times[calls] = now - t;
            ends[calls++] = now - start;
        }
        if (Double.isNaN(sink)) System.out.println("NaN loss");
        int finalFrom = calls - Math.max(1, calls / 5);
        double fin = median(times, finalFrom, calls);
        int window = Math.max(5, calls / 100);
        int steadyCall = 0;
        StringBuilder timeline = new StringBuilder("window medians (us):");
        for (int from = 0; from + window <= finalFrom; from += window) {
            double med = median(times, from, from + window);
            if (med > 1.1 * fin) steadyCall = from + window;
            if ((from / window) % 5 == 0) timeline.append(String.format(Locale.ROOT, " %.1fs:%.2f", ends[from] / 1e9, med / 1e3));
        }
        System.out.println(timeline);
        double steadySeconds = steadyCall == 0 ? 0 : ends[steadyCall - 1] / 1e9;
        double first10 = median(times, 0, Math.min(10, calls));
        return String.format(Locale.ROOT, "| %,d | %,d | %,d | %.1f | %.1f | %.2f | %.0f | %s | %,d | %,d |%n",
                nodes, hidden, c.joint().size(), times[0] / 1e3, first10 / 1e3, fin / 1e3, first10 / fin,
                steadyCall >= finalFrom - window ? "not steady" : String.format(Locale.ROOT, "%.2f", steadySeconds), steadyCall, calls);
    }

    static double median(long[] v, int from, int to) {
        long[] s = Arrays.copyOfRange(v, from, to);
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }
}
