package mgc.compiler.ir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import mgc.runtime.ModelSignature;

/**
 * The one way nodes are made. It hash-conses (a structurally equal node is returned instead of a
 * new one; commutative operands are put in canonical order), folds ops whose operands are all
 * constants, and applies only rewrites that are exact in IEEE arithmetic ({@code x*1 = x},
 * {@code -(-x) = x}, {@code x + -0.0 = x}, {@code x - 0.0 = x}, {@code x/1 = x}, selects with a constant
 * condition or equal branches). Anything built later — adjoints, tangents, optimised graphs — thus
 * gets common-subexpression elimination and folding for free.
 *
 * <p>The chain rule's strong-zero products ({@link #dmul}, {@link #ddiv}) become plain products
 * when the partial derivative is a finite constant or a leaf: leaves (parameters, inputs, targets)
 * are assumed finite — the trainer and the data loaders refuse non-finite values.
 */
public final class GraphBuilder implements Algebra {
    /** "No node": a derivative rule's answer when an operand gets no contribution. */
    public static final int NONE = Algebra.NONE;

    private byte[] ops;
    private int[] a, b, c;
    private double[] payload;
    private int[] originLine, originColumn;
    private int size;
    private int[] table; // open addressing: node index + 1, 0 = empty
    private final List<Output> outputs = new ArrayList<>();
    private final ModelSignature signature;
    private int currentLine, currentColumn;
    private final int maxNodes;

    public GraphBuilder(ModelSignature signature) {
        this(signature, 1024, Integer.MAX_VALUE);
    }

    /** A builder that refuses to grow past {@code maxNodes} with a {@link GraphTooLargeException}. */
    public GraphBuilder(ModelSignature signature, int initialCapacity, int maxNodes) {
        this.signature = signature;
        int cap = Math.max(16, initialCapacity);
        ops = new byte[cap];
        a = new int[cap];
        b = new int[cap];
        c = new int[cap];
        payload = new double[cap];
        originLine = new int[cap];
        originColumn = new int[cap];
        table = new int[Integer.highestOneBit(cap) * 4];
        this.maxNodes = maxNodes;
    }

    /** A builder holding all of {@code base}'s nodes (same numbering) and none of its outputs. */
    public static GraphBuilder extending(Graph base) {
        GraphBuilder g = new GraphBuilder(base.signature(), base.size() * 3 + 16, Integer.MAX_VALUE);
        for (int n = 0; n < base.size(); n++) {
            g.currentLine = base.originLine(n);
            g.currentColumn = base.originColumn(n);
            int m = g.intern(base.ops[n], base.a[n], base.b[n], base.c[n], base.payload[n]);
            if (m != n) throw new IllegalStateException("graph is not hash-consed at node " + n);
        }
        g.currentLine = 0;
        g.currentColumn = 0;
        return g;
    }

    public ModelSignature signature() { return signature; }

    public int size() { return size; }

    /** Sets the source position recorded on nodes created from now on (0 = unknown). */
    public void setOrigin(int line, int column) {
        currentLine = line;
        currentColumn = column;
    }

    // ---- reading (for derivative rules and passes) -----------------------------------------------

    public Op op(int n) { return Op.of(ops[n]); }

    @Override
    public int arg(int n, int i) {
        return switch (i) {
            case 0 -> a[n];
            case 1 -> b[n];
            case 2 -> c[n];
            default -> throw new IndexOutOfBoundsException(i);
        };
    }

    @Override
    public double payload(int n) { return payload[n]; }

    public boolean isConst(int n) { return ops[n] == Op.CONST.ordinal(); }

    private boolean isConst(int n, double v) {
        return isConst(n) && Double.doubleToRawLongBits(payload[n]) == Double.doubleToRawLongBits(v);
    }

    private boolean isFiniteNonZeroConst(int n) {
        return isConst(n) && Double.isFinite(payload[n]) && payload[n] != 0.0;
    }

