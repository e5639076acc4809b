package mgc.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import mgc.bench.hand.HandWritten;
import mgc.bench.micrograd.MicrogradPort;
import mgc.bench.tape.FlatTape;
import mgc.bench.workload.Workload;
import mgc.bench.workload.Workload.Kind;
import mgc.bench.workload.Workloads;

/** The three baselines compute the same losses and gradients, so the benchmarks compare like with like. */
class BaselinesAgreeTest {

    /** Relative tolerance; a component is also accepted within 1e-12 of the gradient's largest component (cancellation). */
    static final double TOL = 1e-12;

    static Map<String, LossGradient> baselines(Workload w) {
        return Map.of("micrograd", new MicrogradPort(w), "flat", new FlatTape(w));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void perExampleLossAndGradientAgreeWithHandWritten(Kind kind) {
        Workload w = Workloads.of(kind);
        double[] p = w.copyOfInitialParams();
        double[] expected = new double[p.length];
        double loss = HandWritten.of(w).lossAndGradient(p, w.inputs(), w.targets(), 0, w.examples(), expected);
        assertTrue(loss > 0 && Double.isFinite(loss), "loss " + loss);
        baselines(w).forEach((name, model) -> {
            double[] grad = new double[p.length];
            double l = model.lossAndGradient(p, w.inputs(), w.targets(), 0, w.examples(), grad);
            assertClose(kind + " " + name + " loss", loss, l, Math.abs(loss));
            assertClose(kind + " " + name, expected, grad);
        });
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void gradientsAreAddedOverASubrange(Kind kind) {
        Workload w = Workloads.of(kind);
        double[] p = w.copyOfInitialParams();
        double[] expected = new double[p.length];
        HandWritten.of(w).lossAndGradient(p, w.inputs(), w.targets(), 3, 9, expected);
        HandWritten.of(w).lossAndGradient(p, w.inputs(), w.targets(), 3, 9, expected);
        baselines(w).forEach((name, model) -> {
            double[] grad = new double[p.length];
            model.lossAndGradient(p, w.inputs(), w.targets(), 3, 9, grad);
            model.lossAndGradient(p, w.inputs(), w.targets(), 3, 9, grad);
            assertClose(kind + " " + name, expected, grad);
        });
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void batchObjectivesAgree(Kind kind) {
        Workload w = Workloads.of(kind);
        double[] p = w.copyOfInitialParams();
        double[] expected = new double[p.length];
        double obj = HandWritten.of(w).batchObjective(p, w.inputs(), w.targets(), w.examples(), expected);
        baselines(w).forEach((name, model) -> {
            double[] grad = new double[p.length];
            assertClose(kind + " " + name + " objective", obj, model.batchObjective(p, w.inputs(), w.targets(), w.examples(), grad), obj);
            assertClose(kind + " " + name + " objective", expected, grad);
        });
    }

    /** Only moons is trained in the benchmarks (lr = 1 makes the regressions diverge, which amplifies rounding). */
    @Test
    void moonsTrainingRunsAgree() {
        Workload w = Workloads.moons();
        double[] expected = SgdStep.train(w, HandWritten.of(w), 20);
        baselines(w).forEach((name, model) -> assertClose("moons " + name + " after 20 steps", expected, SgdStep.train(w, model, 20)));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void penaltiesAgree(Kind kind) {
        Workload w = Workloads.of(kind);
        double[] p = w.copyOfInitialParams();
        double[] expected = new double[p.length];
        double pen = HandWritten.of(w).penaltyAndGradient(p, expected);
        assertTrue(kind.hasPenalty() == (pen > 0));
        baselines(w).forEach((name, model) -> {
            double[] grad = new double[p.length];
            assertClose(kind + " " + name + " penalty", pen, model.penaltyAndGradient(p, grad), Math.abs(pen));
            assertClose(kind + " " + name + " penalty", expected, grad);
        });
    }

    /** All three could share a wrong definition; central differences check the hand-written one against calculus. */
    @ParameterizedTest
    @EnumSource(Kind.class)
    void handWrittenGradientMatchesFiniteDifferences(Kind kind) {
        Workload w = Workloads.of(kind);
        LossGradient model = HandWritten.of(w);
        double[] p = w.copyOfInitialParams();
        double[] grad = new double[p.length];
        model.lossAndGradient(p, w.inputs(), w.targets(), 0, w.examples(), grad);
        double scale = maxAbs(grad);
        for (int i = 0; i < p.length; i += 7) {
            double h = 1e-6;
            double[] q = p.clone();
            q[i] = p[i] + h;
            double up = model.lossAndGradient(q, w.inputs(), w.targets(), 0, w.examples(), new double[p.length]);
            q[i] = p[i] - h;
            double down = model.lossAndGradient(q, w.inputs(), w.targets(), 0, w.examples(), new double[p.length]);
            double fd = (up - down) / (2 * h);
            if (Math.abs(fd - grad[i]) > 1e-5 * Math.max(Math.abs(grad[i]), scale))
                fail(kind + " param " + w.params() + "[" + i + "]: analytic " + grad[i] + ", central difference " + fd);
        }
    }

    static void assertClose(String what, double[] expected, double[] actual) {
        double scale = maxAbs(expected);
        for (int i = 0; i < expected.length; i++) assertClose(what + " [" + i + "]", expected[i], actual[i], scale);
    }

    static void assertClose(String what, double expected, double actual, double scale) {
        double err = Math.abs(expected - actual);
        if (!(err <= TOL * Math.max(Math.max(Math.abs(expected), Math.abs(actual)), scale)))
            fail(what + ": expected " + expected + ", got " + actual + " (relative error " + err / Math.abs(expected) + ")");
    }

    static double maxAbs(double[] v) {
        double m = 0;
        for (double d : v) m = Math.max(m, Math.abs(d));
        return m;
    }
}
