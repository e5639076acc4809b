package mgc.compiler.front;

import java.util.Arrays;

/** A compile-time tensor shape; rank 0 is a scalar. Row-major, like every flat layout in mgc. */
public final class Shape {

    public static final Shape SCALAR = new Shape();

    private final int[] dims;

    private Shape(int... dims) {
        this.dims = dims;
    }

    public static Shape of(int... dims) {
        return dims.length == 0 ? SCALAR : new Shape(dims.clone());
    }

    public int rank() { return dims.length; }

    public int dim(int i) { return dims[i]; }

    public int[] dims() { return dims.clone(); }

    public boolean isScalar() { return dims.length == 0; }

    public boolean isVector() { return dims.length == 1; }

    public boolean isMatrix() { return dims.length == 2; }

    /** Number of scalar elements (1 for a scalar). */
    public int size() {
        int n = 1;
        for (int d : dims) n *= d;
        return n;
    }

    /** The shape without its first dimension: a row of a matrix, an element of a vector. */
    public Shape dropFirst(int count) {
        return of(Arrays.copyOfRange(dims, count, dims.length));
    }

    /** {@code [n] ++ this}: the shape of a tensor literal of n elements of this shape. */
    public Shape prepend(int n) {
        int[] d = new int[dims.length + 1];
        d[0] = n;
        System.arraycopy(dims, 0, d, 1, dims.length);
        return new Shape(d);
    }

    @Override public boolean equals(Object o) { return o instanceof Shape s && Arrays.equals(dims, s.dims); }

    @Override public int hashCode() { return Arrays.hashCode(dims); }

    /** {@code [16, 2]}, or {@code []} for a scalar. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) sb.append(i > 0 ? ", " : "").append(dims[i]);
        return sb.append(']').toString();
    }
}
