package mgc.compiler.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.GraphBuilder;
import mgc.compiler.ir.Op;
import mgc.compiler.ir.OutputKind;
import mgc.runtime.Initializer;
import mgc.runtime.ModelSignature;
import mgc.runtime.TensorSpec;

/**
 * Random well-formed forward graphs over every non-leaf op, for property tests. With
 * {@code guarded}, operands are wrapped so that every op stays inside its domain and values stay
 * moderate (log and sqrt of positive numbers, no division by values near zero, exp of bounded
 * arguments); without it, anything goes (NaN and infinities included).
 */
public final class RandomGraphs {
    private RandomGraphs() {}

    public static final int PARAMS = 4, INPUTS = 2;

    public static ModelSignature signature() {
        return signature(0);
    }

    /** The signature of graphs with a scalar output ({@code outputs == 0}) or an output vector. */
    public static ModelSignature signature(int outputs) {
        return new ModelSignature("random",
                List.of(new TensorSpec("p", new int[]{PARAMS}, 0, new Initializer.Uniform(-1, 1))),
                List.of(new TensorSpec("x", new int[]{INPUTS}, 0, null)),
                List.of(new TensorSpec("y", new int[0], 0, null)),
                List.of(new TensorSpec("out", outputs == 0 ? new int[0] : new int[]{outputs}, 0, null)),
                true, Map.of());
    }

    /** A random forward graph with {@code ops} random operations (before hash-consing and folding). */
    public static Graph generate(long seed, int ops, boolean guarded) {
        return generate(seed, ops, guarded, 0);
    }

    /**
     * As {@link #generate(long, int, boolean)}, with {@code outputs} model outputs (0: one scalar
     * output) taken from the last nodes built, and, now and then, a dot product of several nodes
     * (the fan-in and reuse that lowered tensor code has).
     */
    public static Graph generate(long seed, int ops, boolean guarded, int outputs) {
        SplittableRandom r = new SplittableRandom(seed);
        GraphBuilder g = new GraphBuilder(signature(outputs));
        List<Integer> pool = new ArrayList<>();
        List<Integer> paramOnly = new ArrayList<>();
        for (int i = 0; i < PARAMS; i++) {
            int p = g.param(i);
            pool.add(p);
            paramOnly.add(p);
        }
        for (int i = 0; i < INPUTS; i++) pool.add(g.input(i));
        pool.add(g.target(0));
        pool.add(g.constant(r.nextInt(-3, 4) * 0.5));
        Op[] choices = opChoices();
        for (int k = 0; k < ops; k++) {
            boolean forPenalty = r.nextInt(4) == 0;
            List<Integer> from = forPenalty ? paramOnly : pool;
            Op op = choices[r.nextInt(choices.length)];
            int x = pick(r, from), y = pick(r, from), z = pick(r, from);
            int n = outputs > 0 && r.nextInt(6) == 0 ? dot(g, r, from, guarded) : build(g, r, op, x, y, z, guarded);
            if (forPenalty) paramOnly.add(n);
            pool.add(n);
        }
        int out = pool.get(pool.size() - 1);
        int loss = g.add(g.mul(out, out), pool.get(pool.size() / 2 + r.nextInt(pool.size() / 2)));
        int penalty = paramOnly.get(paramOnly.size() - 1);
        if (guarded) penalty = g.unary(Op.TANH, penalty);
        if (outputs == 0) {
            g.output(OutputKind.OUTPUT, "out", 0, out);
        } else {
            for (int k = 0; k < outputs; k++) {
                g.output(OutputKind.OUTPUT, "out[" + k + "]", k, pool.get(Math.max(0, pool.size() - 1 - 2 * k)));
            }
        }
        g.output(OutputKind.LOSS, "", -1, loss);
        g.output(OutputKind.PENALTY, "", -1, penalty);
        return g.build();
    }

    /** Every op that has operands. */
    public static Op[] opChoices() {
        List<Op> l = new ArrayList<>();
        for (Op op : Op.values()) if (!op.isLeaf()) l.add(op);
        return l.toArray(new Op[0]);
    }

    private static int pick(SplittableRandom r, List<Integer> from) {
        // prefer recent nodes so graphs get deep
        int n = from.size();
        int i = r.nextBoolean() ? n - 1 - r.nextInt(Math.min(n, 4)) : r.nextInt(n);
        return from.get(i);
    }

    /** Sum of 2 to 5 products of pool nodes, like one row of a matrix-vector product. */
    private static int dot(GraphBuilder g, SplittableRandom r, List<Integer> from, boolean guarded) {
        int terms = r.nextInt(2, 6), acc = GraphBuilder.NONE;
        for (int t = 0; t < terms; t++) {
            int x = pick(r, from), y = from.get(r.nextInt(from.size()));
            int term = guarded ? g.mul(bounded(g, x), bounded(g, y)) : g.mul(x, y);
            acc = acc == GraphBuilder.NONE ? term : g.add(acc, term);
        }
        return acc;
    }

    private static int build(GraphBuilder g, SplittableRandom r, Op op, int x, int y, int z, boolean guarded) {
        if (!guarded) {
            return switch (op.arity()) {
                case 1 -> op == Op.POWC ? g.powc(x, r.nextInt(-2, 4) * 0.5) : g.unary(op, x);
                case 2 -> g.binary(op, x, y);
                default -> g.select(g.binary(Op.GT, x, y), y, z);
            };
        }
        int bx = bounded(g, x);
        int by = bounded(g, y);
        return switch (op) {
            case LOG, SQRT -> g.unary(op, positive(g, x));
            case EXP -> g.unary(op, bx);
            case POWC -> {
                double k = new double[]{2, 3, 0.5, -1, 1.5, -2, 4}[r.nextInt(7)];
                yield g.powc(k == Math.rint(k) && k > 0 ? bx : positive(g, x), k);
            }
            case DIV, DDIV -> g.binary(op, bx, positive(g, y));
            case POW -> g.binary(op, positive(g, x), by);
            case SELECT -> g.select(g.binary(Op.GT, bx, by), bx, bounded(g, z));
            default -> op.arity() == 1 ? g.unary(op, bx) : g.binary(op, bx, by);
        };
    }

    /** 2 tanh(x): in (-2, 2). */
    private static int bounded(GraphBuilder g, int x) {
        return g.mul(g.constant(2.0), g.unary(Op.TANH, x));
    }

    /** softplus(2 tanh x) + 0.25: in [0.3, 2.4]. */
    private static int positive(GraphBuilder g, int x) {
        return g.add(g.unary(Op.SOFTPLUS, bounded(g, x)), g.constant(0.25));
    }
}
