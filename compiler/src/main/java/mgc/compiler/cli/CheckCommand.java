package mgc.compiler.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import mgc.compiler.check.GradientCheck;
import mgc.compiler.check.ModelEvaluator;
import mgc.compiler.check.ValueSource;
import mgc.runtime.Initializers;
import mgc.runtime.ModelSignature;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mgc check MODEL.mg}: compiled gradients against central finite differences. */
@Command(name = "check", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = {"Checks the compiled gradients against finite differences.", "Compares every gradient element with a central finite difference (Richardson-extrapolated,",
                "step relative to the element's magnitude) at N random points around the initial parameters,",
                "with random inputs and targets in [-1, 1]; points within a step of a kink are skipped.",
                "Prints the worst elements and `max relative error: X over G gradients at N points`;",
                "exits 0 when X <= --tol, 1 otherwise."})
public final class CheckCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model source (.mg).")
    Path model;

    @Option(names = "--points", paramLabel = "N", defaultValue = "5", description = "Number of random points (default 5).")
    int points;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the points and the initialisers (default 1).")
    long seed;

    @Option(names = "--tol", paramLabel = "T", defaultValue = "1e-6", description = "Largest acceptable relative error (default 1e-6).")
    double tol;

    @Option(names = "--sample", paramLabel = "K", defaultValue = "0",
            description = "Check only K randomly chosen parameter elements per point (0: all; for large models).")
    int sample;

    @Option(names = "--interpret", description = "Check the IR interpreter instead of the generated code.")
    boolean interpret;

    @Mixin
    CompileFlags flags;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if (points < 1) throw new CommandLine.ParameterException(cl, "--points must be at least 1");
        if (sample < 0) throw new CommandLine.ParameterException(cl, "--sample must not be negative");
        if (!(tol > 0)) throw new CommandLine.ParameterException(cl, "--tol must be positive");
        ModelSession s = ModelSession.open(model, flags.options(cl), interpret);
        ModelSignature sig = s.signature();
        double[] init = Initializers.initialize(sig, seed);
        GradientCheck.Result r = GradientCheck.run(s.compilation().forward(), new GradientCheck.Options(points, seed, tol, sample),
                ValueSource.around(init), ModelEvaluator.of(s.model()));
        var w = cl.getOut();
        if (!r.worst().isEmpty()) {
            w.println("worst elements:");
            for (GradientCheck.Comparison m : r.worst()) w.println("  " + m);
        }
        if (r.skipped() > 0) w.println("skipped " + r.skipped() + " comparisons within a step of a kink");
        w.println(r.summary());
        w.flush();
        return r.passed() ? 0 : 1;
    }
}