    private boolean isLeafValue(int n) {
        Op op = op(n);
        return op == Op.PARAM || op == Op.INPUT || op == Op.TARGET || op == Op.TANGENT;
    }

    // ---- leaves ----------------------------------------------------------------------------------

    @Override
    public int constant(double v) { return intern((byte) Op.CONST.ordinal(), 0, 0, 0, v); }

    public int param(int flat) { return leaf(Op.PARAM, flat); }

    public int input(int flat) { return leaf(Op.INPUT, flat); }

    public int target(int flat) { return leaf(Op.TARGET, flat); }

    public int tangent(int flat) { return leaf(Op.TANGENT, flat); }

    private int leaf(Op op, int flat) {
        if (flat < 0) throw new IllegalArgumentException(op.text() + " index " + flat);
        return intern((byte) op.ordinal(), flat, 0, 0, 0.0);
    }

    // ---- ops -------------------------------------------------------------------------------------

    /** Any op by its table entry: the single entry point that passes use to rebuild nodes. */
    public int node(Op op, int x, int y, int z, double k) {
        return switch (op.arity()) {
            case 0 -> op == Op.CONST ? constant(k) : leaf(op, x);
            case 1 -> op == Op.POWC ? powc(x, k) : unary(op, x);
            case 2 -> binary(op, x, y);
            default -> select(x, y, z);
        };
    }

    /**
     * The node exactly as given, hash-consed but neither folded nor rewritten: for passes that must
     * keep a node's precise semantics where a builder shortcut would not ({@code dmul(a, leaf)}
     * becomes {@code mul}, which differs from it in the sign of a zero result).
     */
    public int verbatim(Op op, int x, int y, int z, double k) {
        if (op.isLeaf()) return node(op, x, y, z, k);
        check(x);
        if (op.arity() > 1) check(y);
        if (op.arity() > 2) check(z);
        if (op.commutative() && x > y) {
            int t = x;
            x = y;
            y = t;
        }
        return intern((byte) op.ordinal(), x, op.arity() > 1 ? y : 0, op.arity() > 2 ? z : 0, op == Op.POWC ? k : 0.0);
    }

    @Override
    public int unary(Op op, int x) {
        if (op.arity() != 1 || op == Op.POWC) throw new IllegalArgumentException(op + " is not unary");
        check(x);
        if (isConst(x)) return constant(op.eval(payload[x], 0, 0, 0));
        if (op == Op.NEG && ops[x] == Op.NEG.ordinal()) return a[x];
        return intern((byte) op.ordinal(), x, 0, 0, 0.0);
    }

    @Override
    public int powc(int x, double k) {
        check(x);
        if (isConst(x)) return constant(Op.POWC.eval(payload[x], 0, 0, k));
        if (k == 1.0) return x;
        return intern((byte) Op.POWC.ordinal(), x, 0, 0, k);
    }

    @Override
    public int binary(Op op, int x, int y) {
        if (op.arity() != 2) throw new IllegalArgumentException(op + " is not binary");
        check(x);
        check(y);
        if (isConst(x) && isConst(y)) return constant(op.eval(payload[x], payload[y], 0, 0));
        switch (op) {
            case MUL -> {
                if (isConst(y, 1.0)) return x;
                if (isConst(x, 1.0)) return y;
                if (isConst(y, -1.0)) return neg(x);
                if (isConst(x, -1.0)) return neg(y);
            }
            case ADD -> {
                if (isConst(y, -0.0)) return x;
                if (isConst(x, -0.0)) return y;
            }
            case SUB -> {
                if (isConst(y, 0.0)) return x;
            }
            case DIV -> {
                if (isConst(y, 1.0)) return x;
            }
            case DMUL -> {
                if (isConst(x, 0.0)) return x;
                if (isFiniteNonZeroConst(y) || isLeafValue(y) || isFiniteNonZeroConst(x)) return mul(x, y);
            }
            case DDIV -> {
                if (isConst(x, 0.0)) return x;
                if (isFiniteNonZeroConst(y) || isFiniteNonZeroConst(x)) return div(x, y);
            }
            case MASKPOS -> {
                if (isConst(x)) return payload[x] > 0 ? y : constant(0.0);
                if (isConst(y, 0.0)) return y;
            }
            case SIGNMUL -> {
                if (isConst(x)) return payload[x] > 0 ? y : payload[x] < 0 ? neg(y) : constant(0.0);
            }
            default -> { }
        }
        if (op.commutative() && x > y) {
            int t = x;
            x = y;
            y = t;
        }
        return intern((byte) op.ordinal(), x, y, 0, 0.0);
    }

