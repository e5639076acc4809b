package mgc.runtime;

import java.util.Arrays;

/**
 * One named tensor seen through the flat array that holds it (a parameter in the parameter array):
 * reads and writes go to that array, so a view of a model's parameters follows training.
 */
public record TensorView(TensorSpec spec, double[] data) {

    public TensorView {
        if (spec.offset() < 0 || spec.offset() + spec.size() > data.length)
            throw new IllegalArgumentException(spec.name() + " (" + spec.size() + " values at " + spec.offset()
                    + ") does not fit an array of " + data.length);
    }

    public String name() { return spec.name(); }

    /** {@code [16, 2]} for a 16×2 matrix; empty for a scalar. */
    public int[] shape() { return spec.shape(); }

    public int size() { return spec.size(); }

    /** The element at {@code index} (one index per dimension; none for a scalar). */
    public double get(int... index) {
        return data[spec.offset() + spec.flatIndex(index)];
    }

    public void set(double value, int... index) {
        data[spec.offset() + spec.flatIndex(index)] = value;
    }

    /** A copy of the elements, row-major. */
    public double[] toArray() {
        return Arrays.copyOfRange(data, spec.offset(), spec.offset() + spec.size());
    }

    /** Overwrites the elements from a row-major array of exactly {@link #size()} values. */
    public void setAll(double[] values) {
        if (values.length != spec.size())
            throw new IllegalArgumentException(spec.name() + spec.shapeText() + " has " + spec.size()
                    + " elements; got " + values.length);
        System.arraycopy(values, 0, data, spec.offset(), values.length);
    }

    @Override
    public String toString() {
        return spec.name() + spec.shapeText() + " " + Arrays.toString(toArray());
    }
}
