package mgc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import mgc.compiler.diff.Differentiator;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.GraphBuilder;
import mgc.compiler.ir.Op;
import mgc.compiler.ir.OutputKind;
import mgc.runtime.Initializer;
import mgc.runtime.ModelSignature;
import mgc.runtime.TensorSpec;
import org.junit.jupiter.api.Test;

/** Golden text of the schedule and the shape of the bytecode listing for a tiny model. */
class PrintersTest {

    static Graph tiny() {
        ModelSignature sig = new ModelSignature("tiny", List.of(new TensorSpec("w", new int[]{2}, 0, new Initializer.Fill(0.5))),
                List.of(new TensorSpec("x", new int[]{2}, 0, null)), List.of(new TensorSpec("y", new int[0], 0, null)),
                List.of(new TensorSpec("s", new int[0], 0, null)), true, Map.of());
        GraphBuilder g = new GraphBuilder(sig);
        int s = g.unary(Op.TANH, g.add(g.mul(g.param(0), g.input(0)), g.mul(g.param(1), g.input(1))));
        int d = g.sub(s, g.target(0));
        g.output(OutputKind.OUTPUT, "s", 0, s);
        g.output(OutputKind.LOSS, "", -1, g.mul(d, d));
        g.output(OutputKind.PENALTY, "", -1, g.powc(g.param(0), 2.0));
        return Differentiator.reverse(g.build(), false);
    }

    @Test
    void scheduleText() {
        GeneratedClass gc = CodeGenerator.generate(tiny(), tiny().signature(), CodegenOptions.defaults());
        String text = SchedulePrinter.print(gc.schedules().get(MethodGroup.LOSS_AND_GRADIENT.ordinal()));
        assertEquals("""
                group LOSS_AND_GRADIENT: 6 statements, 1 chunks, scratch 1
                chunk lg$0: 6 statements, 3 locals
                  %7 L0 = tanh (add (mul w[0] x[0]) (mul w[1] x[1]))
                  %9 L1 = sub %7 y
                  %10 L2 = mul %9 %9   -> loss
                  %16 L0 = dmul (add %9 %9) (sub 1.0 (mul %7 %7))
                  %17 L1 = mul x[1] %16   -> grad w[1]
                  %18 L0 = mul x[0] %16   -> grad w[0]
                """, text);
    }

    @Test
    void bytecodeListingShowsSizes() {
        GeneratedClass gc = CodeGenerator.generate(tiny(), tiny().signature(), CodegenOptions.defaults());
        String text = BytecodePrinter.print(gc);
        assertTrue(text.contains("method lg$0([D[DI[DI[DI[D)V  // "), text);
        assertTrue(text.contains("INVOKESTATIC mgc/runtime/MathOps.tanh (D)D"), text);
        assertTrue(text.contains("method lossAndGradient"), text);
    }
}
