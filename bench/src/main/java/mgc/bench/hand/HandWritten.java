package mgc.bench.hand;

import mgc.bench.LossGradient;
import mgc.bench.workload.Workload;

/** Hand-written, hand-optimised forward and backward loops: the practical limit the others are measured against. */
public final class HandWritten {

    private HandWritten() {}

    public static LossGradient of(Workload w) {
        return switch (w.kind()) {
            case MOONS -> new MoonsByHand(w);
            case MLP64 -> new Mlp64ByHand(w);
            case RESIDUAL -> new ResidualByHand(w);
            case SOFTMAX -> new SoftmaxByHand(w);
        };
    }
}
