package mgc.compiler.opt;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntBinaryOperator;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.GraphBuilder;
import mgc.compiler.ir.Op;
import mgc.compiler.ir.OutputKind;
import mgc.compiler.testing.RandomGraphs;

/**
 * Random forward graphs dense in the idioms the passes rewrite (and in their near misses): x*0,
 * x+0, x-x, divisions by constants, small powers, relu/abs chains, masks, selects on comparisons
 * with zero, the abs-derivative pattern, strong-zero products. Values run wild (NaN, infinities,
 * signed zeros), so that the property tests see every rule at its edges.
 */
final class PatternGraphs {
    private PatternGraphs() {}

    private interface Idiom {
        int build(GraphBuilder g, int a, int b, int c);
    }

    private static final List<Idiom> IDIOMS = idioms();

    static Graph generate(long seed, int count) {
        SplittableRandom r = new SplittableRandom(seed);
        GraphBuilder g = new GraphBuilder(RandomGraphs.signature());
        List<Integer> pool = new ArrayList<>();
        for (int i = 0; i < RandomGraphs.PARAMS; i++) pool.add(g.param(i));
        for (int i = 0; i < RandomGraphs.INPUTS; i++) pool.add(g.input(i));
        pool.add(g.target(0));
        Op[] raw = RandomGraphs.opChoices();
        for (int k = 0; k < count; k++) {
            int a = pick(r, pool), b = pick(r, pool), c = pick(r, pool);
            int n;
            if (r.nextInt(4) == 0) {
                Op op = raw[r.nextInt(raw.length)];
                n = switch (op.arity()) {
                    case 1 -> op == Op.POWC ? g.powc(a, r.nextInt(-2, 5) * 0.5) : g.unary(op, a);
                    case 2 -> g.binary(op, a, b);
                    default -> g.select(a, b, c);
                };
            } else {
                n = IDIOMS.get(r.nextInt(IDIOMS.size())).build(g, a, b, c);
            }
            pool.add(n);
        }
        int out = pool.get(pool.size() - 1);
        int sum = out;
        // 1/v tells +0 from -0, so a zero of the wrong sign reaches the loss
        for (int i = 0; i < 3; i++) sum = g.add(sum, g.div(g.constant(1.0), pool.get(r.nextInt(pool.size()))));
        g.output(OutputKind.OUTPUT, "out", 0, out);
        g.output(OutputKind.LOSS, "", -1, sum);
        g.output(OutputKind.PENALTY, "", -1, g.unary(Op.SIGMOID, g.param(0)));
        return g.build();
    }

    private static int pick(SplittableRandom r, List<Integer> from) {
        int n = from.size();
        return from.get(r.nextBoolean() ? n - 1 - r.nextInt(Math.min(n, 4)) : r.nextInt(n));
    }

    private static Idiom binary(IntBinaryOperator f) {
        return (g, a, b, c) -> f.applyAsInt(a, b);
    }

