package mgc.compiler.diff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import java.util.function.ToIntFunction;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.GraphBuilder;
import mgc.compiler.ir.Op;
import org.junit.jupiter.api.Test;

/**
 * Gradients through branches that were not taken are exactly zero, never NaN, even when the branch
 * holds sqrt, log, a division or a power outside its domain (the strong-zero products of the chain
 * rule); kinks take PyTorch's conventions and the tie rules documented in {@link Op}; a taken
 * singularity gives IEEE's answer. All comparisons are exact, except that the sign of a zero is not
 * specified (a zero adjoint may come out of a negation as -0.0; both add nothing to an accumulator).
 */
class BranchSafetyTest {

    /** Exact equality of doubles, NaN equal to NaN, 0.0 equal to -0.0. */
    private static void assertExactly(double expected, double actual, String what) {
        assertTrue(expected == actual || Double.isNaN(expected) && Double.isNaN(actual),
                () -> what + ": expected " + expected + " but was " + actual);
    }

    private static void assertExactly(double expected, double actual) { assertExactly(expected, actual, ""); }

    private static void assertExactly(double[] expected, double[] actual) { assertExactly(expected, actual, ""); }

    private static void assertExactly(double[] expected, double[] actual, String what) {
        assertTrue(expected.length == actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertExactly(expected[i], actual[i], what + " " + Arrays.toString(expected) + " vs " + Arrays.toString(actual));
        }
    }

    /** Gradient of a one-parameter loss at x, by reverse mode. */
    private static double grad(ToIntFunction<GraphBuilder> loss, double x) {
        return ScalarModels.valueAndGradient(ScalarModels.forward(1, loss), x)[1];
    }

    /** [value, gradient] at x, by reverse mode, checked against forward mode. */
    private static double[] valueAndGrad(ToIntFunction<GraphBuilder> loss, double x) {
        Graph f = ScalarModels.forward(1, loss);
        double[] r = ScalarModels.valueAndGradient(f, x);
        assertExactly(r[1], ScalarModels.jvp(f, new double[]{x}, new double[]{1.0}), "forward mode agrees");
        return r;
    }

    private static int x(GraphBuilder g) { return g.param(0); }

    private static int zero(GraphBuilder g) { return g.constant(0.0); }

    /** where(x > 0, body(x), 0). */
    private static ToIntFunction<GraphBuilder> whereXPositive(Op body) {
        return g -> g.select(g.binary(Op.GT, x(g), zero(g)), g.unary(body, x(g)), zero(g));
    }

    @Test
    void sqrtInAnUntakenWhereBranchHasZeroGradient() {
        double[] r = valueAndGrad(whereXPositive(Op.SQRT), -1.0);
        assertExactly(new double[]{0.0, 0.0}, r);
        assertExactly(0.0, ScalarModels.hessian(ScalarModels.forward(1, whereXPositive(Op.SQRT)), -1.0)[0]);
    }

    @Test
    void logInAnUntakenWhereBranchHasZeroGradient() {
        assertExactly(new double[]{0.0, 0.0}, valueAndGrad(whereXPositive(Op.LOG), -1.0));
        assertExactly(new double[]{0.0, 0.0}, valueAndGrad(whereXPositive(Op.LOG), 0.0));
        assertExactly(0.0, ScalarModels.hessian(ScalarModels.forward(1, whereXPositive(Op.LOG)), 0.0)[0]);
    }

    @Test
    void divisionByZeroInAnUntakenWhereBranchHasZeroGradient() {
        // where(x != 0, 1 / x, 0) and where(x != 0, x / x², 0) at 0
        ToIntFunction<GraphBuilder> reciprocal =
                g -> g.select(g.binary(Op.NE, x(g), zero(g)), g.div(g.constant(1.0), x(g)), zero(g));
        ToIntFunction<GraphBuilder> quotient =
                g -> g.select(g.binary(Op.NE, x(g), zero(g)), g.div(x(g), g.mul(x(g), x(g))), zero(g));
        assertExactly(new double[]{0.0, 0.0}, valueAndGrad(reciprocal, 0.0));
        assertExactly(new double[]{0.0, 0.0}, valueAndGrad(quotient, 0.0));
    }

    @Test
    void powerOutsideItsDomainInAnUntakenWhereBranchHasZeroGradient() {
        // where(x > 0, x ^ y, 0) with y = p[1] = 0.5 at x = -1: pow(-1, 0.5) and log(-1) are NaN
        Graph f = ScalarModels.forward(2, g -> g.select(g.binary(Op.GT, g.param(0), zero(g)),
                g.binary(Op.POW, g.param(0), g.param(1)), zero(g)));
        assertExactly(new double[]{0.0, 0.0, 0.0}, ScalarModels.valueAndGradient(f, -1.0, 0.5));
        // where(x > 0, x ^ -1.5, 0) at 0: the constant power's derivative is infinite there
        assertExactly(new double[]{0.0, 0.0},
                valueAndGrad(g -> g.select(g.binary(Op.GT, x(g), zero(g)), g.powc(x(g), -1.5), zero(g)), 0.0));
    }

    @Test
    void singularitiesInTheLosingOperandOfMinAndMaxHaveZeroGradient() {
        // min(1, 1/x) at 0 is 1 and max(-1, log x) at 0 is -1 (a NaN operand would make the value NaN too)
        assertExactly(new double[]{1.0, 0.0},
                valueAndGrad(g -> g.binary(Op.MIN, g.constant(1.0), g.div(g.constant(1.0), x(g))), 0.0));
        assertExactly(new double[]{-1.0, 0.0},
                valueAndGrad(g -> g.binary(Op.MAX, g.constant(-1.0), g.unary(Op.LOG, x(g))), 0.0));
    }

