package mgc.compiler.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import mgc.runtime.ModelSignature;

/**
 * An immutable scalar SSA DAG held in flat arrays: node {@code n} has op {@code op(n)}, operands
 * {@code arg(n, 0..arity-1)} (all smaller than n, so index order is a topological order), a payload
 * (a constant's value, a constant exponent) and, for leaves, an array index. Built only by
 * {@link GraphBuilder}. About 30 bytes a node.
 */
public final class Graph {
    final byte[] ops;
    final int[] a, b, c;
    final double[] payload;
    final int[] originLine, originColumn;
    final int size;
    private final List<Output> outputs;
    private final ModelSignature signature;

    Graph(int size, byte[] ops, int[] a, int[] b, int[] c, double[] payload, int[] originLine, int[] originColumn,
          List<Output> outputs, ModelSignature signature) {
        this.size = size;
        this.ops = ops;
        this.a = a;
        this.b = b;
        this.c = c;
        this.payload = payload;
        this.originLine = originLine;
        this.originColumn = originColumn;
        this.outputs = Collections.unmodifiableList(new ArrayList<>(outputs));
        this.signature = signature;
    }

    public int size() { return size; }

    public Op op(int n) { return Op.of(ops[n]); }

    /** Operand {@code i} of node n (for leaves, operand 0 is the element's flat index). */
    public int arg(int n, int i) {
        return switch (i) {
            case 0 -> a[n];
            case 1 -> b[n];
            case 2 -> c[n];
            default -> throw new IndexOutOfBoundsException(i);
        };
    }

    /** A constant's value, or a POWC node's exponent. */
    public double payload(int n) { return payload[n]; }

    /** For a PARAM, INPUT, TARGET or TANGENT leaf: its flat index. */
    public int leafIndex(int n) { return a[n]; }

    /** Source line (1-based) of the expression that first created node n, or 0 when unknown. */
    public int originLine(int n) { return originLine[n]; }

    public int originColumn(int n) { return originColumn[n]; }

    public List<Output> outputs() { return outputs; }

    /** The outputs of one kind, in order. */
    public List<Output> outputs(OutputKind kind) {
        List<Output> r = new ArrayList<>();
        for (Output o : outputs) if (o.kind() == kind) r.add(o);
        return r;
    }

    /** The single output of the given kind (the loss, the penalty), or null. */
    public Output output(OutputKind kind) {
        for (Output o : outputs) if (o.kind() == kind) return o;
        return null;
    }

    public ModelSignature signature() { return signature; }

    /** Number of nodes per op, indexed by ordinal. */
    public int[] opCounts() {
        int[] counts = new int[Op.values().length];
        for (int n = 0; n < size; n++) counts[ops[n]]++;
        return counts;
    }

    /** A new graph with the same nodes and other outputs. */
    public Graph withOutputs(List<Output> newOutputs) {
        return new Graph(size, ops, a, b, c, payload, originLine, originColumn, newOutputs, signature);
    }

    @Override
    public String toString() {
        return IrPrinter.print(this);
    }
}
