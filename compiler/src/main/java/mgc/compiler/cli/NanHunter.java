package mgc.compiler.cli;

import mgc.compiler.front.Source;
import mgc.compiler.interp.Interpreter;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.IrPrinter;
import mgc.compiler.ir.Op;
import mgc.runtime.data.Dataset;

/**
 * Finds where a NaN or infinity was born: re-evaluates the joint graph with the interpreter on
 * each example and reports the first node whose value is not finite although its operands are,
 * with the source line of the expression it came from.
 */
final class NanHunter {
    private NanHunter() {}

    static String explain(Graph joint, Source source, double[] params, Dataset data) {
        int n = data.size();
        double[] noTargets = new double[Math.max(1, data.targetSize())];
        for (int e = 0; e < Math.max(1, n); e++) {
            double[] v = n == 0
                    ? Interpreter.run(joint, params, new double[data.inputSize()], noTargets, null)
                    : Interpreter.run(joint, params, data.inputs(), e * data.inputSize(),
                            data.hasTargets() ? data.targets() : noTargets, e * data.targetSize(), null);
            for (int node = 0; node < joint.size(); node++) {
                if (Double.isFinite(v[node]) || !operandsFinite(joint, v, node)) continue;
                StringBuilder sb = new StringBuilder();
                sb.append("the first non-finite value (").append(v[node]).append(") is node %").append(node).append(" = ");
                IrPrinter.appendNode(sb, joint, node);
                sb.append(n == 0 ? "" : " on example " + e);
                int line = origin(joint, node);
                if (line > 0) {
                    sb.append("\n  from ").append(source.name()).append(':').append(line).append(": ")
                            .append(source.line(line).strip());
                }
                return sb.toString();
            }
        }
        return null;
    }

    private static boolean operandsFinite(Graph g, double[] v, int node) {
        Op op = g.op(node);
        for (int i = 0; i < op.arity(); i++) if (!Double.isFinite(v[g.arg(node, i)])) return false;
        return true;
    }

    /** The node's source line, or that of its nearest operand that has one (adjoints have none). */
    private static int origin(Graph g, int node) {
        for (int depth = 0; depth < 64 && node >= 0; depth++) {
            if (g.originLine(node) > 0) return g.originLine(node);
            Op op = g.op(node);
            if (op.arity() == 0) return 0;
            int best = -1;
            for (int i = 0; i < op.arity(); i++) best = Math.max(best, g.arg(node, i));
            node = best;
        }
        return 0;
    }
}
