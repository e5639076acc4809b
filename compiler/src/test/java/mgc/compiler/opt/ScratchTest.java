package mgc.compiler.opt;

import java.util.Set;
import mgc.compiler.diff.Differentiator;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.IrPrinter;
import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void show() throws Exception {
        Graph f = MlpModels.moons();
        Graph j = Differentiator.reverse(f, false);
        PipelineResult res = Pipeline.run(j, PassOptions.DEFAULT.withVerify(true));
        System.out.println(res.formatStats());
        System.out.println("forward\n" + IrPrinter.stats(f) + "joint\n" + IrPrinter.stats(j) + "opt\n" + IrPrinter.stats(res.graph()));
        java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/opt_moons_opt.txt"), IrPrinter.print(res.graph()));
        PipelineResult fm = Pipeline.run(j, PassOptions.DEFAULT.withVerify(true).withFastMath(true));
        System.out.println("fast\n" + fm.formatStats());
        Graph t = MlpModels.tanh64();
        Graph tj = Differentiator.reverse(t, false);
        System.out.println("tanh fwd " + t.size() + " joint " + tj.size() + "\n" + Pipeline.run(tj, PassOptions.DEFAULT).formatStats());
        for (long seed = 0; seed < 300; seed++) {
            for (boolean guarded : new boolean[]{true, false}) {
                Graph rj = Equivalence.randomJoint(seed, 15, guarded);
                Graph ro = Pipeline.run(rj, PassOptions.DEFAULT.withVerify(true)).graph();
                Equivalence.assertSameBits(rj, ro, seed, 5, !guarded, "seed " + seed + " guarded " + guarded);
            }
        }
    }
}
