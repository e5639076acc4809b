package mgc.compiler.opt;

import static mgc.compiler.opt.Snippets.assertKeeps;
import static mgc.compiler.opt.Snippets.assertRewrites;
import static org.junit.jupiter.api.Assertions.assertEquals;

import mgc.compiler.ir.Op;
import org.junit.jupiter.api.Test;

class FuseMasksTest {
    private static final String PASS = "fuse-masks";

    @Test
    void reluDerivativeWrittenAsASelectBecomesMaskpos() {
        assertRewrites("maskpos(x[0], p[0])", PASS, g -> g.select(g.binary(Op.GT, g.input(0), g.constant(0.0)), g.param(0), g.constant(0.0)));
        assertRewrites("maskpos(x[0], p[0])", PASS, g -> g.select(g.binary(Op.LT, g.constant(-0.0), g.input(0)), g.param(0), g.constant(0.0)));
        assertKeeps(PASS, g -> g.select(g.binary(Op.GE, g.input(0), g.constant(0.0)), g.param(0), g.constant(0.0)));  // x = 0 takes p
        assertKeeps(PASS, g -> g.select(g.binary(Op.GT, g.input(0), g.constant(0.0)), g.param(0), g.constant(-0.0))); // -0, not +0
        assertKeeps(PASS, g -> g.select(g.binary(Op.LE, g.input(0), g.constant(0.0)), g.constant(0.0), g.param(0))); // NaN takes p
    }

    @Test
    void productsWithAPositiveTestFuseOnlyWhenTheOtherFactorTimesZeroIsPlusZero() {
        assertRewrites("maskpos(x[0], sigmoid(p[0]))", PASS,
                g -> g.mul(g.unary(Op.SIGMOID, g.param(0)), g.binary(Op.GT, g.input(0), g.constant(0.0))));
        assertRewrites("maskpos(x[0], sigmoid(p[0]))", PASS,
                g -> g.dmul(g.unary(Op.SIGMOID, g.param(0)), g.binary(Op.GT, g.input(0), g.constant(0.0))));
        assertKeeps(PASS, g -> g.mul(g.param(0), g.binary(Op.GT, g.input(0), g.constant(0.0))));                 // -1 * 0 = -0
        assertKeeps(PASS, g -> g.mul(g.unary(Op.EXP, g.param(0)), g.binary(Op.GT, g.input(0), g.constant(0.0)))); // inf * 0 = NaN
        assertEquals("maskpos(x[0], p[0])", Snippets.after(PASS, true,
                g -> g.mul(g.param(0), g.binary(Op.GT, g.input(0), g.constant(0.0)))));
    }

    @Test
    void absDerivativeWrittenAsNestedSelectsBecomesSignmul() {
        assertRewrites("signmul(x[0], p[0])", PASS, g -> {
            int x = g.input(0), a = g.param(0), zero = g.constant(0.0);
            return g.select(g.binary(Op.GT, x, zero), a, g.select(g.binary(Op.LT, x, zero), g.neg(a), zero));
        });
        assertRewrites("signmul(x[0], p[0])", PASS, g -> {
            int x = g.input(0), a = g.param(0), zero = g.constant(0.0);
            return g.select(g.binary(Op.LT, x, zero), g.neg(a), g.select(g.binary(Op.GT, x, zero), a, zero));
        });
        assertRewrites("signmul(x[0], sigmoid(p[0]))", PASS, g -> {
            int x = g.input(0), a = g.unary(Op.SIGMOID, g.param(0)), zero = g.constant(0.0);
            int sign = g.select(g.binary(Op.GT, x, zero), g.constant(1.0), g.select(g.binary(Op.LT, x, zero), g.constant(-1.0), zero));
            return g.mul(a, sign);
        });
        // a strong zero: dmul(+0, -1) is +0 where signmul(x, +0) is -0 for x < 0, so only the sign fuses
        assertRewrites("dmul(sigmoid(p[0]), signmul(x[0], 1.0))", PASS, g -> {
            int x = g.input(0), a = g.unary(Op.SIGMOID, g.param(0)), zero = g.constant(0.0);
            return g.dmul(a, g.select(g.binary(Op.GT, x, zero), g.constant(1.0), g.select(g.binary(Op.LT, x, zero), g.constant(-1.0), zero)));
        });
        assertKeeps(PASS, g -> {  // x = 0 gives -a, not 0
            int x = g.input(0), a = g.param(0), zero = g.constant(0.0);
            return g.select(g.binary(Op.GT, x, zero), a, g.neg(a));
        });
        assertKeeps(PASS, g -> {  // the inner test is on another value
            int a = g.param(0), zero = g.constant(0.0);
            return g.select(g.binary(Op.GT, g.input(0), zero), a, g.select(g.binary(Op.LT, g.input(1), zero), g.neg(a), zero));
        });
    }
}
