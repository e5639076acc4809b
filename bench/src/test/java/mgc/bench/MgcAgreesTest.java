package mgc.bench;

import static mgc.bench.BaselinesAgreeTest.assertClose;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import mgc.bench.hand.HandWritten;
import mgc.bench.workload.Workload;
import mgc.bench.workload.Workload.Kind;
import mgc.bench.workload.Workloads;

/**
 * mgc's generated class and its IR interpreter compute what the baselines compute, on the same arrays.
 * A workload the compiler cannot compile fails here (the benchmark report lists such failures too):
 * every workload is a model mgc must compile.
 */
class MgcAgreesTest {

    static LossGradient mgc(Workload w, String impl) {
        return Implementations.create(impl, w);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void compiledAgreesWithHandWritten(Kind kind) {
        agreesWithHandWritten(kind, Implementations.MGC);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void interpretedAgreesWithHandWritten(Kind kind) {
        agreesWithHandWritten(kind, Implementations.MGC_INTERPRETER);
    }

    static void agreesWithHandWritten(Kind kind, String impl) {
        Workload w = Workloads.of(kind);
        double[] p = w.copyOfInitialParams();
        double[] expected = new double[p.length];
        double obj = HandWritten.of(w).batchObjective(p, w.inputs(), w.targets(), w.examples(), expected);
        LossGradient model = mgc(w, impl);
        double[] grad = new double[p.length];
        assertClose(kind + " " + impl + " objective", obj, model.batchObjective(p, w.inputs(), w.targets(), w.examples(), grad), obj);
        assertClose(kind + " " + impl, expected, grad);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void compiledAddsIntoTheAccumulatorOverASubrange(Kind kind) {
        Workload w = Workloads.of(kind);
        double[] p = w.copyOfInitialParams();
        double[] expected = new double[p.length];
        LossGradient hand = HandWritten.of(w);
        hand.lossAndGradient(p, w.inputs(), w.targets(), 3, 9, expected);
        hand.lossAndGradient(p, w.inputs(), w.targets(), 3, 9, expected);
        LossGradient mgc = mgc(w, Implementations.MGC);
        double[] grad = new double[p.length];
        mgc.lossAndGradient(p, w.inputs(), w.targets(), 3, 9, grad);
        mgc.lossAndGradient(p, w.inputs(), w.targets(), 3, 9, grad);
        assertClose(kind + " mgc", expected, grad);
    }

    @Test
    void moonsTrainingRunAgrees() {
        Workload w = Workloads.moons();
        assertClose("moons mgc after 20 steps", SgdStep.train(w, HandWritten.of(w), 20),
                SgdStep.train(w, mgc(w, Implementations.MGC), 20));
    }
}
