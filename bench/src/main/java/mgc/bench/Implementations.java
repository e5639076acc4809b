package mgc.bench;

import mgc.bench.hand.HandWritten;
import mgc.bench.mgc.MgcModels;
import mgc.bench.micrograd.MicrogradPort;
import mgc.bench.tape.FlatTape;
import mgc.bench.workload.Workload;

/** The implementations compared, by the names the benchmarks' {@code impl} parameter uses. */
public final class Implementations {

    public static final String HAND = "hand";
    public static final String FLAT = "flat";
    public static final String MICROGRAD = "micrograd";
    public static final String MGC = "mgc";
    public static final String MGC_INTERPRETER = "mgc-interp";
    /** mgc with a forced back end (not in the default table: {@code -p impl=mgc-loops,mgc-unrolled}). */
    public static final String MGC_LOOPS = "mgc-loops", MGC_UNROLLED = "mgc-unrolled";
    /**
     * mgc with the SuperWord kernels forced: what a library user gets without {@code --add-modules
     * jdk.incubator.vector} (the launcher and the 64-wide MLP's fork pass it, so plain {@code mgc} there
     * runs the Vector API kernels). Must be the first model built in its fork: the flavour is fixed when
     * the kernels class loads.
     */
    public static final String MGC_SUPERWORD = "mgc-superword";

    private Implementations() {}

    public static LossGradient create(String name, Workload w) {
        return switch (name) {
            case HAND -> HandWritten.of(w);
            case FLAT -> new FlatTape(w);
            case MICROGRAD -> new MicrogradPort(w);
            case MGC -> MgcModels.of(w, false);
            case MGC_LOOPS -> MgcModels.of(w, mgc.compiler.Backend.Choice.LOOPS);
            case MGC_UNROLLED -> MgcModels.of(w, mgc.compiler.Backend.Choice.UNROLLED);
            case MGC_SUPERWORD -> {
                KernelFlavour.force("superword");
                yield MgcModels.of(w, false);
            }
            case MGC_INTERPRETER -> MgcModels.of(w, true);
            default -> throw new IllegalArgumentException("unknown implementation " + name);
        };
    }
}
