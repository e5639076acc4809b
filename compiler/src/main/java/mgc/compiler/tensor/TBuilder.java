package mgc.compiler.tensor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mgc.compiler.front.Shape;
import mgc.compiler.ir.Algebra;
import mgc.compiler.ir.Op;
import mgc.compiler.ir.OutputKind;
import mgc.runtime.ModelSignature;

/**
 * The one way tensor nodes are made, with each primitive's shape rule. Like the scalar builder it
 * hash-conses, folds scalar constants and applies only rewrites exact in IEEE arithmetic, the same
 * ones, so that unrolling a tensor graph gives the scalar graph the scalar builder would have built.
 * It implements {@link Algebra} elementwise (scalars broadcast), so the scalar ops' chain rules in
 * {@link Op} build tensor adjoints unchanged.
 */
public final class TBuilder implements Algebra {

    private final List<TNode> nodes = new ArrayList<>();
    private final Map<TNode.Key, Integer> table = new HashMap<>();
    private final List<TOutput> outputs = new ArrayList<>();
    private final ModelSignature signature;
    private int line, column;

    public TBuilder(ModelSignature signature) {
        this.signature = signature;
    }

    /** A builder holding all of {@code base}'s nodes (same numbering) and none of its outputs. */
    public static TBuilder extending(TGraph base) {
        TBuilder b = new TBuilder(base.signature());
        for (TNode n : base.nodes()) {
            b.nodes.add(n);
            b.table.putIfAbsent(n.key(), b.nodes.size() - 1);
        }
        return b;
    }

    public ModelSignature signature() { return signature; }

    public int size() { return nodes.size(); }

    public TNode node(int n) { return nodes.get(n); }

    public Shape shape(int n) { return nodes.get(n).shape(); }

    public void setOrigin(int line, int column) {
        this.line = line;
        this.column = column;
    }

    // ---- Algebra (elementwise) -------------------------------------------------------------------

    @Override public int arg(int n, int i) { return nodes.get(n).arg(i); }

    @Override public double payload(int n) { return nodes.get(n).value(); }

    @Override public int constant(double v) { return intern(Prim.CONST, new int[0], Shape.SCALAR, null, v, 0); }

    @Override
    public int unary(Op op, int x) {
        if (op.arity() != 1 || op == Op.POWC) throw new IllegalArgumentException(op + " is not unary");
        if (isConst(x)) return constant(op.eval(value(x), 0, 0, 0));
        TNode nx = nodes.get(x);
        if (op == Op.NEG && nx.prim() == Prim.MAP && nx.op() == Op.NEG) return nx.arg(0);
        return map(op, 0.0, x);
    }

    @Override
    public int powc(int x, double k) {
        if (isConst(x)) return constant(Op.POWC.eval(value(x), 0, 0, k));
        if (k == 1.0) return x;
        return map(Op.POWC, k, x);
    }

    @Override
    public int binary(Op op, int x, int y) {
        if (op.arity() != 2) throw new IllegalArgumentException(op + " is not binary");
        Shape s = elementwiseShape(x, y);
        if (isConst(x) && isConst(y)) return constant(op.eval(value(x), value(y), 0, 0));
        switch (op) {
            case MUL -> {
                if (isConst(y, 1.0)) return fit(x, s);
                if (isConst(x, 1.0)) return fit(y, s);
                if (isConst(y, -1.0)) return fit(neg(x), s);
                if (isConst(x, -1.0)) return fit(neg(y), s);
            }
            case ADD -> {
                if (isConst(y, -0.0)) return fit(x, s);
                if (isConst(x, -0.0)) return fit(y, s);
            }
            case SUB -> {
                if (isConst(y, 0.0)) return fit(x, s);
            }
            case DIV -> {
                if (isConst(y, 1.0)) return fit(x, s);
            }
            case DMUL -> {
                if (isConst(x, 0.0)) return fit(x, s);
                if (isFiniteNonZeroConst(y) || isLeafValued(y) || isFiniteNonZeroConst(x)) return mul(x, y);
            }
            case DDIV -> {
                if (isConst(x, 0.0)) return fit(x, s);
                if (isFiniteNonZeroConst(y) || isFiniteNonZeroConst(x)) return div(x, y);
            }
            case MASKPOS -> {
                if (isConst(x)) return value(x) > 0 ? fit(y, s) : fit(constant(0.0), s);
                if (isConst(y, 0.0)) return fit(y, s);
            }
            case SIGNMUL -> {
                if (isConst(x)) return value(x) > 0 ? fit(y, s) : value(x) < 0 ? fit(neg(y), s) : fit(constant(0.0), s);
            }
            default -> { }
        }
        if (op.commutative() && x > y) {
            int t = x;
            x = y;
            y = t;
        }
        return map(op, 0.0, x, y);
    }

