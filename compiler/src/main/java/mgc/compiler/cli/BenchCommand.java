package mgc.compiler.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import mgc.compiler.Compilation;
import mgc.runtime.CompiledModel;
import mgc.runtime.Initializers;
import mgc.runtime.ModelSignature;
import mgc.runtime.data.DataSpec;
import mgc.runtime.data.Dataset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mgc bench MODEL.mg}: a quick, JMH-free measurement of one model — compile time by stage,
 * JIT warm-up, and loss+gradient time per example for the generated code and the interpreter. For
 * figures with error bars use the JMH suite ({@code bench/run.sh}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = {"Measures one model: compile time, JIT warm-up, ns per example.", "Loss+gradient time of generated code vs the interpreter on one batch of --batch examples:",
                "random inputs in [-1, 1] (dense), or the first examples of --data.",
                "JIT warm-up: calls in 50 ms windows until ten agree within 10%% of their median;",
                "steady from the end of the last window more than 10%% slower than that median.",
                "A quick look; the JMH suite in bench/ (bench/run.sh) gives figures with error bars."})
public final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model source (.mg).")
    Path model;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "100", description = "Examples per call (default 100).")
    int batch;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "3", description = "Measurement time per implementation (default 3).")
    double seconds;

    @Option(names = "--data", paramLabel = "SPEC", arity = "0..1", fallbackValue = "",
            description = "Measure on the first --batch examples of this data set (any spec `mgc train --data` takes); "
                    + "--data alone: the model's train block data. Zero inputs are skipped by loop kernels, so sparse data "
                    + "such as MNIST runs faster than the random default.")
    String data;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the table as Markdown.")
    Path markdown;

    @Mixin
    CompileFlags flags;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        if (batch < 1) throw new CommandLine.ParameterException(cl, "--batch must be at least 1");
        if (!(seconds > 0)) throw new CommandLine.ParameterException(cl, "--seconds must be positive");
        if (markdown != null) OutputFiles.createDirectoryOf(cl, markdown, "--markdown");
        ModelSession s = ModelSession.open(model, flags.options(cl), false);
        Compilation c = s.compilation();
        ModelSignature sig = s.signature();
        double[] p = Initializers.initialize(sig, 1);
        double[] x = new double[batch * sig.inputSize()], y = new double[batch * sig.targetSize()];
        String dataText;
        if (data == null) {
            SplittableRandom r = new SplittableRandom(1);
            for (int i = 0; i < x.length; i++) x[i] = r.nextDouble(-1, 1);
            for (int i = 0; i < y.length; i++) y[i] = r.nextBoolean() ? 1.0 : -1.0;
            dataText = "random inputs in [-1, 1], targets ±1";
        } else {
            Dataset d = load(s, cl); // examples are contiguous: the first --batch are the arrays' first elements
            System.arraycopy(d.inputs(), 0, x, 0, x.length);
            System.arraycopy(d.targets(), 0, y, 0, y.length);
            long zeros = 0;
            for (double v : x) zeros += v == 0 ? 1 : 0;
            dataText = String.format(Locale.ROOT, "%s, first %d examples (%.0f%% of inputs zero)",
                    data.isEmpty() ? sig.trainDefaults().get("data") : data, batch, 100.0 * zeros / Math.max(1, x.length));
        }

        var w = cl.getOut();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"model", sig.modelName() + " (" + sig.paramSize() + " params)"});
        rows.add(new String[]{"back end", c.backend() == mgc.compiler.Backend.LOOPS
                ? "loop kernels (" + mgc.runtime.kernel.Kernels.flavour() + " flavour), tiles of " + mgc.compiler.codegen.LoopGenerator.TILE
                        + " (" + c.backendReason() + ")"
                : "unrolled straight-line code (" + c.backendReason() + ")"});
        rows.add(new String[]{"data", dataText});
        rows.add(new String[]{"tensor IR nodes (forward)", Integer.toString(c.tensor().size())});
        if (c.backend() == mgc.compiler.Backend.UNROLLED)
            rows.add(new String[]{"IR nodes (forward / joint / optimised)", c.forward().size() + " / " + c.joint().size() + " / " + c.graph().size()});
        rows.add(new String[]{"class file bytes", String.format(Locale.ROOT, "%,d", c.generated().bytes().length)});
        rows.add(new String[]{"compile time", c.times().toString()});

        CompiledModel compiled = c.model();
        double[] g = new double[sig.paramSize()];
        double[] scratch = compiled.newScratch();
        long t0 = System.nanoTime();
        compiled.lossAndGradient(p, x, y, 0, batch, g, scratch);
        long first = System.nanoTime() - t0;
        Warmup warm = warmUp(compiled, p, x, y, g, scratch);
        long allocatedBefore = allocatedBytes();
        Timing timed = measure(compiled, p, x, y, g, scratch);
        long allocated = allocatedBefore < 0 ? -1 : (allocatedBytes() - allocatedBefore) / timed.calls;
        double ns = timed.nsPerExample;
        CompiledModel interp = c.interpreted();
        double nsInterp = measure(interp, p, x, y, g, new double[0]).nsPerExample;
        rows.add(new String[]{"first call (batch of " + batch + ")", String.format(Locale.ROOT, "%.2f ms", first / 1e6)});
        rows.add(new String[]{"JIT warm-up to steady state", warm.describe()});
        rows.add(new String[]{"loss+gradient, generated code", String.format(Locale.ROOT, "%.1f ns/example (%,.0f examples/s)", ns, 1e9 / ns)});
        if (allocated >= 0)
            rows.add(new String[]{"allocated per call, generated code", String.format(Locale.ROOT, "%,d bytes", allocated)});
        rows.add(new String[]{"loss+gradient, interpreter", String.format(Locale.ROOT, "%.1f ns/example", nsInterp)});
        rows.add(new String[]{"speed-up over the interpreter", String.format(Locale.ROOT, "%.1fx", nsInterp / ns)});
        rows.add(new String[]{"JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", " + Runtime.getRuntime().availableProcessors() + " cores"});

        int width = rows.stream().mapToInt(a -> a[0].length()).max().orElse(10);
        for (String[] row : rows) w.println(String.format(Locale.ROOT, "%-" + width + "s  %s", row[0], row[1]));
        String warning = allocationWarning(allocated, c.backend(), mgc.runtime.kernel.Kernels.flavour());
        if (warning != null) w.println(warning);
        if (markdown != null) {
            StringBuilder md = new StringBuilder("| measure | value |\n|---|---|\n");
            for (String[] row : rows) md.append("| ").append(row[0]).append(" | ").append(row[1]).append(" |\n");
            Files.writeString(markdown, md);
            w.println("wrote " + markdown);
        }
        w.flush();
        return 0;
    }

    /** The data set --data names (the train block's for a bare --data), which must hold at least --batch examples. */
    private Dataset load(ModelSession s, CommandLine cl) {
        ModelSignature sig = s.signature();
        DataSpec spec;
        try {
            if (data.isEmpty()) {
                String text = sig.trainDefaults().get("data");
                if (text == null) throw new CommandLine.ParameterException(cl, "--data without a spec needs `data = ...` in the model's train block");
                spec = DataSpec.parse(text, s.baseDir());
            } else {
                spec = DataSpec.parse(data, Path.of("").toAbsolutePath());
            }
        } catch (mgc.runtime.spec.SpecException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        Dataset d = spec.load(sig);
        if (d.size() < batch) {
            throw new CommandLine.ParameterException(cl, "--data has " + d.size() + " examples, fewer than --batch " + batch);
        }
        if (!d.hasTargets() && sig.targetSize() > 0) throw new CommandLine.ParameterException(cl, "--data has no targets");
        return d;
    }

    /** When the generated code became steady: seconds and calls after the first call, or not within the time limit. */
    record Warmup(double seconds, long calls, boolean steady) {
        String describe() {
            return steady ? String.format(Locale.ROOT, "%.2f s (%d calls)", seconds, calls)
                    : String.format(Locale.ROOT, "not steady within %.0f s (%d calls)", seconds, calls);
        }
    }

    /** Length of one warm-up window: calls back to back for this long, timed together. */
    static final long WINDOW_NANOS = 50_000_000L;
    /** Windows that must agree before the warm-up ends; their median is the steady speed. */
    static final int STABLE_WINDOWS = 10;
    /** A window this much slower than the steady speed (or more) is still warming up. */
    static final double SLOWER = 1.10;
    /** The warm-up gives up after this long. */
    static final long WARMUP_LIMIT_NANOS = 30_000_000_000L;

    /**
     * Calls back to back in windows of {@link #WINDOW_NANOS} until the last {@link #STABLE_WINDOWS} windows each lie
     * within 10% of their median, the steady time per call (or {@link #WARMUP_LIMIT_NANOS} passes); the code was steady
     * from the end of the last window that was more than 10% slower than that ({@link #steadyFrom}). The confirming
     * windows are not counted as warm-up.
     */
    private Warmup warmUp(CompiledModel m, double[] p, double[] x, double[] y, double[] g, double[] scratch) {
        long start = System.nanoTime(), calls = 0;
        List<double[]> windows = new ArrayList<>();   // {per call ns, end ns after start, calls so far}
        while (System.nanoTime() - start < WARMUP_LIMIT_NANOS) {
            long w0 = System.nanoTime();
            long n = 0;
            while (System.nanoTime() - w0 < WINDOW_NANOS) {
                m.lossAndGradient(p, x, y, 0, batch, g, scratch);
                n++;
            }
            long end = System.nanoTime();
            calls += n;
            windows.add(new double[] {(end - w0) / (double) n, end - start, calls});
            double[] times = perCall(windows);
            if (stable(times)) {
                int from = steadyFrom(times);
                double[] before = from == 0 ? new double[] {0, 0, 0} : windows.get(from - 1);
                return new Warmup(before[1] / 1e9, (long) before[2], true);
            }
        }
        return new Warmup((System.nanoTime() - start) / 1e9, calls, false);
    }

    private static double[] perCall(List<double[]> windows) {
        return windows.stream().mapToDouble(w -> w[0]).toArray();
    }

    /** Whether the last {@link #STABLE_WINDOWS} windows' times per call each lie within 10% of their median. */
    static boolean stable(double[] perCall) {
        if (perCall.length < STABLE_WINDOWS) return false;
        double median = lastMedian(perCall);
        for (int i = perCall.length - STABLE_WINDOWS; i < perCall.length; i++)
            if (Math.abs(perCall[i] - median) > (SLOWER - 1) * median) return false;
        return true;
    }

    /**
     * The first window of the steady state: the one after the last window more than 10% slower than the median of the
     * last {@link #STABLE_WINDOWS} (0 when none was). A single slow window (a GC pause, the machine busy) late in the
     * run therefore moves the verdict past it, as it should: the figure is when the speed last fell short.
     */
    static int steadyFrom(double[] perCall) {
        double steady = lastMedian(perCall);
        int from = 0;
        for (int i = 0; i < perCall.length; i++)
            if (perCall[i] > SLOWER * steady) from = i + 1;
        return from;
    }

    private static double lastMedian(double[] perCall) {
        double[] last = Arrays.copyOfRange(perCall, Math.max(0, perCall.length - STABLE_WINDOWS), perCall.length);
        Arrays.sort(last);
        return last.length % 2 == 1 ? last[last.length / 2] : (last[last.length / 2 - 1] + last[last.length / 2]) / 2;
    }

    private record Timing(double nsPerExample, long calls) { }

    private Timing measure(CompiledModel m, double[] p, double[] x, double[] y, double[] g, double[] scratch) {
        long budget = (long) (seconds * 1e9);
        long start = System.nanoTime(), calls = 0;
        double sink = 0;
        while (System.nanoTime() - start < budget) {
            sink += m.lossAndGradient(p, x, y, 0, batch, g, scratch);
            calls++;
        }
        if (sink == 42.4242) System.out.print("");
        return new Timing((System.nanoTime() - start) / (double) calls / batch, calls);
    }

    /**
     * Above this many bytes per warm call the generated code is not running as built: its hot paths allocate nothing
     * (the clock reads and the loop allocate nothing either), while Vector API kernels that C2 failed to intrinsify box
     * every vector (a 784-128-10 step so compiled allocated 38 MB).
     */
    static final long ALLOCATION_WARNING_BYTES = 1024;

    /**
     * What to tell a user whose warm generated code allocated {@code allocated} bytes per call, or null when nothing
     * is amiss. Only loop kernels of the vector flavour box when the JIT fails them; allocation elsewhere is a bug
     * of mgc's code generator and is reported as such.
     */
    static String allocationWarning(long allocated, mgc.compiler.Backend backend, String flavour) {
        if (allocated <= ALLOCATION_WARNING_BYTES) return null;
        String head = String.format(Locale.ROOT, "warning: the generated code allocated %,d bytes per call once warm", allocated);
        if (backend == mgc.compiler.Backend.LOOPS && flavour.equals("vector"))
            return head + ": the JIT did not compile the Vector API kernels to vector instructions (other Vector API code "
                    + "in the same JVM can cause this on JDK 17); MGC_JAVA_OPTS=-Dmgc.kernels.flavour=superword runs the "
                    + "other flavour";
        return head + ", where it should allocate nothing: please report it with the model";
    }

    /** Bytes this thread has allocated so far, or -1 where the JVM does not count them. */
    private static long allocatedBytes() {
        if (java.lang.management.ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
                && bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled())
            return bean.getCurrentThreadAllocatedBytes();
        return -1;
    }
}
