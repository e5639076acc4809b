package mgc.compiler.opt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.ToIntFunction;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.GraphBuilder;
import mgc.compiler.ir.IrPrinter;
import mgc.compiler.ir.Op;
import mgc.compiler.ir.OutputKind;
import mgc.compiler.ir.Verifier;
import mgc.compiler.testing.RandomGraphs;

/**
 * Small graphs for the passes' focused tests: one expression over the random graphs' leaves
 * (params p[0..3], inputs x[0..1], target y), read back as a nested expression such as
 * {@code mul(p[0], p[0])}.
 */
final class Snippets {
    private Snippets() {}

    /** A graph whose output and loss are the expression {@code body} builds. */
    static Graph graph(ToIntFunction<GraphBuilder> body) {
        GraphBuilder g = new GraphBuilder(RandomGraphs.signature());
        int e = body.applyAsInt(g);
        g.output(OutputKind.OUTPUT, "out", 0, e);
        g.output(OutputKind.LOSS, "", -1, e);
        g.output(OutputKind.PENALTY, "", -1, g.param(0));
        Graph graph = g.build();
        Verifier.verify(graph, "snippet");
        return graph;
    }

    /**
     * The expression after running the named pass alone, checking that the pass leaves the graph
     * well formed and its values unchanged (bit for bit without fast-math, on awkward leaves too).
     */
    static String after(String pass, boolean fastMath, ToIntFunction<GraphBuilder> body) {
        Graph before = graph(body);
        Graph after = Pipeline.pass(pass).run(before, PassOptions.DEFAULT.withFastMath(fastMath));
        Verifier.verify(after, pass);
        if (!fastMath) Equivalence.assertSameBits(before, after, 7, 200, true, pass);
        return expr(after, after.output(OutputKind.LOSS).node());
    }

    static String after(String pass, ToIntFunction<GraphBuilder> body) { return after(pass, false, body); }

    /** The expression as written before any pass runs (the builder's own rewrites applied). */
    static String built(ToIntFunction<GraphBuilder> body) {
        Graph g = graph(body);
        return expr(g, g.output(OutputKind.LOSS).node());
    }

    static String expr(Graph g, int n) {
        Op op = g.op(n);
        if (op.isLeaf()) {
            StringBuilder sb = new StringBuilder();
            IrPrinter.appendNode(sb, g, n);
            return sb.substring(op.text().length() + 1);
        }
        StringBuilder sb = new StringBuilder(op.text()).append('(');
        for (int i = 0; i < op.arity(); i++) sb.append(i > 0 ? ", " : "").append(expr(g, g.arg(n, i)));
        if (op == Op.POWC) sb.append(", ").append(g.payload(n));
        return sb.append(')').toString();
    }

    static void assertRewrites(String expected, String pass, ToIntFunction<GraphBuilder> body) {
        assertEquals(expected, after(pass, body));
    }

    /** The pass leaves the expression as the builder made it. */
    static void assertKeeps(String pass, ToIntFunction<GraphBuilder> body) {
        assertEquals(built(body), after(pass, body));
    }
}