    /** cond != 0 ? x : y. */
    @Override
    public int select(int cond, int x, int y) {
        check(cond);
        check(x);
        check(y);
        if (isConst(cond)) return payload[cond] != 0.0 ? x : y;
        if (x == y) return x;
        return intern((byte) Op.SELECT.ordinal(), cond, x, y, 0.0);
    }


    // ---- outputs ---------------------------------------------------------------------------------

    public void output(OutputKind kind, String name, int element, int node) {
        check(node);
        outputs.add(new Output(kind, name, element, node));
    }

    public void output(Output o) {
        output(o.kind(), o.name(), o.element(), o.node());
    }

    public List<Output> outputs() { return outputs; }

    public Graph build() {
        return new Graph(size, Arrays.copyOf(ops, size), Arrays.copyOf(a, size), Arrays.copyOf(b, size),
                Arrays.copyOf(c, size), Arrays.copyOf(payload, size), Arrays.copyOf(originLine, size),
                Arrays.copyOf(originColumn, size), outputs, signature);
    }

    // ---- hash-consing ----------------------------------------------------------------------------

    private void check(int n) {
        if (n < 0 || n >= size) throw new IllegalArgumentException("no node %" + n);
    }

    private static int hash(byte op, int x, int y, int z, double k) {
        long h = op * 0x9E3779B97F4A7C15L;
        h = (h ^ x) * 0xBF58476D1CE4E5B9L;
        h = (h ^ y) * 0x94D049BB133111EBL;
        h = (h ^ z) * 0x9E3779B97F4A7C15L;
        h ^= Double.doubleToRawLongBits(k);
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 29));
    }

    private int intern(byte op, int x, int y, int z, double k) {
        int mask = table.length - 1;
        long kb = Double.doubleToRawLongBits(k);
        int slot = hash(op, x, y, z, k) & mask;
        while (true) {
            int e = table[slot];
            if (e == 0) break;
            int n = e - 1;
            if (ops[n] == op && a[n] == x && b[n] == y && c[n] == z && Double.doubleToRawLongBits(payload[n]) == kb) {
                return n;
            }
            slot = (slot + 1) & mask;
        }
        if (size >= maxNodes) throw new GraphTooLargeException(maxNodes, currentLine, currentColumn);
        if (size == ops.length) grow();
        int n = size++;
        ops[n] = op;
        a[n] = x;
        b[n] = y;
        c[n] = z;
        payload[n] = k;
        originLine[n] = currentLine;
        originColumn[n] = currentColumn;
        table[slot] = n + 1;
        if (size * 2 > table.length) rehash();
        return n;
    }

    private void grow() {
        int cap = ops.length * 2;
        ops = Arrays.copyOf(ops, cap);
        a = Arrays.copyOf(a, cap);
        b = Arrays.copyOf(b, cap);
        c = Arrays.copyOf(c, cap);
        payload = Arrays.copyOf(payload, cap);
        originLine = Arrays.copyOf(originLine, cap);
        originColumn = Arrays.copyOf(originColumn, cap);
    }

    private void rehash() {
        int[] t = new int[table.length * 2];
        int mask = t.length - 1;
        for (int n = 0; n < size; n++) {
            int slot = hash(ops[n], a[n], b[n], c[n], payload[n]) & mask;
            while (t[slot] != 0) slot = (slot + 1) & mask;
            t[slot] = n + 1;
        }
        table = t;
    }
}
