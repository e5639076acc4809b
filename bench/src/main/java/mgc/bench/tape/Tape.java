package mgc.bench.tape;

import java.util.Arrays;

import mgc.bench.hand.Tanh;

/**
 * A flat Wengert list: each recorded scalar op is an op code, up to two operand indices, a constant
 * and its value, in parallel primitive arrays that are reused from one forward pass to the next.
 * Values are computed eagerly as ops are recorded; {@link #backward} sweeps the list once in reverse.
 * Node ids are indices; the first {@link #roots()} nodes (the parameters) survive {@link #rewind}.
 */
final class Tape {

    static final byte LEAF = 0, ADD = 1, MUL = 2, ADDC = 3, MULC = 4, POWC = 5, RELU = 6, TANH = 7, EXP = 8, LOG = 9;

    private byte[] op;
    private int[] a;
    private int[] b;
    private double[] c;
    private double[] val;
    private double[] adj;
    private int size;
    private int roots;

    Tape(int capacity) {
        op = new byte[capacity];
        a = new int[capacity];
        b = new int[capacity];
        c = new double[capacity];
        val = new double[capacity];
        adj = new double[capacity];
    }

    /** Makes the first {@code n} nodes leaves holding {@code values[0..n)} with zero adjoints; they survive rewinds. */
    void setRoots(double[] values, int n) {
        size = 0;
        for (int i = 0; i < n; i++) leaf(values[i]);
        roots = n;
    }

    int roots() { return roots; }

    /** Forgets every node after the roots (their storage is reused). */
    void rewind() { size = roots; }

    double value(int node) { return val[node]; }

    double adjoint(int node) { return adj[node]; }

    private int push(byte o, int x, int y, double k, double v) {
        if (size == op.length) grow();
        int i = size++;
        op[i] = o;
        a[i] = x;
        b[i] = y;
        c[i] = k;
        val[i] = v;
        adj[i] = 0;
        return i;
    }

    private void grow() {
        int n = op.length * 2;
        op = Arrays.copyOf(op, n);
        a = Arrays.copyOf(a, n);
        b = Arrays.copyOf(b, n);
        c = Arrays.copyOf(c, n);
        val = Arrays.copyOf(val, n);
        adj = Arrays.copyOf(adj, n);
    }

    int leaf(double v) { return push(LEAF, -1, -1, 0, v); }

    int add(int x, int y) { return push(ADD, x, y, 0, val[x] + val[y]); }

    int mul(int x, int y) { return push(MUL, x, y, 0, val[x] * val[y]); }

    int addConst(int x, double k) { return push(ADDC, x, -1, k, val[x] + k); }

    int mulConst(int x, double k) { return push(MULC, x, -1, k, val[x] * k); }

    int powConst(int x, double k) { return push(POWC, x, -1, k, Math.pow(val[x], k)); }

    int relu(int x) { return push(RELU, x, -1, 0, val[x] > 0 ? val[x] : 0); }

    int tanh(int x) { return push(TANH, x, -1, 0, Tanh.tanh(val[x])); }

    int exp(int x) { return push(EXP, x, -1, 0, Math.exp(val[x])); }

    int log(int x) { return push(LOG, x, -1, 0, Math.log(val[x])); }

    /**
     * Seeds d(out)/d(out) = 1 and propagates adjoints from {@code out} down to the roots, which
     * accumulate over calls. Nodes with a zero adjoint are skipped: a dead relu or a satisfied hinge
     * then costs one test per node instead of its arithmetic.
     */
    void backward(int out) {
        adj[out] += 1;
        for (int i = out; i >= roots; i--) {
            double g = adj[i];
            if (g == 0) continue;
            int x = a[i];
            switch (op[i]) {
                case ADD -> {
                    adj[x] += g;
                    adj[b[i]] += g;
                }
                case MUL -> {
                    int y = b[i];
                    adj[x] += g * val[y];
                    adj[y] += g * val[x];
                }
                case ADDC -> adj[x] += g;
                case MULC -> adj[x] += g * c[i];
                case POWC -> adj[x] += g * c[i] * Math.pow(val[x], c[i] - 1);
                case RELU -> adj[x] += val[i] > 0 ? g : 0;
                case TANH -> adj[x] += g * (1 - val[i] * val[i]);
                case EXP -> adj[x] += g * val[i];
                case LOG -> adj[x] += g / val[x];
                default -> { } // LEAF: an input
            }
        }
    }
}
