package mgc.compiler.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import mgc.compiler.check.Branches;
import mgc.compiler.interp.Interpreter;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.Output;
import mgc.compiler.ir.OutputKind;
import mgc.compiler.ir.Verifier;
import mgc.compiler.testing.ComparedCases;
import mgc.compiler.testing.RandomGraphs;
import org.junit.jupiter.api.Test;

class ReverseModeSmokeTest {

    @Test
    void randomGraphGradientsMatchCentralDifferences() {
        ComparedCases count = new ComparedCases("reverse-mode smoke test");
        for (long seed = 0; seed < 200; seed++) {
            Graph f = RandomGraphs.generate(seed, 12, true);
            Verifier.verify(f, "generate");
            Graph j = Differentiator.reverse(f, false);
            Verifier.verify(j, "reverse");
            SplittableRandom r = new SplittableRandom(seed * 31 + 7);
            double[] p = new double[RandomGraphs.PARAMS];
            for (int i = 0; i < p.length; i++) p[i] = r.nextDouble(-1, 1);
            double[] x = {r.nextDouble(-1, 1), r.nextDouble(-1, 1)};
            double[] y = {r.nextDouble(-1, 1)};
            double[] v = Interpreter.run(j, p, x, y, null);
            int loss = f.output(OutputKind.LOSS).node();
            boolean[] cone = Branches.cone(f, loss);
            int checked = 0, skipped = 0;
            for (Output o : j.outputs(OutputKind.GRAD)) {
                int i = o.element();
                double h = 1e-6;
                double[] pp = p.clone(), pm = p.clone();
                pp[i] += h;
                pm[i] -= h;
                double[] up = Interpreter.run(f, pp, x, y, null), down = Interpreter.run(f, pm, x, y, null);
                if (!Branches.same(f, cone, v, up) || !Branches.same(f, cone, v, down)) {  // the difference straddles a kink
                    skipped++;
                    continue;
                }
                double fd = (up[loss] - down[loss]) / (2 * h);
                double g = v[o.node()];
                assertEquals(fd, g, 1e-5 * Math.max(1, Math.abs(fd)), "seed " + seed + " " + o.label() + "\n" + f);
                checked++;
            }
            count.record(checked, skipped);
        }
        count.assertComparedAtLeast(0.8);
    }
}