    private static List<Idiom> idioms() {
        List<Idiom> l = new ArrayList<>();
        // arithmetic with zeros and constants
        for (double zero : new double[]{0.0, -0.0}) {
            l.add((g, a, b, c) -> g.mul(a, g.constant(zero)));
            l.add((g, a, b, c) -> g.add(a, g.constant(zero)));
            l.add((g, a, b, c) -> g.sub(g.constant(zero), a));
            l.add((g, a, b, c) -> g.sub(a, g.constant(zero)));
            l.add((g, a, b, c) -> g.mul(g.unary(Op.SIGMOID, a), g.constant(zero)));
            l.add((g, a, b, c) -> g.select(g.binary(Op.GT, a, g.constant(zero)), b, g.constant(0.0)));
            l.add((g, a, b, c) -> g.select(g.binary(Op.GT, a, g.constant(0.0)), b, g.constant(zero)));
        }
        l.add((g, a, b, c) -> g.sub(a, a));
        l.add((g, a, b, c) -> g.sub(a, g.neg(b)));
        l.add((g, a, b, c) -> g.add(a, g.neg(b)));
        l.add((g, a, b, c) -> g.mul(g.neg(a), g.neg(b)));
        l.add((g, a, b, c) -> g.add(a, a));
        l.add((g, a, b, c) -> g.neg(g.mul(a, g.constant(3.0))));
        l.add((g, a, b, c) -> g.sub(a, g.constant(0.5)));
        for (double d : new double[]{4.0, -0.5, 3.0, -1.0, 0x1p-1000, 0x1p1023}) l.add((g, a, b, c) -> g.div(a, g.constant(d)));
        for (double k : new double[]{0.0, 2.0, 3.0, -1.0, 0.5, 4.0}) l.add((g, a, b, c) -> g.powc(a, k));
        l.add((g, a, b, c) -> g.unary(Op.EXP, g.unary(Op.LOG, a)));
        l.add((g, a, b, c) -> g.unary(Op.LOG, g.unary(Op.EXP, a)));
        // kinks and masks
        l.add((g, a, b, c) -> g.unary(Op.RELU, g.unary(Op.RELU, a)));
        l.add((g, a, b, c) -> g.unary(Op.ABS, g.unary(Op.RELU, a)));
        l.add((g, a, b, c) -> g.unary(Op.RELU, g.unary(Op.ABS, a)));
        l.add((g, a, b, c) -> g.unary(Op.ABS, g.neg(a)));
        l.add((g, a, b, c) -> g.unary(Op.RELU, g.neg(g.unary(Op.EXP, a))));
        l.add((g, a, b, c) -> g.maskpos(a, g.maskpos(a, b)));
        l.add((g, a, b, c) -> g.maskpos(a, g.signmul(a, b)));
        l.add((g, a, b, c) -> g.signmul(a, g.maskpos(a, b)));
        l.add((g, a, b, c) -> g.maskpos(g.unary(Op.RELU, a), b));
        l.add((g, a, b, c) -> g.signmul(g.unary(Op.RELU, a), b));
        l.add((g, a, b, c) -> g.maskpos(g.add(g.constant(1.0), g.unary(Op.EXP, a)), b));
        l.add((g, a, b, c) -> g.select(g.binary(Op.LT, g.constant(0.0), a), b, g.constant(0.0)));
        l.add((g, a, b, c) -> g.select(g.binary(Op.GE, a, g.constant(0.0)), b, g.constant(0.0)));
        l.add((g, a, b, c) -> g.select(g.binary(Op.LE, a, g.constant(0.0)), g.constant(0.0), b));
        l.add((g, a, b, c) -> {
            int zero = g.constant(0.0);
            return g.select(g.binary(Op.GT, a, zero), b, g.select(g.binary(Op.LT, a, zero), g.neg(b), zero));
        });
        l.add((g, a, b, c) -> {
            int zero = g.constant(0.0);
            return g.select(g.binary(Op.LT, a, zero), g.neg(b), g.select(g.binary(Op.GT, a, zero), b, zero));
        });
        l.add((g, a, b, c) -> {
            int zero = g.constant(0.0);
            int sign = g.select(g.binary(Op.GT, a, zero), g.constant(1.0), g.select(g.binary(Op.LT, a, zero), g.constant(-1.0), zero));
            return g.mul(b, sign);
        });
        l.add((g, a, b, c) -> {
            int zero = g.constant(0.0);
            int sign = g.select(g.binary(Op.GT, a, zero), g.constant(1.0), g.select(g.binary(Op.LT, a, zero), g.constant(-1.0), zero));
            return g.dmul(g.unary(Op.SIGMOID, b), sign);
        });
        l.add((g, a, b, c) -> g.select(g.binary(Op.GT, a, g.constant(0.0)), b, g.neg(b)));
        l.add((g, a, b, c) -> g.mul(b, g.binary(Op.GT, a, g.constant(0.0))));
        l.add((g, a, b, c) -> g.dmul(b, g.binary(Op.GT, a, g.constant(0.0))));
        l.add((g, a, b, c) -> g.mul(g.unary(Op.SIGMOID, b), g.binary(Op.GT, a, g.constant(0.0))));
        // strong-zero products, selects, comparisons
        l.add((g, a, b, c) -> g.dmul(a, b));
        l.add((g, a, b, c) -> g.ddiv(a, b));
        l.add((g, a, b, c) -> g.dmul(g.unary(Op.SIGMOID, a), g.unary(Op.SIGMOID, b)));
        l.add((g, a, b, c) -> g.dmul(g.unary(Op.SIGMOID, a), g.unary(Op.TANH, b)));
        l.add((g, a, b, c) -> g.ddiv(g.unary(Op.SIGMOID, a), g.add(g.constant(1.0), g.unary(Op.EXP, b))));
        l.add((g, a, b, c) -> g.dmul(a, g.maskpos(g.add(g.constant(1.0), g.unary(Op.EXP, b)), c)));
        l.add((g, a, b, c) -> g.select(g.binary(Op.NE, a, g.constant(0.0)), b, c));
        l.add((g, a, b, c) -> g.select(g.binary(Op.EQ, a, g.constant(-0.0)), b, c));
        l.add((g, a, b, c) -> g.select(a, g.select(a, b, c), c));
        l.add((g, a, b, c) -> g.select(a, b, g.select(a, c, b)));
        l.add((g, a, b, c) -> g.binary(Op.GT, g.unary(Op.EXP, a), g.constant(-1.0)));
        l.add(binary((x, y) -> x));
        l.add((g, a, b, c) -> g.binary(Op.LE, a, a));
        l.add((g, a, b, c) -> g.binary(Op.LT, a, a));
        l.add((g, a, b, c) -> g.binary(Op.MIN, a, a));
        return l;
    }
}
