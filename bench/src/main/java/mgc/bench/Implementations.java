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

    private Implementations() {}

    public static LossGradient create(String name, Workload w) {
        return switch (name) {
            case HAND -> HandWritten.of(w);
            case FLAT -> new FlatTape(w);
            case MICROGRAD -> new MicrogradPort(w);
            case MGC -> MgcModels.of(w, false);
            case MGC_INTERPRETER -> MgcModels.of(w, true);
            default -> throw new IllegalArgumentException("unknown implementation " + name);
        };
    }
}
