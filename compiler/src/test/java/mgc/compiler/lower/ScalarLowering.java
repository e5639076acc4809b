package mgc.compiler.lower;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import mgc.compiler.front.Builtin;
import mgc.compiler.front.CheckedModel;
import mgc.compiler.front.Expr;
import mgc.compiler.front.Shape;
import mgc.compiler.front.Stmt;
import mgc.compiler.front.Symbol;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.GraphBuilder;
import mgc.compiler.ir.GraphTooLargeException;
import mgc.compiler.ir.Op;
import mgc.compiler.ir.OutputKind;
import mgc.runtime.ModelSignature;
import mgc.runtime.TensorSpec;

/**
 * The scalar lowering mgc used before the tensor IR, kept as a test oracle: unrolling the tensor graph
 * must compute exactly what it computes. Checked AST to forward IR. Every tensor is unrolled into its scalar elements (row-major node
 * arrays); reductions and products accumulate left to right in index order; fns are inlined;
 * softmax, log_softmax and logsumexp subtract the maximum first. The graph's outputs are one OUTPUT
 * per element of each {@code output} in order, the LOSS, and the PENALTY (constant 0 when absent).
 */
public final class ScalarLowering {

    private final GraphBuilder g;
    private final ModelSignature signature;
    /** Element nodes of every input, target, param, assignment and (while inlining) fn parameter. */
    private final Map<Symbol, int[]> values = new IdentityHashMap<>();

    /** Default bound on the forward graph: beyond it, unrolled code is hopeless anyway. */
    public static final int MAX_NODES = 5_000_000;

    private ScalarLowering(ModelSignature signature, int maxNodes) {
        this.signature = signature;
        this.g = new GraphBuilder(signature, 1024, maxNodes);
    }

    /** The forward graph of {@code model}; throws {@link GraphTooLargeException} past {@link #MAX_NODES}. */
    public static Graph lower(CheckedModel model) {
        return lower(model, MAX_NODES);
    }

    public static Graph lower(CheckedModel model, int maxNodes) {
        ScalarLowering l = new ScalarLowering(model.signature(), maxNodes);
        for (Stmt s : model.statements()) if (s instanceof Stmt.Decl d) l.leaves(d);
        // Assignments in source order: each refers only to earlier ones, so no recursion across them.
        for (Stmt.Assign a : model.assignments()) l.values.put(a, l.lower(a.value()));
        for (int k = 0; k < model.outputs().size(); k++) {
            TensorSpec spec = l.signature.outputs().get(k);
            int[] nodes = l.values.get(model.outputs().get(k).symbol());
            for (int i = 0; i < nodes.length; i++)
                l.g.output(OutputKind.OUTPUT, spec.elementName(i), spec.offset() + i, nodes[i]);
        }
        l.g.output(OutputKind.LOSS, "", -1, l.lower(model.loss())[0]);
        l.g.setOrigin(0, 0);
        int penalty = model.penalty() == null ? l.g.constant(0.0) : l.lower(model.penalty())[0];
        l.g.output(OutputKind.PENALTY, "", -1, penalty);
        return l.g.build();
    }

    /** Creates the leaf nodes of a declared tensor, in declaration order, at its declaration. */
    private void leaves(Stmt.Decl d) {
        TensorSpec spec = signature.find(d.name());
        g.setOrigin(d.pos().line(), d.pos().column());
        int[] nodes = new int[spec.size()];
        for (int i = 0; i < nodes.length; i++) {
            int flat = spec.offset() + i;
            nodes[i] = switch (d.kind()) {
                case INPUT -> g.input(flat);
                case TARGET -> g.target(flat);
                case PARAM -> g.param(flat);
            };
        }
        values.put(d, nodes);
    }

    private void at(Expr e) {
        g.setOrigin(e.pos().line(), e.pos().column());
    }

