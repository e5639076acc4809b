package mgc.compiler.opt;

import static mgc.compiler.opt.Snippets.after;
import static mgc.compiler.opt.Snippets.assertKeeps;
import static mgc.compiler.opt.Snippets.assertRewrites;
import static org.junit.jupiter.api.Assertions.assertEquals;

import mgc.compiler.ir.Op;
import org.junit.jupiter.api.Test;

class SimplifyTest {
    private static final String PASS = "simplify";

    @Test
    void timesZeroFoldsOnlyForFiniteOperandsOfKnownSign() {
        assertRewrites("0.0", PASS, g -> g.mul(g.unary(Op.SIGMOID, g.param(0)), g.constant(0.0)));
        assertRewrites("-0.0", PASS, g -> g.mul(g.neg(g.unary(Op.SIGMOID, g.param(0))), g.constant(0.0)));
        assertRewrites("-0.0", PASS, g -> g.mul(g.unary(Op.SIGMOID, g.param(0)), g.constant(-0.0)));
        assertKeeps(PASS, g -> g.mul(g.param(0), g.constant(0.0)));                    // p < 0 gives -0
        assertKeeps(PASS, g -> g.mul(g.unary(Op.EXP, g.param(0)), g.constant(0.0)));   // exp may overflow: inf * 0 is NaN
        assertKeeps(PASS, g -> g.mul(g.unary(Op.LOG, g.param(0)), g.constant(0.0)));   // NaN * 0 is NaN
        assertEquals("0.0", after(PASS, true, g -> g.mul(g.param(0), g.constant(0.0))));
    }

    @Test
    void plusZeroGoesOnlyWhenTheOperandIsNeverMinusZero() {
        assertRewrites("exp(p[0])", PASS, g -> g.add(g.unary(Op.EXP, g.param(0)), g.constant(0.0)));
        assertKeeps(PASS, g -> g.add(g.param(0), g.constant(0.0)));                    // -0 + 0 = +0
        assertKeeps(PASS, g -> g.add(g.unary(Op.TANH, g.param(0)), g.constant(0.0)));
        assertEquals("p[0]", after(PASS, true, g -> g.add(g.param(0), g.constant(0.0))));
        assertEquals("p[0]", Snippets.built(g -> g.add(g.param(0), g.constant(-0.0)))); // the builder's exact x + -0
    }

    @Test
    void selfSubtractionIsZeroOnlyForFiniteOperands() {
        assertRewrites("0.0", PASS, g -> g.sub(g.unary(Op.TANH, g.param(0)), g.unary(Op.TANH, g.param(0))));
        assertKeeps(PASS, g -> g.sub(g.unary(Op.EXP, g.param(0)), g.unary(Op.EXP, g.param(0)))); // inf - inf is NaN
        assertEquals("0.0", after(PASS, true, g -> g.sub(g.unary(Op.EXP, g.param(0)), g.unary(Op.EXP, g.param(0)))));
    }

    @Test
    void negationsCancelAndMergeIntoSubtraction() {
        assertRewrites("add(p[0], p[1])", PASS, g -> g.sub(g.param(0), g.neg(g.param(1))));
        assertRewrites("sub(p[0], p[1])", PASS, g -> g.add(g.param(0), g.neg(g.param(1))));
        assertRewrites("mul(p[0], p[1])", PASS, g -> g.mul(g.neg(g.param(0)), g.neg(g.param(1))));
        assertRewrites("neg(p[1])", PASS, g -> g.sub(g.constant(-0.0), g.param(1)));
        assertKeeps(PASS, g -> g.sub(g.constant(0.0), g.param(1)));                    // 0 - 0 = +0, -(0) = -0
        assertRewrites("neg(add(1.0, exp(p[1])))", PASS, g -> g.sub(g.constant(0.0), g.add(g.constant(1.0), g.unary(Op.EXP, g.param(1)))));
        assertKeeps(PASS, g -> g.sub(g.constant(0.0), g.unary(Op.EXP, g.param(1))));   // exp may underflow to +0
        assertEquals("p[0]", Snippets.built(g -> g.neg(g.neg(g.param(0)))));
    }

    @Test
    void divisionByAPowerOfTwoBecomesAnExactProduct() {
        assertRewrites("mul(p[0], 0.25)", PASS, g -> g.div(g.param(0), g.constant(4.0)));
        assertRewrites("mul(p[0], -2.0)", PASS, g -> g.div(g.param(0), g.constant(-0.5)));
        assertRewrites("neg(p[0])", PASS, g -> g.div(g.param(0), g.constant(-1.0)));
        assertKeeps(PASS, g -> g.div(g.param(0), g.constant(3.0)));                    // 1/3 is not exact
        assertRewrites("mul(p[0], " + 0x1p1022 + ")", PASS, g -> g.div(g.param(0), g.constant(Double.MIN_NORMAL)));
        assertKeeps(PASS, g -> g.div(g.param(0), g.constant(0x1p1023)));             // conservative: 1/c is subnormal
        assertEquals("mul(p[0], " + (1.0 / 3.0) + ")", after(PASS, true, g -> g.div(g.param(0), g.constant(3.0))));
    }

