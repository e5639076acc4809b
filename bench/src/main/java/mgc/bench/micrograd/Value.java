package mgc.bench.micrograd;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A line-by-line port of micrograd's {@code engine.py}: one object per scalar, each operator
 * computes its result and sets, beside it, the closure that propagates its gradient; {@link #backward}
 * sorts the graph topologically and runs the closures in reverse. Adds {@code tanh}, {@code exp},
 * {@code log} (as in Karpathy's lecture) to micrograd's {@code + * ** relu}.
 */
public final class Value {

    private static final Value[] NO_CHILDREN = {};

    public double data;
    public double grad;
    private final Value[] prev; // micrograd's _prev: a set, so x * x has one child
    private final String op;
    private Runnable backward = () -> {};

    public Value(double data) {
        this(data, NO_CHILDREN, "");
    }

    private Value(double data, Value[] children, String op) {
        this.data = data;
        this.prev = children;
        this.op = op;
    }

    private static Value[] children(Value a, Value b) {
        return a == b ? new Value[] {a} : new Value[] {a, b};
    }

    public Value add(Value other) {
        Value out = new Value(data + other.data, children(this, other), "+");
        out.backward = () -> {
            this.grad += out.grad;
            other.grad += out.grad;
        };
        return out;
    }

    public Value add(double other) {
        return add(new Value(other));
    }

    public Value mul(Value other) {
        Value out = new Value(data * other.data, children(this, other), "*");
        out.backward = () -> {
            this.grad += other.data * out.grad;
            other.grad += this.data * out.grad;
        };
        return out;
    }

    public Value mul(double other) {
        return mul(new Value(other));
    }

    /** {@code self ** other} for a constant exponent, as micrograd allows. */
    public Value pow(double other) {
        Value out = new Value(Math.pow(data, other), new Value[] {this}, "**" + other);
        out.backward = () -> this.grad += (other * Math.pow(this.data, other - 1)) * out.grad;
        return out;
    }

    public Value relu() {
        Value out = new Value(data < 0 ? 0 : data, new Value[] {this}, "ReLU");
        out.backward = () -> this.grad += (out.data > 0 ? 1 : 0) * out.grad;
        return out;
    }

    public Value tanh() {
        double t = Math.tanh(data);
        Value out = new Value(t, new Value[] {this}, "tanh");
        out.backward = () -> this.grad += (1 - t * t) * out.grad;
        return out;
    }

    public Value exp() {
        Value out = new Value(Math.exp(data), new Value[] {this}, "exp");
        out.backward = () -> this.grad += out.data * out.grad;
        return out;
    }

    public Value log() {
        Value out = new Value(Math.log(data), new Value[] {this}, "log");
        out.backward = () -> this.grad += (1 / this.data) * out.grad;
        return out;
    }

    public Value neg() {
        return mul(-1);
    }

    public Value sub(Value other) {
        return add(other.neg());
    }

    public Value sub(double other) {
        return add(-other);
    }

    public Value div(Value other) {
        return mul(other.pow(-1));
    }

    public void backward() {
        List<Value> topo = new ArrayList<>();
        Set<Value> visited = new HashSet<>();
        buildTopo(this, topo, visited);
        grad = 1;
        for (int i = topo.size() - 1; i >= 0; i--) topo.get(i).backward.run();
    }

    private static void buildTopo(Value v, List<Value> topo, Set<Value> visited) {
        if (visited.add(v)) {
            for (Value child : v.prev) buildTopo(child, topo, visited);
            topo.add(v);
        }
    }

    @Override
    public String toString() {
        return "Value(data=" + data + ", grad=" + grad + (op.isEmpty() ? "" : ", op=" + op) + ")";
    }
}