    private int[] lower(Expr e) {
        Double folded = constant(e);
        if (folded != null) {
            at(e);
            return new int[] {g.constant(folded)};
        }
        if (e instanceof Expr.Name n) return values.get(n.symbol());
        if (e instanceof Expr.Neg n) {
            int[] x = lower(n.operand());
            at(e);
            int[] out = new int[x.length];
            for (int i = 0; i < x.length; i++) out[i] = g.neg(x[i]);
            return out;
        }
        if (e instanceof Expr.Binary b) {
            Double exponent = b.op() == Expr.BinOp.POW ? constant(b.right()) : null;
            if (exponent != null) {
                int[] x = lower(b.left());
                at(e);
                int[] out = new int[x.length];
                for (int i = 0; i < x.length; i++) out[i] = g.powc(x[i], exponent);
                return out;
            }
            int[] l = lower(b.left()), r = lower(b.right());
            at(e);
            if (b.op() == Expr.BinOp.MATMUL) return matmul(l, b.left().shape(), r, b.right().shape());
            return elementwise(b.op(), l, r);
        }
        if (e instanceof Expr.Compare c) {
            int[] l = lower(c.left()), r = lower(c.right());
            at(e);
            Op op = switch (c.op()) {
                case LT -> Op.LT;
                case LE -> Op.LE;
                case GT -> Op.GT;
                case GE -> Op.GE;
                case EQ -> Op.EQ;
                case NE -> Op.NE;
            };
            return broadcast(op, l, r);
        }
        if (e instanceof Expr.Call c) return call(c);
        if (e instanceof Expr.Index i) return index(i);
        Expr.Tensor t = (Expr.Tensor) e;
        int per = t.shape().size() / t.elements().size();
        int[] out = new int[t.shape().size()];
        for (int k = 0; k < t.elements().size(); k++)
            System.arraycopy(lower(t.elements().get(k)), 0, out, k * per, per);
        return out;
    }

    /**
     * The value of a scalar made of literals and consts with {@code - + - * /} (exact in IEEE arithmetic,
     * as the builder would fold them), else null. Folding here leaves no dead constant nodes behind.
     */
    private static Double constant(Expr e) {
        if (e instanceof Expr.Num n) return n.value();
        if (e instanceof Expr.Name n) return n.symbol() instanceof Stmt.Const c ? c.value() : null;
        if (e instanceof Expr.Neg n) {
            Double v = constant(n.operand());
            return v == null ? null : -v;
        }
        if (e instanceof Expr.Binary b && b.op() != Expr.BinOp.POW && b.op() != Expr.BinOp.MATMUL) {
            Double l = constant(b.left());
            Double r = l == null ? null : constant(b.right());
            if (r == null) return null;
            return switch (b.op()) {
                case ADD -> l + r;
                case SUB -> l - r;
                case MUL -> l * r;
                default -> l / r;
            };
        }
        return null;
    }

