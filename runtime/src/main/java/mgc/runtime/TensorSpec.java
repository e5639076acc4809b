package mgc.runtime;

import java.util.Arrays;

/**
 * A named tensor of the model's signature: its shape (empty for a scalar), its offset in the flat
 * array it belongs to, and, for parameters, its initialiser (null for inputs, targets and outputs).
 */
public record TensorSpec(String name, int[] shape, int offset, Initializer init) {

    public TensorSpec {
        shape = shape.clone();
    }

    /** The tensor called {@code name} in {@code specs} (one of a signature's lists), or null. */
    public static TensorSpec named(java.util.List<TensorSpec> specs, String name) {
        for (TensorSpec s : specs) if (s.name().equals(name)) return s;
        return null;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** Number of scalar elements (1 for a scalar). */
    public int size() {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    /** Row-major flat index (relative to {@link #offset()}) of the given element. */
    public int flatIndex(int... index) {
        if (index.length != shape.length) throw new IllegalArgumentException(name + " has rank " + shape.length);
        int flat = 0;
        for (int i = 0; i < shape.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) throw new IndexOutOfBoundsException(name + Arrays.toString(index));
            flat = flat * shape[i] + index[i];
        }
        return flat;
    }

    /** The element's name as the text forms print it: {@code W1[0,1]}, or {@code b3} for a scalar. */
    public String elementName(int flat) {
        if (shape.length == 0) return name;
        StringBuilder sb = new StringBuilder(name).append('[');
        int[] idx = new int[shape.length];
        for (int i = shape.length - 1; i >= 0; i--) {
            idx[i] = flat % shape[i];
            flat /= shape[i];
        }
        for (int i = 0; i < idx.length; i++) {
            if (i > 0) sb.append(',');
            sb.append(idx[i]);
        }
        return sb.append(']').toString();
    }

    /** {@code [16, 2]}, or {@code []} for a scalar. */
    public String shapeText() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(shape[i]);
        }
        return sb.append(']').toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec t && name.equals(t.name) && Arrays.equals(shape, t.shape)
                && offset == t.offset && java.util.Objects.equals(init, t.init);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape) + offset;
    }

    @Override
    public String toString() {
        return name + shapeText() + "@" + offset + (init == null ? "" : " " + init);
    }
}
