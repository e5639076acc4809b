package mgc.compiler.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import mgc.compiler.Compilation;
import mgc.runtime.CompiledModel;
import mgc.runtime.Initializers;
import mgc.runtime.ModelSignature;
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
        description = {"Measures one model: compile time, JIT warm-up, ns per example.", "Loss+gradient time of generated code vs the interpreter (random inputs, batch of --batch).",
                "A quick look; the JMH suite in bench/ (bench/run.sh) gives figures with error bars."})
public final class BenchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model source (.mg).")
    Path model;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "100", description = "Examples per call (default 100).")
    int batch;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "3", description = "Measurement time per implementation (default 3).")
    double seconds;

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
        ModelSession s = ModelSession.open(model, flags.options(cl), false);
        Compilation c = s.compilation();
        ModelSignature sig = s.signature();
        double[] p = Initializers.initialize(sig, 1);
        SplittableRandom r = new SplittableRandom(1);
        double[] x = new double[batch * sig.inputSize()], y = new double[batch * sig.targetSize()];
        for (int i = 0; i < x.length; i++) x[i] = r.nextDouble(-1, 1);
        for (int i = 0; i < y.length; i++) y[i] = r.nextBoolean() ? 1.0 : -1.0;

        var w = cl.getOut();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"model", sig.modelName() + " (" + sig.paramSize() + " params)"});
        rows.add(new String[]{"back end", c.backend() == mgc.compiler.Backend.LOOPS
                ? "loop kernels (" + mgc.runtime.kernel.Kernels.flavour() + " flavour), tiles of " + mgc.compiler.codegen.LoopGenerator.TILE
                : "unrolled straight-line code"});
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
        double ns = measure(compiled, p, x, y, g, scratch);
        CompiledModel interp = c.interpreted();
        double nsInterp = measure(interp, p, x, y, g, new double[0]);
        rows.add(new String[]{"first call (batch of " + batch + ")", String.format(Locale.ROOT, "%.2f ms", first / 1e6)});
        rows.add(new String[]{"JIT warm-up to steady state", String.format(Locale.ROOT, "%.2f s (%d calls)", warm.seconds, warm.calls)});
        rows.add(new String[]{"loss+gradient, generated code", String.format(Locale.ROOT, "%.1f ns/example", ns)});
        rows.add(new String[]{"loss+gradient, interpreter", String.format(Locale.ROOT, "%.1f ns/example", nsInterp)});
        rows.add(new String[]{"speed-up over the interpreter", String.format(Locale.ROOT, "%.1fx", nsInterp / ns)});
        rows.add(new String[]{"JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", " + Runtime.getRuntime().availableProcessors() + " cores"});

        int width = rows.stream().mapToInt(a -> a[0].length()).max().orElse(10);
        for (String[] row : rows) w.println(String.format(Locale.ROOT, "%-" + width + "s  %s", row[0], row[1]));
        if (markdown != null) {
            StringBuilder md = new StringBuilder("| measure | value |\n|---|---|\n");
            for (String[] row : rows) md.append("| ").append(row[0]).append(" | ").append(row[1]).append(" |\n");
            Files.writeString(markdown, md);
            w.println("wrote " + markdown);
        }
        w.flush();
        return 0;
    }

    private record Warmup(double seconds, long calls) { }

    /** Calls until ten consecutive 50 ms windows agree within 10%, or 30 s. */
    private Warmup warmUp(CompiledModel m, double[] p, double[] x, double[] y, double[] g, double[] scratch) {
        long start = System.nanoTime(), calls = 0;
        double prev = Double.NaN;
        int stable = 0;
        while (System.nanoTime() - start < 30_000_000_000L) {
            long w0 = System.nanoTime();
            long n = 0;
            while (System.nanoTime() - w0 < 50_000_000L) {
                m.lossAndGradient(p, x, y, 0, batch, g, scratch);
                n++;
            }
            calls += n;
            double perCall = (System.nanoTime() - w0) / (double) n;
            stable = Math.abs(perCall - prev) <= 0.1 * prev ? stable + 1 : 0;
            prev = perCall;
            if (stable >= 10) break;
        }
        return new Warmup((System.nanoTime() - start) / 1e9, calls);
    }

    private double measure(CompiledModel m, double[] p, double[] x, double[] y, double[] g, double[] scratch) {
        long budget = (long) (seconds * 1e9);
        long start = System.nanoTime(), calls = 0;
        double sink = 0;
        while (System.nanoTime() - start < budget) {
            sink += m.lossAndGradient(p, x, y, 0, batch, g, scratch);
            calls++;
        }
        if (sink == 42.4242) System.out.print("");
        return (System.nanoTime() - start) / (double) calls / batch;
    }
}
