package mgc.runtime.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import mgc.runtime.spec.SpecException;
import org.junit.jupiter.api.Test;

class OptimizerSpecTest {

    @Test
    void linearDecayIsMicrogradsFormulaExactly() {
        LearningRate lr = OptimizerSpec.parse("sgd(lr = 1.0 to 0.1)").lr();
        for (int steps : new int[] {1, 7, 100, 1000})
            for (int k = 0; k < steps; k++)
                assertEquals(Double.doubleToRawLongBits(1.0 - 0.9 * k / steps), Double.doubleToRawLongBits(lr.at(k, steps)),
                        "k = " + k + " of " + steps);
    }

    @Test
    void anyWrittenRateParsesBackExactly() {
        qt().withExamples(200).forAll(doubles().between(Double.MIN_VALUE, 1e6), doubles().between(0, 1e6))
                .checkAssert((a, b) -> assertEquals(new LearningRate.Linear(a, b),
                        OptimizerSpec.parse("momentum(lr = " + a + " to " + b + ", mu = 0.5)").lr()));
    }

    @Test
    void schedules() {
        assertEquals(0.5, OptimizerSpec.parse("sgd(0.5)").lr().at(99, 100));
        LearningRate cos = OptimizerSpec.parse("sgd(lr = cosine(1.0, 0.1))").lr();
        assertEquals(1.0, cos.at(0, 10), 1e-15);
        assertEquals(0.55, cos.at(5, 10), 1e-15);
        LearningRate step = OptimizerSpec.parse("momentum(lr = step(0.1, 0.5, 30))").lr();
        assertEquals(0.1, step.at(29, 100));
        assertEquals(0.05, step.at(30, 100));
        assertEquals(0.025, step.at(60, 100));
    }

    @Test
    void hyperparameters() {
        OptimizerSpec a = OptimizerSpec.parse("adam(lr = 0.01, beta1 = 0.8, beta2 = 0.99, eps = 1e-6)");
        assertEquals(0.8, a.beta1());
        assertEquals(0.99, a.beta2());
        assertEquals(1e-6, a.eps());
        assertEquals(0.0, a.weightDecay());
        assertInstanceOf(Adam.class, a.create(2));
        OptimizerSpec m = OptimizerSpec.parse("momentum(lr = 0.1, mu = 0.9, nesterov = true)");
        assertTrue(m.nesterov());
        assertEquals(0.02, OptimizerSpec.parse("adamw(lr=0.001, wd=0.02)").weightDecay());
        assertEquals("adamw", OptimizerSpec.parse("adamw").create(1).name());
        assertEquals(0.01, OptimizerSpec.parse("adam:lr=0.01").lr().at(0, 1));
    }

    private static String error(String spec) {
        return assertThrows(SpecException.class, () -> OptimizerSpec.parse(spec)).getMessage();
    }

    @Test
    void badSpecsSayWhatWasExpected() {
        assertEquals("unknown optimizer `rmsprop`; expected sgd(...), momentum(...), adam(...) or adamw(...)", error("rmsprop(lr = 1)"));
        assertEquals("bad optimizer `sgd(lr = )`: expected a number, a string or a name at column 10, found `)`", error("sgd(lr = )"));
        assertEquals("optimizer `sgd(mu = 0.9)`: sgd has no parameter `mu`; it takes lr", error("sgd(mu = 0.9)"));
        assertEquals("optimizer `sgd(lr = \"x\")`: `lr` must be a number, `A to B`, `cosine(A, B)` or `step(A, factor, every)`, not `\"x\"`",
                error("sgd(lr = \"x\")"));
        assertEquals("optimizer `sgd(lr = -1)`: the learning rate must be positive, not -1.0", error("sgd(lr = -1)"));
        assertEquals("optimizer `momentum(nesterov = 1)`: `nesterov` must be true or false, not `1`", error("momentum(nesterov = 1)"));
        assertEquals("bad optimizer `sgd(lr = 0.1`: expected `)` at column 13, found the end", error("sgd(lr = 0.1"));
        assertEquals("optimizer `sgd(1, 2)`: too many arguments; sgd takes lr", error("sgd(1, 2)"));
        assertEquals("schedule `cosine(1.0)`: `to` is missing; expected from, to", error("sgd(lr = cosine(1.0))"));
        assertEquals("optimizer `adam(beta1 = 1)`: `beta1` must be in [0, 1), not 1.0", error("adam(beta1 = 1)"));
        assertEquals("optimizer `sgd(lr = 0.1, lr = 0.2)`: `lr` is given twice", error("sgd(lr = 0.1, lr = 0.2)"));
    }
}
