package mgc.compiler.interp;

import mgc.compiler.ir.Graph;
import mgc.compiler.ir.Op;

/**
 * The reference interpreter: evaluates every node in index order (a topological order) with the
 * op table's own {@link Op#eval}. Deliberately simple; it is the oracle that the generated code is
 * tested against, bit for bit.
 */
public final class Interpreter {
    private Interpreter() {}

    /**
     * Values of all nodes for one example.
     *
     * @param tangents the direction vector read by TANGENT leaves (may be null when there are none)
     */
    public static double[] run(Graph g, double[] params, double[] inputs, double[] targets, double[] tangents) {
        return run(g, params, inputs, 0, targets, 0, tangents);
    }

    /** As {@link #run(Graph, double[], double[], double[], double[])}, reading the example at the given offsets. */
    public static double[] run(Graph g, double[] params, double[] inputs, int inputOffset, double[] targets,
                               int targetOffset, double[] tangents) {
        double[] v = new double[g.size()];
        for (int n = 0; n < g.size(); n++) {
            Op op = g.op(n);
            v[n] = switch (op) {
                case CONST -> g.payload(n);
                case PARAM -> params[g.leafIndex(n)];
                case INPUT -> inputs[inputOffset + g.leafIndex(n)];
                case TARGET -> targets[targetOffset + g.leafIndex(n)];
                case TANGENT -> tangents[g.leafIndex(n)];
                default -> {
                    int ar = op.arity();
                    double x = v[g.arg(n, 0)];
                    double y = ar > 1 ? v[g.arg(n, 1)] : 0.0;
                    double z = ar > 2 ? v[g.arg(n, 2)] : 0.0;
                    yield op.eval(x, y, z, g.payload(n));
                }
            };
        }
        return v;
    }
}
