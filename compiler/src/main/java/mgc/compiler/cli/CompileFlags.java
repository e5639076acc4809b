package mgc.compiler.cli;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import mgc.compiler.Backend;
import mgc.compiler.CompileOptions;
import mgc.compiler.codegen.CodegenOptions;
import mgc.compiler.opt.TensorPipeline;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The compiler options shared by every subcommand that compiles a model. */
final class CompileFlags {

    @Option(names = "-O", paramLabel = "LEVEL", defaultValue = "2",
            description = "Optimisation level: 0 (no passes) or 2 (all passes; default).")
    int level = 2;

    @Option(names = "--disable-pass", paramLabel = "PASS", split = ",",
            description = "Skip the named optimisation pass (repeatable), to bisect a miscompile. Passes: ${sys:mgc.passes}.")
    List<String> disabled = List.of();

    @Option(names = "--fast-math", description = "Allow rewrites that are not exact in IEEE arithmetic (reassociation, x*0 = 0).")
    boolean fastMath;

    @Option(names = "--budget", paramLabel = "BYTES", defaultValue = "4000",
            description = "Byte budget of each generated method (256 to 8000, HotSpot's JIT limit; default 4000).")
    int budget = 4000;

    @Option(names = "--max-nodes", paramLabel = "N", defaultValue = "2000000",
            description = "Refuse models that unroll to more scalar nodes than this (default 2,000,000).")
    int maxNodes = CompileOptions.DEFAULT_MAX_NODES;

    @Option(names = "--kernels", paramLabel = "MODE", defaultValue = "auto",
            description = "Back end: auto (by the size of the largest contraction; default), loops (loop kernels over tiles "
                    + "of examples) or unrolled (straight-line code per example). Forcing one side bisects a miscompile.")
    String kernels = "auto";

    static {
        System.setProperty("mgc.passes", String.join(", ", TensorPipeline.allPassNames()));
    }

    CompileOptions options(picocli.CommandLine cl) {
        if (level != 0 && level != 2) throw new ParameterException(cl, "-O must be 0 or 2, not " + level);
        Set<String> off = new LinkedHashSet<>();
        for (String d : disabled) {
            if (!TensorPipeline.allPassNames().contains(d)) {
                throw new ParameterException(cl, "unknown pass `" + d + "`; passes are " + String.join(", ", TensorPipeline.allPassNames()));
            }
            off.add(d);
        }
        if (budget < CodegenOptions.MIN_METHOD_BUDGET || budget > CodegenOptions.HUGE_METHOD_LIMIT) {
            throw new ParameterException(cl, "--budget must be between " + CodegenOptions.MIN_METHOD_BUDGET + " and "
                    + CodegenOptions.HUGE_METHOD_LIMIT + " bytes");
        }
        if (maxNodes < 1) throw new ParameterException(cl, "--max-nodes must be positive");
        Backend.Choice choice;
        try {
            choice = Backend.Choice.parse(kernels);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cl, "--" + e.getMessage());
        }
        CompileOptions o = CompileOptions.defaults().withOptLevel(level, off, fastMath).withMaxNodes(maxNodes).withKernels(choice);
        return o.withCodegen(o.codegen().withMethodBudget(budget));
    }
}