    private int[] elementwise(Expr.BinOp op, int[] l, int[] r) {
        if (op == Expr.BinOp.POW) {
            int n = Math.max(l.length, r.length);
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                int x = l[l.length == 1 ? 0 : i], y = r[r.length == 1 ? 0 : i];
                out[i] = g.isConst(y) ? g.powc(x, g.payload(y)) : g.binary(Op.POW, x, y);
            }
            return out;
        }
        Op o = switch (op) {
            case ADD -> Op.ADD;
            case SUB -> Op.SUB;
            case MUL -> Op.MUL;
            default -> Op.DIV;
        };
        return broadcast(o, l, r);
    }

    /** Elementwise binary op with a scalar operand broadcast. */
    private int[] broadcast(Op op, int[] l, int[] r) {
        int n = Math.max(l.length, r.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = g.binary(op, l[l.length == 1 ? 0 : i], r[r.length == 1 ? 0 : i]);
        return out;
    }

    /** {@code [m,k] @ [k]}, {@code [k] @ [k,n]} or {@code [m,k] @ [k,n]}: sums of products in index order. */
    private int[] matmul(int[] a, Shape as, int[] b, Shape bs) {
        int m = as.isVector() ? 1 : as.dim(0);
        int k = as.dim(as.rank() - 1);
        int n = bs.isVector() ? 1 : bs.dim(1);
        int[] out = new int[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int acc = -1;
                for (int p = 0; p < k; p++) {
                    int term = g.mul(a[i * k + p], b[p * n + j]);
                    acc = acc < 0 ? term : g.add(acc, term);
                }
                out[i * n + j] = acc;
            }
        }
        return out;
    }

    private int[] call(Expr.Call c) {
        if (c.callee() instanceof Stmt.Fn fn) return inline(fn, c);
        Builtin b = (Builtin) c.callee();
        int[][] args = new int[c.args().size()][];
        for (int k = 0; k < args.length; k++) args[k] = lower(c.args().get(k));
        at(c);
        int[] x = args[0];
        if (b.isElementwiseUnary()) {
            Op op = Op.valueOf(b.name());
            int[] out = new int[x.length];
            for (int i = 0; i < x.length; i++) out[i] = g.unary(op, x[i]);
            return out;
        }
        return switch (b) {
            case MAX, MIN -> {
                Op op = b == Builtin.MAX ? Op.MAX : Op.MIN;
                yield args.length == 2 ? broadcast(op, x, args[1]) : new int[] {reduce(op, x)};
            }
            case WHERE -> {
                int n = Math.max(x.length, Math.max(args[1].length, args[2].length));
                int[] out = new int[n];
                for (int i = 0; i < n; i++)
                    out[i] = g.select(pick(x, i), pick(args[1], i), pick(args[2], i));
                yield out;
            }
            case SUM -> new int[] {reduce(Op.ADD, x)};
            case MEAN -> new int[] {g.div(reduce(Op.ADD, x), g.constant(x.length))};
            case DOT -> new int[] {reduce(Op.ADD, broadcast(Op.MUL, x, args[1]))};
            case SOFTMAX -> {
                int[] e = shiftedExp(x);
                int s = reduce(Op.ADD, e);
                int[] out = new int[x.length];
                for (int i = 0; i < x.length; i++) out[i] = g.div(e[i], s);
                yield out;
            }
            case LOG_SOFTMAX -> {
                int m = reduce(Op.MAX, x);
                int logSum = g.unary(Op.LOG, reduce(Op.ADD, shiftedExp(x)));
                int[] out = new int[x.length];
                for (int i = 0; i < x.length; i++) out[i] = g.sub(g.sub(x[i], m), logSum);
                yield out;
            }
            case LOGSUMEXP -> new int[] {g.add(reduce(Op.MAX, x), g.unary(Op.LOG, reduce(Op.ADD, shiftedExp(x))))};
            default -> throw new IllegalStateException("unhandled built-in " + b);
        };
    }

    private static int pick(int[] nodes, int i) {
        return nodes[nodes.length == 1 ? 0 : i];
    }

    /** {@code exp(x_i - max(x))}: the stable numerators of softmax and friends. */
    private int[] shiftedExp(int[] x) {
        int m = reduce(Op.MAX, x);
        int[] out = new int[x.length];
        for (int i = 0; i < x.length; i++) out[i] = g.unary(Op.EXP, g.sub(x[i], m));
        return out;
    }

    /** Left fold in index order: {@code ((x0 op x1) op x2) ...}. */
    private int reduce(Op op, int[] x) {
        int acc = x[0];
        for (int i = 1; i < x.length; i++) acc = g.binary(op, acc, x[i]);
        return acc;
    }

    private int[] inline(Stmt.Fn fn, Expr.Call c) {
        int[][] args = new int[c.args().size()][];
        for (int k = 0; k < args.length; k++) args[k] = lower(c.args().get(k));
        int[][] saved = new int[args.length][];
        for (int k = 0; k < args.length; k++) saved[k] = values.put(fn.params().get(k), args[k]);
        try {
            return lower(fn.body());
        } finally {
            for (int k = 0; k < args.length; k++) {
                if (saved[k] == null) values.remove(fn.params().get(k));
                else values.put(fn.params().get(k), saved[k]);
            }
        }
    }

    private int[] index(Expr.Index ix) {
        int[] x = lower(ix.target());
        Shape s = ix.target().shape();
        List<Integer> idx = ix.resolved();
        int offset = 0;
        for (int k = 0; k < s.rank(); k++) offset = offset * s.dim(k) + (k < idx.size() ? idx.get(k) : 0);
        int[] out = new int[ix.shape().size()];
        System.arraycopy(x, offset, out, 0, out.length);
        return out;
    }
}
