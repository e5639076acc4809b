package mgc.compiler.tensor;

import java.util.Arrays;
import mgc.compiler.front.Shape;
import mgc.compiler.ir.Op;

/**
 * One node of the tensor IR: a primitive applied to earlier nodes, with a static shape (of one
 * example: the batch axis is implicit). {@code op} is the scalar op of a {@link Prim#MAP} (or the
 * combining op of a {@link Prim#REDUCE}/{@link Prim#WINNER}), {@code value} a constant or a
 * {@code powc} exponent, {@code attr} the primitive's integer attribute (a leaf's flat offset, a
 * slice's offset, a contraction's zero-deciding operand).
 */
public record TNode(Prim prim, int[] args, Shape shape, Op op, double value, int attr, int line, int column) {

    public int arity() { return args.length; }

    public int arg(int i) { return args[i]; }

    public int size() { return shape.size(); }

    /** Structural identity for hash-consing (positions excluded). */
    record Key(Prim prim, String args, Shape shape, Op op, long value, int attr) {}

    Key key() {
        return new Key(prim, Arrays.toString(args), shape, op, Double.doubleToRawLongBits(value), attr);
    }
}