    @Override
    public int select(int cond, int x, int y) {
        Shape s = elementwiseShape(cond, elementwiseShape(x, y));
        if (isConst(cond)) return fit(value(cond) != 0.0 ? x : y, s);
        if (x == y) return fit(x, s);
        return map(Op.SELECT, 0.0, cond, x, y);
    }

    private int map(Op op, double k, int... args) {
        Shape s = Shape.SCALAR;
        for (int a : args) s = elementwiseShape(s, shape(a));
        return intern(Prim.MAP, args, s, op, op == Op.POWC ? k : 0.0, 0);
    }

    /** Node {@code n} of another graph made again here over operands {@code args} (see {@link Prim#rebuild}). */
    public int rebuild(TNode n, int[] args) {
        setOrigin(n.line(), n.column());
        return n.prim().rebuild(n, args, this);
    }

    // ---- leaves ----------------------------------------------------------------------------------

    public int leaf(Prim kind, int offset, Shape shape) {
        if (!kind.isLeaf() || kind == Prim.CONST) throw new IllegalArgumentException(kind + " is not a leaf");
        return intern(kind, new int[0], shape, null, 0.0, offset);
    }

    // ---- structural primitives (their shape rules) -----------------------------------------------

    /** {@code a @ b}; {@code zeroOperand} 1 or 2 makes that operand's zeros give exact zero terms. */
    public int contract(int a, int b, int zeroOperand) {
        Shape as = shape(a), bs = shape(b);
        if (as.rank() < 1 || as.rank() > 2 || bs.rank() < 1 || bs.rank() > 2 || as.dim(as.rank() - 1) != bs.dim(0)) {
            throw new IllegalArgumentException("cannot contract " + as + " with " + bs);
        }
        return intern(Prim.CONTRACT, new int[] {a, b}, Contraction.resultShape(as, bs), null, 0.0, zeroOperand);
    }

    /** Fold of every element with add, max or min, to a scalar. */
    public int reduce(Op op, int x) {
        if (op != Op.ADD && op != Op.MAX && op != Op.MIN) throw new IllegalArgumentException("reduce " + op);
        if (shape(x).size() == 1) return reshape(x, Shape.SCALAR);
        return intern(Prim.REDUCE, new int[] {x}, Shape.SCALAR, op, 0.0, 0);
    }

    public int winner(Op op, int x) {
        return intern(Prim.WINNER, new int[] {x}, shape(x), op, 0.0, 0);
    }

    public int broadcast(int x, Shape to) {
        if (shape(x).equals(to)) return x;
        if (shape(x).size() != 1) throw new IllegalArgumentException("broadcast " + shape(x) + " to " + to);
        if (to.isScalar()) return reshape(x, to);
        return intern(Prim.BROADCAST, new int[] {reshape(x, Shape.SCALAR)}, to, null, 0.0, 0);
    }

    public int transpose(int x) {
        Shape s = shape(x);
        if (s.rank() != 2) throw new IllegalArgumentException("transpose " + s);
        Shape t = Shape.of(s.dim(1), s.dim(0));
        if (s.dim(0) == 1 || s.dim(1) == 1) return reshape(x, t);
        TNode nx = nodes.get(x);
        if (nx.prim() == Prim.TRANSPOSE) return nx.arg(0);
        return intern(Prim.TRANSPOSE, new int[] {x}, t, null, 0.0, 0);
    }

    public int reshape(int x, Shape to) {
        if (shape(x).size() != to.size()) throw new IllegalArgumentException("reshape " + shape(x) + " to " + to);
        if (shape(x).equals(to)) return x;
        TNode nx = nodes.get(x);
        if (nx.prim() == Prim.RESHAPE) return reshape(nx.arg(0), to);
        return intern(Prim.RESHAPE, new int[] {x}, to, null, 0.0, 0);
    }