    @Test
    void smallIntegerPowersBecomeTheProductsPowcComputes() {
        assertRewrites("mul(p[0], p[0])", PASS, g -> g.powc(g.param(0), 2.0));
        assertRewrites("mul(p[0], mul(p[0], p[0]))", PASS, g -> g.powc(g.param(0), 3.0));
        assertRewrites("div(1.0, p[0])", PASS, g -> g.powc(g.param(0), -1.0));
        assertRewrites("sqrt(p[0])", PASS, g -> g.powc(g.param(0), 0.5));
        assertKeeps(PASS, g -> g.powc(g.param(0), 4.0));                               // pow(x, 4) != (x*x)*(x*x) in the last bit
        assertEquals("mul(mul(p[0], p[0]), mul(p[0], p[0]))", after(PASS, true, g -> g.powc(g.param(0), 4.0)));
    }

    @Test
    void expOfLogOnlyUnderFastMath() {
        assertKeeps(PASS, g -> g.unary(Op.EXP, g.unary(Op.LOG, g.param(0))));
        assertKeeps(PASS, g -> g.unary(Op.LOG, g.unary(Op.EXP, g.param(0))));
        assertEquals("p[0]", after(PASS, true, g -> g.unary(Op.EXP, g.unary(Op.LOG, g.param(0)))));
    }

    @Test
    void reluAndAbsOfNonNegativeValuesVanish() {
        assertRewrites("relu(p[0])", PASS, g -> g.unary(Op.RELU, g.unary(Op.RELU, g.param(0))));
        assertRewrites("relu(p[0])", PASS, g -> g.unary(Op.ABS, g.unary(Op.RELU, g.param(0))));
        assertRewrites("abs(p[0])", PASS, g -> g.unary(Op.RELU, g.unary(Op.ABS, g.param(0))));
        assertRewrites("abs(p[0])", PASS, g -> g.unary(Op.ABS, g.neg(g.param(0))));
        assertKeeps(PASS, g -> g.unary(Op.RELU, g.unary(Op.TANH, g.param(0))));
    }

    @Test
    void strongZeroProductsBecomePlainWhenThePartialIsFiniteAndZerosKeepTheirSign() {
        assertRewrites("mul(sigmoid(p[0]), sigmoid(p[1]))", PASS,
                g -> g.dmul(g.unary(Op.SIGMOID, g.param(0)), g.unary(Op.SIGMOID, g.param(1))));
        assertRewrites("div(sigmoid(p[0]), add(1.0, exp(p[1])))", PASS,
                g -> g.ddiv(g.unary(Op.SIGMOID, g.param(0)), g.add(g.constant(1.0), g.unary(Op.EXP, g.param(1)))));
        // exp may be infinite: 0 * inf is NaN where dmul gives 0
        assertKeeps(PASS, g -> g.dmul(g.unary(Op.SIGMOID, g.param(0)), g.unary(Op.EXP, g.param(1))));
        // tanh may be negative: +0 * -0.5 is -0 where dmul gives +0
        assertKeeps(PASS, g -> g.dmul(g.unary(Op.SIGMOID, g.param(0)), g.unary(Op.TANH, g.param(1))));
        // sigmoid may underflow to 0: a / 0 is infinite or NaN
        assertKeeps(PASS, g -> g.ddiv(g.param(0), g.unary(Op.SIGMOID, g.param(1))));
        assertEquals("mul(sigmoid(p[0]), tanh(p[1]))",
                after(PASS, true, g -> g.dmul(g.unary(Op.SIGMOID, g.param(0)), g.unary(Op.TANH, g.param(1)))));
    }

    @Test
    void repeatedMasksAndSelectsOnOneConditionCollapse() {
        assertRewrites("maskpos(x[0], p[0])", PASS, g -> g.maskpos(g.input(0), g.maskpos(g.input(0), g.param(0))));
        assertRewrites("maskpos(x[0], p[0])", PASS, g -> g.maskpos(g.input(0), g.signmul(g.input(0), g.param(0))));
        assertRewrites("maskpos(x[0], p[0])", PASS, g -> g.maskpos(g.unary(Op.RELU, g.input(0)), g.param(0)));
        assertRewrites("maskpos(x[0], p[0])", PASS, g -> g.signmul(g.unary(Op.RELU, g.input(0)), g.param(0)));
        assertKeeps(PASS, g -> g.signmul(g.input(0), g.maskpos(g.input(0), g.param(0)))); // x < 0 gives -0, not 0
        assertKeeps(PASS, g -> g.maskpos(g.input(1), g.maskpos(g.input(0), g.param(0))));
        assertRewrites("select(x[0], p[0], p[2])", PASS,
                g -> g.select(g.input(0), g.select(g.input(0), g.param(0), g.param(1)), g.param(2)));
        assertRewrites("select(x[0], p[2], p[1])", PASS,
                g -> g.select(g.input(0), g.param(2), g.select(g.input(0), g.param(0), g.param(1))));
        assertRewrites("select(x[0], p[1], p[0])", PASS,
                g -> g.select(g.binary(Op.EQ, g.input(0), g.constant(0.0)), g.param(0), g.param(1)));
        assertEquals("p[0]", Snippets.built(g -> g.select(g.input(0), g.param(0), g.param(0))));
        assertEquals("p[0]", after(PASS, g -> g.binary(Op.MAX, g.param(0), g.param(0))));
    }
}
