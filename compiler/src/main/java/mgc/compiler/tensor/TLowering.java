package mgc.compiler.tensor;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import mgc.compiler.front.Builtin;
import mgc.compiler.front.CheckedModel;
import mgc.compiler.front.Expr;
import mgc.compiler.front.Shape;
import mgc.compiler.front.Stmt;
import mgc.compiler.front.Symbol;
import mgc.compiler.ir.Op;
import mgc.compiler.ir.OutputKind;
import mgc.runtime.ModelSignature;
import mgc.runtime.TensorSpec;

/**
 * Checked AST to the forward tensor graph: tensors stay whole; user fns are inlined; softmax,
 * log_softmax, logsumexp and mean are built from primitives (the stable forms subtract the maximum
 * first). Outputs: one OUTPUT per {@code output} tensor, the LOSS, the PENALTY (constant 0 when absent).
 */
public final class TLowering {

    private final TBuilder t;
    private final ModelSignature signature;
    private final Map<Symbol, Integer> values = new IdentityHashMap<>();

    private TLowering(ModelSignature signature) {
        this.signature = signature;
        this.t = new TBuilder(signature);
    }

    public static TGraph lower(CheckedModel model) {
        TLowering l = new TLowering(model.signature());
        for (Stmt s : model.statements()) if (s instanceof Stmt.Decl d) l.leaf(d);
        for (Stmt.Assign a : model.assignments()) l.values.put(a, l.lower(a.value()));
        for (int k = 0; k < model.outputs().size(); k++) {
            TensorSpec spec = l.signature.outputs().get(k);
            l.t.output(OutputKind.OUTPUT, spec.name(), l.values.get(model.outputs().get(k).symbol()));
        }
        l.t.output(OutputKind.LOSS, "", l.lower(model.loss()));
        l.t.setOrigin(0, 0);
        l.t.output(OutputKind.PENALTY, "", model.penalty() == null ? l.t.constant(0.0) : l.lower(model.penalty()));
        return l.t.build();
    }

    private void leaf(Stmt.Decl d) {
        TensorSpec spec = signature.find(d.name());
        t.setOrigin(d.pos().line(), d.pos().column());
        Prim kind = switch (d.kind()) {
            case INPUT -> Prim.INPUT;
            case TARGET -> Prim.TARGET;
            case PARAM -> Prim.PARAM;
        };
        values.put(d, t.leaf(kind, spec.offset(), Shape.of(spec.shape())));
    }

    private void at(Expr e) {
        t.setOrigin(e.pos().line(), e.pos().column());
    }

    private int lower(Expr e) {
        Double folded = constant(e);
        if (folded != null) {
            at(e);
            return t.constant(folded);
        }
        if (e instanceof Expr.Name n) return values.get(n.symbol());
        if (e instanceof Expr.Neg n) {
            int x = lower(n.operand());
            at(e);
            return t.neg(x);
        }
        if (e instanceof Expr.Binary b) {
            Double exponent = b.op() == Expr.BinOp.POW ? constant(b.right()) : null;
            if (exponent != null) {
                int x = lower(b.left());
                at(e);
                return t.powc(x, exponent);
            }
            int l = lower(b.left()), r = lower(b.right());
            at(e);
            return switch (b.op()) {
                case MATMUL -> t.contract(l, r, 0);
                case POW -> t.isConst(r) ? t.powc(l, t.payload(r)) : t.binary(Op.POW, l, r);
                case ADD -> t.add(l, r);
                case SUB -> t.sub(l, r);
                case MUL -> t.mul(l, r);
                case DIV -> t.div(l, r);
            };
        }
        if (e instanceof Expr.Compare c) {
            int l = lower(c.left()), r = lower(c.right());
            at(e);
            Op op = switch (c.op()) {
                case LT -> Op.LT;
                case LE -> Op.LE;
                case GT -> Op.GT;
                case GE -> Op.GE;
                case EQ -> Op.EQ;
                case NE -> Op.NE;
            };
            return t.binary(op, l, r);
        }
        if (e instanceof Expr.Call c) return call(c);
        if (e instanceof Expr.Index i) return index(i);
        Expr.Tensor lit = (Expr.Tensor) e;
        int[] parts = new int[lit.elements().size()];
        for (int k = 0; k < parts.length; k++) parts[k] = lower(lit.elements().get(k));
        at(e);
        for (int k = 0; k < parts.length; k++) parts[k] = t.broadcast(parts[k], lit.elements().get(k).shape());
        return t.stack(parts);
    }

    /** The value of a scalar made of literals and consts with {@code - + - * /}, as the scalar lowering folds it. */
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

    private int call(Expr.Call c) {
        if (c.callee() instanceof Stmt.Fn fn) return inline(fn, c);
        Builtin b = (Builtin) c.callee();
        int[] args = new int[c.args().size()];
        for (int k = 0; k < args.length; k++) args[k] = lower(c.args().get(k));
        at(c);
        int x = args[0];
        if (b.isElementwiseUnary()) return t.unary(Op.valueOf(b.name()), x);
        return switch (b) {
            case MAX -> args.length == 2 ? t.binary(Op.MAX, x, args[1]) : t.reduce(Op.MAX, x);
            case MIN -> args.length == 2 ? t.binary(Op.MIN, x, args[1]) : t.reduce(Op.MIN, x);
            case WHERE -> t.select(x, args[1], args[2]);
            case SUM -> t.reduce(Op.ADD, x);
            case MEAN -> t.div(t.reduce(Op.ADD, x), t.constant(t.shape(x).size()));
            case DOT -> t.contract(x, args[1], 0);
            case SOFTMAX -> {
                int e = shiftedExp(x);
                yield t.div(e, t.reduce(Op.ADD, e));
            }
            case LOG_SOFTMAX -> {
                int m = t.reduce(Op.MAX, x);
                int logSum = t.unary(Op.LOG, t.reduce(Op.ADD, shiftedExp(x)));
                yield t.sub(t.sub(x, m), logSum);
            }
            case LOGSUMEXP -> t.add(t.reduce(Op.MAX, x), t.unary(Op.LOG, t.reduce(Op.ADD, shiftedExp(x))));
            default -> throw new IllegalStateException("unhandled built-in " + b);
        };
    }

    /** {@code exp(x - max(x))}: the stable numerators of softmax and friends. */
    private int shiftedExp(int x) {
        return t.unary(Op.EXP, t.sub(x, t.reduce(Op.MAX, x)));
    }

    private int inline(Stmt.Fn fn, Expr.Call c) {
        int[] args = new int[c.args().size()];
        for (int k = 0; k < args.length; k++) args[k] = lower(c.args().get(k));
        Integer[] saved = new Integer[args.length];
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

    private int index(Expr.Index ix) {
        int x = lower(ix.target());
        at(ix);
        Shape s = ix.target().shape();
        List<Integer> idx = ix.resolved();
        int offset = 0;
        for (int k = 0; k < s.rank(); k++) offset = offset * s.dim(k) + (k < idx.size() ? idx.get(k) : 0);
        return t.slice(x, offset, ix.shape());
    }
}
