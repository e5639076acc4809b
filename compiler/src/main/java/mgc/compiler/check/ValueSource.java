package mgc.compiler.check;

/**
 * Where {@link GradientCheck} takes its points from: the parameter vector the points are drawn
 * around (each point perturbs it), and optionally the examples' inputs and targets (otherwise drawn
 * uniformly from [-1, 1]).
 */
public interface ValueSource {

    /** The parameter vector (flat, as in the model's signature) around which points are drawn. */
    double[] initialParams();

    /** Point {@code k}'s inputs, or null to draw them uniformly from [-1, 1]. */
    default double[] inputs(int point) { return null; }

    /** Point {@code k}'s targets, or null to draw them uniformly from [-1, 1]. */
    default double[] targets(int point) { return null; }

    /** Points around {@code initialParams} with random inputs and targets. */
    static ValueSource around(double[] initialParams) {
        double[] p = initialParams.clone();
        return () -> p;
    }

    /** Points around {@code initialParams}; point k uses example {@code k mod examples}. */
    static ValueSource examples(double[] initialParams, double[][] inputs, double[][] targets) {
        if (inputs.length == 0 || inputs.length != targets.length) {
            throw new IllegalArgumentException("need as many input rows as target rows, at least one");
        }
        double[] p = initialParams.clone();
        return new ValueSource() {
            @Override public double[] initialParams() { return p; }
            @Override public double[] inputs(int point) { return inputs[point % inputs.length].clone(); }
            @Override public double[] targets(int point) { return targets[point % targets.length].clone(); }
        };
    }
}