    @Test
    void singularitiesUnderAnInactiveReluOrAbsAtZeroHaveZeroGradient() {
        // relu(log x) at 0: log 0 = -inf, relu' = 0; relu(log x) at 0.5: log < 0
        assertExactly(new double[]{0.0, 0.0}, valueAndGrad(g -> g.unary(Op.RELU, g.unary(Op.LOG, x(g))), 0.0));
        assertExactly(new double[]{0.0, 0.0}, valueAndGrad(g -> g.unary(Op.RELU, g.unary(Op.LOG, x(g))), 0.5));
        // abs(sqrt x) at 0: abs'(0) = 0 stops sqrt'(0) = inf
        assertExactly(new double[]{0.0, 0.0}, valueAndGrad(g -> g.unary(Op.ABS, g.unary(Op.SQRT, x(g))), 0.0));
        // relu(-sqrt(x) - 1) at 0: sqrt'(0) = inf below an inactive relu
        assertExactly(new double[]{0.0, 0.0}, valueAndGrad(
                g -> g.unary(Op.RELU, g.sub(g.neg(g.unary(Op.SQRT, x(g))), g.constant(1.0))), 0.0));
    }

    @Test
    void kinksFollowPyTorch() {
        assertExactly(0.0, grad(g -> g.unary(Op.RELU, x(g)), 0.0), "relu'(0)");
        assertExactly(0.0, grad(g -> g.unary(Op.RELU, x(g)), -0.0), "relu'(-0)");
        assertExactly(1.0, grad(g -> g.unary(Op.RELU, x(g)), Double.MIN_VALUE));
        assertExactly(0.0, grad(g -> g.unary(Op.ABS, x(g)), 0.0), "abs'(0)");
        assertExactly(0.0, grad(g -> g.unary(Op.ABS, x(g)), -0.0), "abs'(-0)");
        assertExactly(-1.0, grad(g -> g.unary(Op.ABS, x(g)), -Double.MIN_VALUE));
    }

    @Test
    void minAndMaxGiveATieToTheFirstOperandAndANaNToTheSecond() {
        for (Op op : new Op[]{Op.MIN, Op.MAX}) {
            Graph f = ScalarModels.forward(2, g -> g.binary(op, g.param(0), g.param(1)));
            assertExactly(new double[]{0.5, 1.0, 0.0}, ScalarModels.valueAndGradient(f, 0.5, 0.5), op + " tie");
            double[] nan = ScalarModels.valueAndGradient(f, 0.5, Double.NaN);
            assertExactly(new double[]{Double.NaN, 0.0, 1.0}, nan, op + " with NaN");
        }
        Graph min = ScalarModels.forward(2, g -> g.binary(Op.MIN, g.param(0), g.param(1)));
        assertExactly(new double[]{-1.0, 1.0, 0.0}, ScalarModels.valueAndGradient(min, -1.0, 2.0));
        assertExactly(new double[]{-1.0, 0.0, 1.0}, ScalarModels.valueAndGradient(min, 2.0, -1.0));
    }

    @Test
    void takenSingularitiesGiveIeeeResults() {
        assertExactly(Double.POSITIVE_INFINITY, grad(g -> g.unary(Op.SQRT, x(g)), 0.0), "sqrt'(0)");
        assertExactly(Double.POSITIVE_INFINITY, grad(g -> g.unary(Op.LOG, x(g)), 0.0), "log'(0)");
        assertExactly(Double.NEGATIVE_INFINITY, grad(g -> g.unary(Op.LOG, x(g)), -0.0), "log'(-0)");
        assertExactly(Double.NaN, grad(g -> g.unary(Op.SQRT, x(g)), -1.0), "sqrt'(-1)");
        // a taken where branch keeps the singularity
        assertExactly(Double.POSITIVE_INFINITY,
                grad(g -> g.select(g.binary(Op.GE, x(g), zero(g)), g.unary(Op.SQRT, x(g)), zero(g)), 0.0));
    }

    /** Regression: d/da a^b was 0 * a^-1 = NaN at b = 0, a = 0 and d/db was 0 * log 0 = NaN at a = 0, b > 0. */
    @Test
    void powerRuleHasPyTorchZerosWhereAFactorIsInfinite() {
        Graph pow = ScalarModels.forward(2, g -> g.binary(Op.POW, g.param(0), g.param(1)));
        assertExactly(new double[]{1.0, 0.0, Double.NEGATIVE_INFINITY}, ScalarModels.valueAndGradient(pow, 0.0, 0.0));
        assertExactly(new double[]{0.0, 0.0, 0.0}, ScalarModels.valueAndGradient(pow, 0.0, 2.0));
        assertExactly(new double[]{1.0, 0.0, Double.NaN}, ScalarModels.valueAndGradient(pow, -1.0, 0.0));
        // log(x)^0 at x = -1: the base is NaN, the value 1 for every x, so the gradient is 0
        assertExactly(new double[]{1.0, 0.0},
                valueAndGrad(g -> g.binary(Op.POW, g.unary(Op.LOG, x(g)), g.constant(0.0)), -1.0));
        // away from those points the rule is unchanged
        assertExactly(new double[]{9.0, 6.0, 9.0 * StrictMath.log(3.0)}, ScalarModels.valueAndGradient(pow, 3.0, 2.0));
    }
}
