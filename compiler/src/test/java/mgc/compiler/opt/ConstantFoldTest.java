package mgc.compiler.opt;

import static mgc.compiler.opt.Snippets.assertKeeps;
import static mgc.compiler.opt.Snippets.assertRewrites;
import static org.junit.jupiter.api.Assertions.assertEquals;

import mgc.compiler.ir.Op;
import org.junit.jupiter.api.Test;

class ConstantFoldTest {
    private static final String PASS = "fold";

    @Test
    void constantOperandsFoldInTheBuilderByTheOpsOwnEval() {
        assertEquals("1.0", Snippets.built(g -> g.unary(Op.EXP, g.constant(0.0))));
        assertEquals("NaN", Snippets.built(g -> g.mul(g.constant(0.0), g.constant(Double.POSITIVE_INFINITY))));
    }

    @Test
    void comparisonsDecidedByValueClassesFold() {
        assertRewrites("1.0", PASS, g -> g.binary(Op.GT, g.unary(Op.EXP, g.param(0)), g.constant(-1.0)));
        assertRewrites("0.0", PASS, g -> g.binary(Op.LT, g.unary(Op.SIGMOID, g.param(0)), g.constant(-0.0)));
        assertRewrites("1.0", PASS, g -> g.binary(Op.LE, g.param(0), g.param(0)));   // leaves are finite
        assertRewrites("0.0", PASS, g -> g.binary(Op.LT, g.unary(Op.LOG, g.param(0)), g.unary(Op.LOG, g.param(0))));
        assertKeeps(PASS, g -> g.binary(Op.LE, g.unary(Op.LOG, g.param(0)), g.unary(Op.LOG, g.param(0)))); // NaN <= NaN is false
        assertKeeps(PASS, g -> g.binary(Op.GT, g.unary(Op.SIGMOID, g.param(0)), g.constant(0.0)));        // sigmoid may underflow to 0
        assertKeeps(PASS, g -> g.binary(Op.GT, g.param(0), g.param(1)));
    }

    @Test
    void selectsAndMasksWithAKnownConditionPickTheirBranch() {
        assertRewrites("p[1]", PASS, g -> g.select(g.binary(Op.GE, g.unary(Op.EXP, g.param(0)), g.constant(0.0)), g.param(1), g.param(2)));
        assertRewrites("p[1]", PASS, g -> g.maskpos(g.add(g.constant(1.0), g.unary(Op.EXP, g.param(0))), g.param(1)));
        assertRewrites("neg(p[1])", PASS, g -> g.signmul(g.sub(g.constant(-1.0), g.unary(Op.ABS, g.param(0))), g.param(1)));
        assertRewrites("0.0", PASS, g -> g.maskpos(g.neg(g.unary(Op.ABS, g.param(0))), g.param(1)));
        assertKeeps(PASS, g -> g.maskpos(g.unary(Op.EXP, g.param(0)), g.param(1)));   // exp may underflow to 0
        assertKeeps(PASS, g -> g.select(g.unary(Op.LOG, g.param(0)), g.param(1), g.param(2)));
    }

    @Test
    void valuesPinnedToOneConstantFold() {
        assertRewrites("0.0", PASS, g -> g.unary(Op.RELU, g.neg(g.unary(Op.ABS, g.param(0)))));          // relu(-|p|) = +0
        assertRewrites("0.0", PASS, g -> g.dmul(g.constant(-0.0), g.unary(Op.LOG, g.param(0))));         // strong zero
        assertRewrites("1.0", PASS, g -> g.powc(g.unary(Op.LOG, g.param(0)), 0.0));                      // pow(NaN, 0) = 1
        assertRewrites("1.0", PASS, g -> g.binary(Op.POW, g.param(1), g.mul(g.constant(0.0), g.unary(Op.SIGMOID, g.param(0)))));
        assertRewrites("0.0", PASS, g -> g.unary(Op.RELU, g.neg(g.unary(Op.EXP, g.param(0)))));         // -exp(p) <= -0
        assertKeeps(PASS, g -> g.unary(Op.RELU, g.neg(g.unary(Op.LOG, g.param(0)))));                     // log may be NaN or negative
    }

    @Test
    void aStrongZeroProductStaysOneWhenItsPartialFoldsToALeaf() {
        // the builder would make dmul(a, leaf) a product: +0 * -1 is -0 where dmul gives +0
        assertRewrites("dmul(sigmoid(p[0]), p[2])", PASS,
                g -> g.dmul(g.unary(Op.SIGMOID, g.param(0)), g.maskpos(g.add(g.constant(1.0), g.unary(Op.EXP, g.param(1))), g.param(2))));
    }
}
