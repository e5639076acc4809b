package mgc.compiler.tensor;

import java.util.Arrays;
import java.util.function.IntFunction;
import mgc.compiler.front.Shape;
import mgc.compiler.ir.GraphBuilder;
import mgc.compiler.ir.Op;
import mgc.runtime.MathOps;

/**
 * The primitives of the tensor IR, each defined in one place: its evaluation (the tensor
 * interpreter's semantics, which every later stage must match bit for bit), its vector–Jacobian
 * product, its unrolling into the scalar IR, and its text attributes. Shape rules live in the one
 * method of {@link TBuilder} that makes each primitive.
 *
 * <p>Summation order is semantics: a contraction's element is {@code -0.0} plus its terms in
 * ascending order of the contracted index, one product and one sum rounding per step (no fma), which
 * equals the left fold {@code (t0 + t1) + ...} exactly; a reduction folds left in index order.
 */
public enum Prim {
    /** A scalar constant ({@code value}). */
    CONST {
        @Override int rebuild(TNode n, int[] a, TBuilder b) { return b.constant(n.value()); }
        @Override double[] eval(TNode n, double[][] v, Leaves env) { return new double[] {n.value()}; }
        @Override int[] unroll(TNode n, int[][] e, GraphBuilder g, IntFunction<Shape> shapes) { return new int[] {g.constant(n.value())}; }
        @Override String attrs(TNode n, Names names) { return Double.toString(n.value()); }
    },
    /** A parameter tensor at flat offset {@code attr} of the parameter array. */
    PARAM {
        @Override int rebuild(TNode n, int[] a, TBuilder b) { return b.leaf(this, n.attr(), n.shape()); }
        @Override double[] eval(TNode n, double[][] v, Leaves env) { return slice(env.params(), n); }
        @Override int[] unroll(TNode n, int[][] e, GraphBuilder g, IntFunction<Shape> shapes) {
            int[] r = new int[n.size()];
            for (int i = 0; i < r.length; i++) r[i] = g.param(n.attr() + i);
            return r;
        }
        @Override String attrs(TNode n, Names names) { return names.param(n.attr()); }
    },
    /** An input tensor of the current example at flat offset {@code attr}. */
    INPUT {
        @Override int rebuild(TNode n, int[] a, TBuilder b) { return b.leaf(this, n.attr(), n.shape()); }
        @Override double[] eval(TNode n, double[][] v, Leaves env) { return slice(env.inputs(), n); }
        @Override int[] unroll(TNode n, int[][] e, GraphBuilder g, IntFunction<Shape> shapes) {
            int[] r = new int[n.size()];
            for (int i = 0; i < r.length; i++) r[i] = g.input(n.attr() + i);
            return r;
        }
        @Override String attrs(TNode n, Names names) { return names.input(n.attr()); }
    },
    /** A target tensor of the current example at flat offset {@code attr}. */
    TARGET {
        @Override int rebuild(TNode n, int[] a, TBuilder b) { return b.leaf(this, n.attr(), n.shape()); }
        @Override double[] eval(TNode n, double[][] v, Leaves env) { return slice(env.targets(), n); }
        @Override int[] unroll(TNode n, int[][] e, GraphBuilder g, IntFunction<Shape> shapes) {
            int[] r = new int[n.size()];
            for (int i = 0; i < r.length; i++) r[i] = g.target(n.attr() + i);
            return r;
        }
        @Override String attrs(TNode n, Names names) { return names.target(n.attr()); }
    },
    /** A direction tensor for parameter offset {@code attr} (Jacobian- and Hessian-vector products). */
    TANGENT {
        @Override int rebuild(TNode n, int[] a, TBuilder b) { return b.leaf(this, n.attr(), n.shape()); }
        @Override double[] eval(TNode n, double[][] v, Leaves env) { return slice(env.tangent(), n); }
        @Override int[] unroll(TNode n, int[][] e, GraphBuilder g, IntFunction<Shape> shapes) {
            int[] r = new int[n.size()];
            for (int i = 0; i < r.length; i++) r[i] = g.tangent(n.attr() + i);
            return r;
        }
        @Override String attrs(TNode n, Names names) { return Integer.toString(n.attr()); }
    },
    /** A scalar op applied elementwise; scalar operands broadcast. */
    MAP {
        @Override int rebuild(TNode n, int[] a, TBuilder b) {
            int r = switch (a.length) {
                case 1 -> n.op() == Op.POWC ? b.powc(a[0], n.value()) : b.unary(n.op(), a[0]);
                case 2 -> b.binary(n.op(), a[0], a[1]);
                default -> b.select(a[0], a[1], a[2]);
            };
            // operands that became scalars (a rewrite, or a broadcast looked through) give a scalar result
            return b.shape(r).equals(n.shape()) ? r : b.broadcast(r, n.shape());
        }
        @Override double[] eval(TNode n, double[][] v, Leaves env) {
            double[] r = new double[n.size()];
            double[] a = v[n.arg(0)], b = n.arity() > 1 ? v[n.arg(1)] : null, c = n.arity() > 2 ? v[n.arg(2)] : null;
            for (int i = 0; i < r.length; i++) {
                r[i] = n.op().eval(pick(a, i), b == null ? 0 : pick(b, i), c == null ? 0 : pick(c, i), n.value());
            }
            return r;
        }
        @Override void vjp(TNode n, int self, int s, Adjoints d) {
            for (int i = 0; i < n.arity(); i++) {
                if (!d.varied(n.arg(i))) continue;
                int c = n.op().chain(d.builder(), self, i, s);
                if (c != GraphBuilder.NONE) d.add(n.arg(i), c);
            }
        }
        @Override int[] unroll(TNode n, int[][] e, GraphBuilder g, IntFunction<Shape> shapes) {
            int[] r = new int[n.size()];
            int[] a = e[0], b = n.arity() > 1 ? e[1] : null, c = n.arity() > 2 ? e[2] : null;
            for (int i = 0; i < r.length; i++) {
                r[i] = g.node(n.op(), pick(a, i), b == null ? 0 : pick(b, i), c == null ? 0 : pick(c, i), n.value());
            }
            return r;
        }
        @Override String attrs(TNode n, Names names) {
            return n.op().text() + (n.op() == Op.POWC ? " " + n.value() : "");
        }
    },
    /**
     * Matrix–vector, vector–matrix, matrix–matrix product or dot. {@code attr} names the operand whose
     * zero makes a term exactly zero (1 = a, 2 = b, 0 = plain products): the strong-zero product of an
     * adjoint, so that 0 · NaN = 0 as in the scalar chain rule.
     */
    CONTRACT {
        @Override int rebuild(TNode n, int[] a, TBuilder b) { return b.contract(a[0], a[1], n.attr()); }
        @Override double[] eval(TNode n, double[][] v, Leaves env) {
            Contraction c = Contraction.of(n, env.shapes());
            double[] a = v[n.arg(0)], b = v[n.arg(1)], r = new double[c.m() * c.n()];
            for (int i = 0; i < c.m(); i++) {
                for (int j = 0; j < c.n(); j++) {
                    double acc = -0.0;
                    for (int p = 0; p < c.k(); p++) acc += product(n.attr(), a[i * c.k() + p], b[p * c.n() + j]);
                    r[i * c.n() + j] = acc;
                }
            }
            return r;
        }
        @Override void vjp(TNode n, int self, int s, Adjoints d) {
            TBuilder t = d.builder();
            Contraction c = Contraction.of(n, t::shape);
            int a = n.arg(0), b = n.arg(1);
            int s2 = t.reshape(s, Shape.of(c.m(), c.n()));
            if (d.varied(a)) {
                int bT = t.transpose(t.reshape(b, Shape.of(c.k(), c.n())));
                d.add(a, t.reshape(t.contract(s2, bT, t.isLeafValued(b) ? 0 : 1), t.shape(a)));
            }
            if (d.varied(b)) {
                int aT = t.transpose(t.reshape(a, Shape.of(c.m(), c.k())));
                d.add(b, t.reshape(t.contract(aT, s2, t.isLeafValued(a) ? 0 : 2), t.shape(b)));
            }
        }
        @Override int[] unroll(TNode n, int[][] e, GraphBuilder g, IntFunction<Shape> shapes) {
            Contraction c = Contraction.of(n, shapes);
            // A dot product builds its terms first and then sums them, a matrix product
            // alternates: the scalar lowering's node order, kept so both number nodes alike.
            boolean dot = shapes.apply(n.arg(0)).rank() == 1 && shapes.apply(n.arg(1)).rank() == 1;
            int[] r = new int[c.m() * c.n()];
            for (int i = 0; i < c.m(); i++) {
                for (int j = 0; j < c.n(); j++) {
                    int[] terms = new int[c.k()];
                    int acc = GraphBuilder.NONE;
                    for (int p = 0; p < c.k(); p++) {
                        int x = e[0][i * c.k() + p], y = e[1][p * c.n() + j];
                        terms[p] = switch (n.attr()) {
                            case 1 -> g.dmul(x, y);
                            case 2 -> g.dmul(y, x);
                            default -> g.mul(x, y);
                        };
                        if (!dot) acc = acc == GraphBuilder.NONE ? terms[p] : g.add(acc, terms[p]);
                    }
                    if (dot) for (int p = 0; p < c.k(); p++) acc = acc == GraphBuilder.NONE ? terms[p] : g.add(acc, terms[p]);
                    r[i * c.n() + j] = acc == GraphBuilder.NONE ? g.constant(-0.0) : acc;
                }
            }
            return r;
        }
        @Override String attrs(TNode n, Names names) {
            return n.attr() == 1 ? "zero=a" : n.attr() == 2 ? "zero=b" : "";
        }
    },
    /** Fold of all elements with {@code op} (add, max or min), left to right in index order. */
    REDUCE {
        @Override int rebuild(TNode n, int[] a, TBuilder b) { return b.reduce(n.op(), a[0]); }
        @Override double[] eval(TNode n, double[][] v, Leaves env) {
            double[] x = v[n.arg(0)];
            double acc = x[0];
            for (int i = 1; i < x.length; i++) acc = n.op().eval(acc, x[i], 0, 0);
            return new double[] {acc};
        }
        @Override void vjp(TNode n, int self, int s, Adjoints d) {
            TBuilder t = d.builder();
            int x = n.arg(0);
            if (!d.varied(x)) return;
            Shape xs = t.shape(x);
            if (n.op() == Op.ADD) d.add(x, t.broadcast(s, xs));
            else d.add(x, t.select(t.winner(n.op(), x), t.broadcast(s, xs), t.constant(0.0)));
        }
        @Override int[] unroll(TNode n, int[][] e, GraphBuilder g, IntFunction<Shape> shapes) {
            int[] x = e[0];
            int acc = x[0];
            for (int i = 1; i < x.length; i++) acc = g.binary(n.op(), acc, x[i]);
            return new int[] {acc};
        }
        @Override String attrs(TNode n, Names names) { return n.op().text(); }
    },
    /**
     * 1.0 at the element that wins the left fold of {@code op} (max or min), 0.0 elsewhere: the
     * element the fold's chain rule sends the gradient to (a tie goes to the earlier element, a NaN
     * to the later one, as for the scalar max and min).
     */
    WINNER {
        @Override int rebuild(TNode n, int[] a, TBuilder b) { return b.winner(n.op(), a[0]); }
        @Override double[] eval(TNode n, double[][] v, Leaves env) {
            double[] x = v[n.arg(0)];
            double[] r = new double[x.length];
            r[winner(n.op(), x)] = 1.0;
            return r;
        }
        @Override int[] unroll(TNode n, int[][] e, GraphBuilder g, IntFunction<Shape> shapes) {
            int[] x = e[0];
            Op keep = n.op() == Op.MAX ? Op.GE : Op.LE;
            int len = x.length;
            int[] took = new int[len]; // took[i]: step i sent the gradient to x[i] (1.0) or kept the running value
            int run = x[0];
            for (int i = 1; i < len; i++) {
                took[i] = g.sub(g.constant(1.0), g.binary(keep, run, x[i]));
                run = g.binary(n.op(), run, x[i]);
            }
            int[] r = new int[len];
            int survive = g.constant(1.0); // product of "kept" flags of all later steps
            for (int i = len - 1; i >= 0; i--) {
                r[i] = i == 0 ? survive : g.mul(took[i], survive);
                if (i > 0) survive = g.mul(survive, g.sub(g.constant(1.0), took[i]));
            }
            return r;
        }
        @Override String attrs(TNode n, Names names) { return n.op().text(); }
    },
    /** A scalar repeated to a shape. */
    BROADCAST {
        @Override int rebuild(TNode n, int[] a, TBuilder b) { return b.broadcast(a[0], n.shape()); }
        @Override double[] eval(TNode n, double[][] v, Leaves env) {
            double[] r = new double[n.size()];
            Arrays.fill(r, v[n.arg(0)][0]);
            return r;
        }
        @Override void vjp(TNode n, int self, int s, Adjoints d) {
            if (d.varied(n.arg(0))) d.add(n.arg(0), d.builder().reduce(Op.ADD, s));
        }
        @Override int[] unroll(TNode n, int[][] e, GraphBuilder g, IntFunction<Shape> shapes) {
            int[] r = new int[n.size()];
            Arrays.fill(r, e[0][0]);
            return r;
        }
    },
    /** A matrix transposed. */
    TRANSPOSE {
        @Override int rebuild(TNode n, int[] a, TBuilder b) { return b.transpose(a[0]); }
        @Override double[] eval(TNode n, double[][] v, Leaves env) {
            double[] x = v[n.arg(0)];
            int rows = n.shape().dim(1), cols = n.shape().dim(0); // of the operand
            double[] r = new double[x.length];
            for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) r[j * rows + i] = x[i * cols + j];
            return r;
        }
        @Override void vjp(TNode n, int self, int s, Adjoints d) {
            if (d.varied(n.arg(0))) d.add(n.arg(0), d.builder().transpose(s));
        }
        @Override int[] unroll(TNode n, int[][] e, GraphBuilder g, IntFunction<Shape> shapes) {
            int[] x = e[0];
            int rows = n.shape().dim(1), cols = n.shape().dim(0);
            int[] r = new int[x.length];
            for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) r[j * rows + i] = x[i * cols + j];
            return r;
        }
    },
    /** The same elements in row-major order under another shape. */
    RESHAPE {
        @Override int rebuild(TNode n, int[] a, TBuilder b) { return b.reshape(a[0], n.shape()); }
        @Override double[] eval(TNode n, double[][] v, Leaves env) { return v[n.arg(0)]; }
        @Override void vjp(TNode n, int self, int s, Adjoints d) {
            TBuilder t = d.builder();
            if (d.varied(n.arg(0))) d.add(n.arg(0), t.reshape(s, t.shape(n.arg(0))));
        }
        @Override int[] unroll(TNode n, int[][] e, GraphBuilder g, IntFunction<Shape> shapes) { return e[0]; }
    },
    /** A contiguous row-major block starting at element {@code attr}: {@code x[i]}, {@code W[i]}, {@code W[i, j]}. */
    SLICE {
        @Override int rebuild(TNode n, int[] a, TBuilder b) { return b.slice(a[0], n.attr(), n.shape()); }
        @Override double[] eval(TNode n, double[][] v, Leaves env) {
            return Arrays.copyOfRange(v[n.arg(0)], n.attr(), n.attr() + n.size());
        }
        @Override void vjp(TNode n, int self, int s, Adjoints d) {
            TBuilder t = d.builder();
            if (d.varied(n.arg(0))) d.add(n.arg(0), t.pad(s, n.attr(), t.shape(n.arg(0))));
        }
        @Override int[] unroll(TNode n, int[][] e, GraphBuilder g, IntFunction<Shape> shapes) {
            return Arrays.copyOfRange(e[0], n.attr(), n.attr() + n.size());
        }
        @Override String attrs(TNode n, Names names) { return "at " + n.attr(); }
    },
    /** The operand placed at element {@code attr} of a tensor of zeros (the adjoint of a slice). */
    PAD {
        @Override int rebuild(TNode n, int[] a, TBuilder b) { return b.pad(a[0], n.attr(), n.shape()); }
        @Override double[] eval(TNode n, double[][] v, Leaves env) {
            double[] x = v[n.arg(0)], r = new double[n.size()];
            System.arraycopy(x, 0, r, n.attr(), x.length);
            return r;
        }
        @Override void vjp(TNode n, int self, int s, Adjoints d) {
            TBuilder t = d.builder();
            if (d.varied(n.arg(0))) d.add(n.arg(0), t.slice(s, n.attr(), t.shape(n.arg(0))));
        }
        @Override int[] unroll(TNode n, int[][] e, GraphBuilder g, IntFunction<Shape> shapes) {
            int[] r = new int[n.size()];
            Arrays.fill(r, g.constant(0.0));
            System.arraycopy(e[0], 0, r, n.attr(), e[0].length);
            return r;
        }
        @Override String attrs(TNode n, Names names) { return "at " + n.attr(); }
    },
    /** A tensor literal: operands of one shape stacked along a new first axis. */
    STACK {
        @Override int rebuild(TNode n, int[] a, TBuilder b) { return b.stack(a); }
        @Override double[] eval(TNode n, double[][] v, Leaves env) {
            double[] r = new double[n.size()];
            int per = n.size() / n.arity();
            for (int k = 0; k < n.arity(); k++) System.arraycopy(v[n.arg(k)], 0, r, k * per, per);
            return r;
        }
        @Override void vjp(TNode n, int self, int s, Adjoints d) {
            TBuilder t = d.builder();
            int per = n.size() / n.arity();
            for (int k = 0; k < n.arity(); k++) {
                if (d.varied(n.arg(k))) d.add(n.arg(k), t.slice(s, k * per, t.shape(n.arg(k))));
            }
        }
        @Override int[] unroll(TNode n, int[][] e, GraphBuilder g, IntFunction<Shape> shapes) {
            int[] r = new int[n.size()];
            int per = n.size() / n.arity();
            for (int k = 0; k < n.arity(); k++) System.arraycopy(e[k], 0, r, k * per, per);
            return r;
        }
    };

    /** The elements of this node for one example. */
    abstract double[] eval(TNode n, double[][] values, Leaves env);

    /**
     * Makes this node again in {@code b} from its operands' new numbers {@code a}, through the builder's
     * one constructor of the primitive, so its shape rule and exact rewrites apply (the optimiser's rebuild).
     */
    abstract int rebuild(TNode n, int[] a, TBuilder b);

    /** Adds the contributions of adjoint {@code s} of node {@code self} to its operands' adjoints (none by default). */
    void vjp(TNode n, int self, int s, Adjoints d) {}

    /** The scalar nodes of this node's elements, given its operands' scalar nodes. */
    abstract int[] unroll(TNode n, int[][] operands, GraphBuilder g, IntFunction<Shape> shapes);

    /** What the text form prints after the operands. */
    String attrs(TNode n, Names names) { return ""; }

    /**
     * Whether every element of node {@code n} is a leaf (parameter, input, target, tangent), finite by the
     * runtime's rule: a leaf, a view of one, or a stack of such. The scalar builder's test, per tensor.
     */
    static boolean leafValued(IntFunction<TNode> nodes, int n) {
        TNode t = nodes.apply(n);
        if (t.prim().isLeaf()) return t.prim() != CONST;
        if (t.prim().isView()) return leafValued(nodes, t.arg(0));
        if (t.prim() == STACK) {
            for (int a : t.args()) if (!leafValued(nodes, a)) return false;
            return true;
        }
        return false;
    }

    public boolean isLeaf() { return this == CONST || this == PARAM || this == INPUT || this == TARGET || this == TANGENT; }

    /** Whether the node only rearranges its operand's elements (no arithmetic). */
    public boolean isView() { return this == RESHAPE || this == SLICE || this == TRANSPOSE || this == BROADCAST; }

    static double pick(double[] x, int i) { return x[x.length == 1 ? 0 : i]; }

    static int pick(int[] x, int i) { return x[x.length == 1 ? 0 : i]; }

    static double product(int zeroOperand, double a, double b) {
        return switch (zeroOperand) {
            case 1 -> MathOps.dmul(a, b);
            case 2 -> MathOps.dmul(b, a);
            default -> a * b;
        };
    }

    /** The index of the element that wins the left fold of max (or min), as the scalar chain rule sees it. */
    static int winner(Op op, double[] x) {
        int w = 0;
        double run = x[0];
        for (int i = 1; i < x.length; i++) {
            boolean keep = op == Op.MAX ? MathOps.ge(run, x[i]) != 0 : MathOps.le(run, x[i]) != 0;
            if (!keep) w = i;
            run = op.eval(run, x[i], 0, 0);
        }
        return w;
    }

    private static double[] slice(double[] array, TNode n) {
        return Arrays.copyOfRange(array, n.attr(), n.attr() + n.size());
    }

    /** The leaf arrays of one example (and the graph's shapes, for rules that need operand shapes). */
    record Leaves(double[] params, double[] inputs, double[] targets, double[] tangent,
                  IntFunction<Shape> shapes) {}

    /** Display names of leaves by flat offset. */
    interface Names {
        String param(int offset);
        String input(int offset);
        String target(int offset);
    }

    /** Where the reverse sweep keeps adjoints; what {@link #vjp} adds to. */
    interface Adjoints {
        TBuilder builder();
        boolean varied(int node);
        void add(int node, int contribution);
    }
}
