package mgc.compiler.tensor;

import java.util.function.IntFunction;
import mgc.compiler.front.Shape;

/**
 * The dimensions of a contraction seen as {@code [m,k] @ [k,n]}: a vector on the left is one row
 * ({@code m = 1}), a vector on the right one column ({@code n = 1}).
 */
record Contraction(int m, int k, int n) {

    static Contraction of(Shape a, Shape b) {
        int m = a.rank() == 2 ? a.dim(0) : 1;
        int k = a.dim(a.rank() - 1);
        int n = b.rank() == 2 ? b.dim(1) : 1;
        return new Contraction(m, k, n);
    }

    static Contraction of(TNode node, IntFunction<Shape> shapes) {
        return of(shapes.apply(node.arg(0)), shapes.apply(node.arg(1)));
    }

    /** The result's shape: operand ranks decide which of m and n survive. */
    static Shape resultShape(Shape a, Shape b) {
        Contraction c = of(a, b);
        if (a.rank() == 2 && b.rank() == 2) return Shape.of(c.m, c.n);
        if (a.rank() == 2) return Shape.of(c.m);
        if (b.rank() == 2) return Shape.of(c.n);
        return Shape.SCALAR;
    }
}