    public int slice(int x, int offset, Shape shape) {
        if (offset < 0 || offset + shape.size() > shape(x).size()) throw new IllegalArgumentException("slice");
        if (shape.size() == shape(x).size()) return reshape(x, shape);
        return intern(Prim.SLICE, new int[] {x}, shape, null, 0.0, offset);
    }

    public int pad(int x, int offset, Shape shape) {
        if (offset < 0 || offset + shape(x).size() > shape.size()) throw new IllegalArgumentException("pad");
        if (shape.size() == shape(x).size()) return reshape(x, shape);
        return intern(Prim.PAD, new int[] {x}, shape, null, 0.0, offset);
    }

    public int stack(int[] parts) {
        Shape each = shape(parts[0]);
        for (int p : parts) if (!shape(p).equals(each)) throw new IllegalArgumentException("stack of unequal shapes");
        return intern(Prim.STACK, parts.clone(), each.prepend(parts.length), null, 0.0, 0);
    }

    // ---- facts rules need ------------------------------------------------------------------------

    public boolean isConst(int n) { return nodes.get(n).prim() == Prim.CONST; }

    private double value(int n) { return nodes.get(n).value(); }

    private boolean isConst(int n, double v) {
        return isConst(n) && Double.doubleToRawLongBits(value(n)) == Double.doubleToRawLongBits(v);
    }

    private boolean isFiniteNonZeroConst(int n) {
        return isConst(n) && Double.isFinite(value(n)) && value(n) != 0.0;
    }

    /** Whether every element is a leaf (parameter, input, target, tangent): finite by the runtime's rule. */
    public boolean isLeafValued(int n) {
        return Prim.leafValued(nodes::get, n);
    }

    private Shape elementwiseShape(int x, int y) { return elementwiseShape(shape(x), shape(y)); }

    private Shape elementwiseShape(int x, Shape s) { return elementwiseShape(shape(x), s); }

    private static Shape elementwiseShape(Shape a, Shape b) {
        if (a.isScalar()) return b;
        if (b.isScalar() || a.equals(b)) return a;
        throw new IllegalArgumentException("elementwise op on " + a + " and " + b);
    }

    /** {@code x} as a result of shape {@code s}: a scalar operand standing for a tensor is broadcast. */
    private int fit(int x, Shape s) {
        return shape(x).equals(s) ? x : broadcast(x, s);
    }

    // ---- outputs and building --------------------------------------------------------------------

    public void output(OutputKind kind, String name, int node) {
        if (node < 0 || node >= nodes.size()) throw new IllegalArgumentException("no node %" + node);
        outputs.add(new TOutput(kind, name, node));
    }

    public List<TOutput> outputs() { return outputs; }

    public TGraph build() { return new TGraph(nodes, outputs, signature); }

    /**
     * {@code g} made again node by node (dead ones too: removing them is another pass's job), hash-consed
     * anew; {@code rule} makes each node from its operands' new numbers ({@link #rebuild(TNode, int[])}
     * unless it rewrites it). Outputs follow their nodes.
     */
    public static TGraph rebuild(TGraph g, Rule rule) {
        TBuilder b = new TBuilder(g.signature());
        int[] now = new int[g.size()];
        for (int n = 0; n < g.size(); n++) {
            TNode node = g.node(n);
            int[] args = new int[node.arity()];
            for (int i = 0; i < args.length; i++) args[i] = now[node.arg(i)];
            b.setOrigin(node.line(), node.column());
            now[n] = rule.make(b, node, args);
        }
        for (TOutput o : g.outputs()) b.output(o.kind(), o.name(), now[o.node()]);
        return b.build();
    }

    /** How a rebuild makes node {@code n} of the old graph in {@code b}, given its operands' new numbers. */
    public interface Rule {
        int make(TBuilder b, TNode n, int[] args);
    }

    private int intern(Prim prim, int[] args, Shape shape, Op op, double value, int attr) {
        for (int a : args) if (a < 0 || a >= nodes.size()) throw new IllegalArgumentException("no node %" + a);
        TNode n = new TNode(prim, args, shape, op, value, attr, line, column);
        Integer found = table.get(n.key());
        if (found != null) return found;
        nodes.add(n);
        table.put(n.key(), nodes.size() - 1);
        return nodes.size() - 1;
    }
}
