package mgc.compiler.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks the IR's invariants: every operand is defined before its use, arities and unused operand
 * slots are as the op says, leaf indices lie inside their arrays, every output names a node, and
 * the graph has exactly one loss and one penalty. Tests run it after lowering and after every pass.
 */
public final class Verifier {
    private Verifier() {}

    /** The list of violations (empty when the graph is well formed). */
    public static List<String> problems(Graph g) {
        List<String> p = new ArrayList<>();
        var sig = g.signature();
        for (int n = 0; n < g.size(); n++) {
            Op op = g.op(n);
            if (op.isLeaf()) {
                int idx = g.leafIndex(n);
                int limit = switch (op) {
                    case PARAM, TANGENT -> sig.paramSize();
                    case INPUT -> sig.inputSize();
                    case TARGET -> sig.targetSize();
                    default -> Integer.MAX_VALUE;
                };
                if (op == Op.TANGENT) limit = Math.max(limit, sig.inputSize());
                if (op != Op.CONST && (idx < 0 || idx >= limit)) p.add("%" + n + ": " + op.text() + " index " + idx + " out of range");
                if (op == Op.CONST && (g.arg(n, 0) != 0 || g.arg(n, 1) != 0)) p.add("%" + n + ": const has operands");
                continue;
            }
            for (int i = 0; i < 3; i++) {
                int x = g.arg(n, i);
                if (i < op.arity()) {
                    if (x < 0 || x >= n) p.add("%" + n + ": operand " + i + " (%" + x + ") is not defined before use");
                } else if (x != 0) {
                    p.add("%" + n + ": " + op.text() + " has a stray operand " + i);
                }
            }
            if (op.commutative() && g.arg(n, 0) > g.arg(n, 1)) p.add("%" + n + ": commutative operands not in canonical order");
            if (op != Op.POWC && g.payload(n) != 0.0) p.add("%" + n + ": " + op.text() + " has a payload");
        }
        int losses = 0, penalties = 0;
        for (Output o : g.outputs()) {
            if (o.node() < 0 || o.node() >= g.size()) p.add(o.label() + " refers to missing node %" + o.node());
            if (o.kind() == OutputKind.LOSS) losses++;
            if (o.kind() == OutputKind.PENALTY) penalties++;
        }
        if (losses != 1) p.add("expected one loss output, found " + losses);
        if (penalties != 1) p.add("expected one penalty output, found " + penalties);
        int outs = g.outputs(OutputKind.OUTPUT).size();
        if (outs != sig.outputSize()) p.add("expected " + sig.outputSize() + " model outputs, found " + outs);
        return p;
    }

    /** Throws {@link IllegalStateException} listing the violations, if any. */
    public static void verify(Graph g, String stage) {
        List<String> p = problems(g);
        if (!p.isEmpty()) {
            throw new IllegalStateException("IR verification failed after " + stage + ":\n  " + String.join("\n  ", p));
        }
    }
}
