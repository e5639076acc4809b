package mgc.compiler.codegen;

import mgc.compiler.ir.Graph;
import mgc.compiler.ir.IrPrinter;
import mgc.compiler.ir.Op;

/**
 * The text form of schedules for {@code mgc emit}: per group, per chunk method, one statement per
 * line with the local it is stored in, its expression tree (single-use nodes inline, in parentheses),
 * where it goes (outputs, scratch elements for later chunks), and the chunk's live-ins:
 * <pre>
 * chunk lg$1: 3 statements, 2 locals, live-in %12 from scratch[1] into L0, %9 from scratch[2]
 *   %15 L1 = add %12 (mul W2[0,0] %9)   -> grad W2[0,0]
 *   unless %12 == 0:
 *     %16 L2 = dmul %12 %7   -> grad W2[1,0]
 *     ...
 * </pre>
 * (a guarded run, skipped when its guard is zero).
 */
public final class SchedulePrinter {
    private SchedulePrinter() {}

    /** The schedules of straight-line code, or for loop kernels the plan of each entry point ({@link LoopPlanPrinter}). */
    public static String print(GeneratedClass generated) {
        if (generated.schedules().isEmpty()) return generated.loopPlans();
        StringBuilder sb = new StringBuilder();
        for (Schedule s : generated.schedules()) sb.append(print(s));
        return sb.toString();
    }

    public static String print(Schedule s) {
        StringBuilder sb = new StringBuilder();
        sb.append("group ").append(s.group()).append(": ").append(s.statementCount()).append(" statements, ")
                .append(s.chunkCount()).append(" chunks, scratch ").append(s.scratchSize()).append('\n');
        for (int c = 0; c < s.chunkCount(); c++) {
            sb.append("chunk ").append(s.group().prefix()).append('$').append(c).append(": ")
                    .append(s.chunkStart[c + 1] - s.chunkStart[c]).append(" statements, ").append(s.chunkLocals[c]).append(" locals");
            for (int i = s.liveInStart[c]; i < s.liveInStart[c + 1]; i++) {
                sb.append(i == s.liveInStart[c] ? ", live-in " : ", ").append('%').append(s.liveIn[i])
                        .append(" from scratch[").append(s.scratchSlot[s.liveIn[i]]).append(']');
                if (s.liveInLocal[i] >= 0) sb.append(" into L").append(s.liveInLocal[i]);
            }
            sb.append('\n');
            int runEnd = -1;
            for (int st = s.chunkStart[c]; st < s.chunkStart[c + 1]; st++) {
                int n = s.stmts[st];
                if (s.runEnd[st] > 0) {
                    runEnd = s.runEnd[st];
                    sb.append("  unless %").append(s.runGuard[st]).append(" == 0:\n");
                }
                sb.append(st < runEnd ? "    %" : "  %").append(n).append(" L").append(s.stmtLocal[st]).append(" = ");
                appendTree(sb, s, n, true);
                String sep = "   -> ";
                for (int k = s.sinkStart[st]; k < s.sinkStart[st + 1]; k++) {
                    sb.append(sep).append(s.sinks[k].label());
                    sep = ", ";
                }
                if (s.scratchSlot[n] > 0) sb.append(sep).append("scratch[").append(s.scratchSlot[n]).append(']');
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static void appendTree(StringBuilder sb, Schedule s, int n, boolean top) {
        Graph g = s.graph();
        Op op = g.op(n);
        if (op.isLeaf()) {
            StringBuilder leaf = new StringBuilder();
            IrPrinter.appendNode(leaf, g, n);
            sb.append(op == Op.CONST ? leaf.substring(6) : leaf.substring(op.text().length() + 1));
            return;
        }
        if (!top && s.role[n] == Schedule.VALUE) {
            sb.append('%').append(n);
            return;
        }
        if (!top) sb.append('(');
        sb.append(op.text());
        for (int i = 0; i < op.arity(); i++) {
            sb.append(' ');
            appendTree(sb, s, g.arg(n, i), false);
        }
        if (op == Op.POWC) sb.append(' ').append(g.payload(n));
        if (!top) sb.append(')');
    }
}
