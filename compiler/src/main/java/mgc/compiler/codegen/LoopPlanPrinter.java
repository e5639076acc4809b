package mgc.compiler.codegen;

import java.util.Locale;
import java.util.stream.Collectors;
import mgc.compiler.codegen.LoopPlan.Contract;
import mgc.compiler.codegen.LoopPlan.Copy;
import mgc.compiler.codegen.LoopPlan.Copy2;
import mgc.compiler.codegen.LoopPlan.Fill;
import mgc.compiler.codegen.LoopPlan.MapLoop;
import mgc.compiler.codegen.LoopPlan.MapTree;
import mgc.compiler.codegen.LoopPlan.Pad;
import mgc.compiler.codegen.LoopPlan.PerExampleContract;
import mgc.compiler.codegen.LoopPlan.Reduce;
import mgc.compiler.codegen.LoopPlan.Step;
import mgc.compiler.codegen.LoopPlan.SumInto;
import mgc.compiler.codegen.LoopPlan.SumLoss;
import mgc.compiler.codegen.LoopPlan.View;
import mgc.compiler.codegen.LoopPlan.Winner;
import mgc.compiler.codegen.LoopPlan.ZeroSigns;
import mgc.compiler.tensor.TGraph;
import mgc.compiler.tensor.TPrinter;

/**
 * The text form of the loop back end for {@code mgc emit M --stage schedule}: per entry point, the steps run once per
 * call (nodes that read no input or target), then those run for each tile of examples, in order, with the views they
 * read and write. A view {@code scratch[40 + t*128]} is element i of example t at {@code 40 + t*128 + i} of the
 * scratch array; {@code params[0 + r*784 + c*1]} a matrix. For example:
 * <pre>
 * lossAndGradient: tiles of 64 examples
 *   once  copy2 128x784 params[0 + r*784 + c*1] -> scratch[0 + r*128 + c*1]
 *   tile  contract 1x784x128 C scratch[100352 + t*128] += A inputs[0 + t*784] (row 784, col 1) * B scratch[0] (row 128, col 1); skip A's zeros
 *   tile  map %7, 128 elements -> scratch[...] = add(params[100352], scratch[...])
 * </pre>
 */
final class LoopPlanPrinter {

    private LoopPlanPrinter() {}

    static String print(String entry, LoopPlan plan, TGraph g) {
        StringBuilder sb = new StringBuilder(entry).append(": ");
        sb.append(plan.tile == 1 ? "once per call" : "tiles of " + plan.tile + " examples").append('\n');
        for (boolean uniform : new boolean[] {true, false})
            for (Step s : plan.steps)
                if (s.uniform() == uniform) sb.append(uniform ? "  once  " : "  tile  ").append(step(s, g)).append('\n');
        return sb.toString();
    }

    static String step(Step s, TGraph g) {
        if (s instanceof Fill f) return "fill " + f.size() + " of " + view(f.out()) + " with " + f.value();
        if (s instanceof MapLoop m)
            return "map %" + m.root() + ", " + m.size() + (m.size() == 1 ? " element -> " : " elements -> ") + view(m.out()) + " = " + tree(m.tree(), g);
        if (s instanceof Contract c) return contract(c);
        if (s instanceof PerExampleContract p) return "per example, " + contract(p.c()) + zero(p.zero());
        if (s instanceof ZeroSigns z)
            return "zero signs of " + view(z.c().c()) + " (" + z.c().m() + "x" + z.c().n()
                    + "): each zero summed again in full" + zero(z.zero());
        if (s instanceof Reduce r) return "reduce " + reduceOp(r.op()) + " " + r.size() + " of " + view(r.x()) + " -> " + view(r.out());
        if (s instanceof Winner w)
            return "winner of " + reduceOp(w.op()) + " over " + w.size() + " of " + view(w.x()) + " -> " + view(w.out());
        if (s instanceof Copy c) return "copy " + c.size() + " " + view(c.x()) + " -> " + view(c.out());
        if (s instanceof Copy2 c) return "copy2 " + c.rows() + "x" + c.cols() + " " + view(c.x()) + " -> " + view(c.out());
        if (s instanceof Pad p)
            return "pad " + view(p.x()) + " (" + p.size() + ") into " + p.len() + " at " + p.at() + " -> " + view(p.out());
        if (s instanceof SumInto u) return "sum over the tile " + u.size() + " of " + view(u.x()) + " into grad[" + u.at() + "]";
        if (s instanceof SumLoss l) return "sum over the tile " + view(l.x()) + " into the loss";
        throw new IllegalStateException("no text form for " + s);
    }

    private static String contract(Contract c) {
        StringBuilder sb = new StringBuilder("contract ").append(c.m()).append('x').append(c.k()).append('x').append(c.n())
                .append(" C ").append(view(c.c())).append(" += A ").append(view(c.a()))
                .append(" (row ").append(c.aRow()).append(", col ").append(c.aCol()).append(") * B ").append(view(c.b()))
                .append(" (row ").append(c.bRow()).append(", col ").append(c.bCol()).append(')');
        if (c.skipA()) sb.append("; skip A's zeros");
        if (c.skipB()) sb.append("; skip B's zeros");
        if (c.checkA()) sb.append("; skip A's zeros in tiles where B is finite");
        if (c.checkB()) sb.append("; skip B's zeros in tiles where A is finite");
        return sb.toString();
    }

    private static String zero(int zero) {
        return zero == 1 ? "; A's zeros strong" : zero == 2 ? "; B's zeros strong" : "";
    }

    private static String reduceOp(int op) {
        return switch (op) {
            case mgc.runtime.tile.TileOps.ADD -> "add";
            case mgc.runtime.tile.TileOps.MAX -> "max";
            default -> "min";
        };
    }

    private static String tree(MapTree t, TGraph g) {
        if (t.leaf() != null) return view(t.leaf());
        return TPrinter.mapOp(g, t.node()) + "("
                + t.operands().stream().map(o -> tree(o, g)).collect(Collectors.joining(", ")) + ")";
    }

    static String view(View v) {
        StringBuilder sb = new StringBuilder(v.arr().name().toLowerCase(Locale.ROOT)).append('[').append(v.off());
        if (v.strideT() != 0) sb.append(" + t*").append(v.strideT());
        if (!v.flat()) sb.append(" + r*").append(v.rs()).append(" + c*").append(v.cs());
        else if (v.elem() != 1) sb.append(" + i*").append(v.elem());
        return sb.append(']').toString();
    }
}
