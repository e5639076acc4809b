package mgc.compiler.codegen;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import mgc.compiler.interp.Interpreter;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.Output;
import mgc.compiler.ir.OutputKind;
import mgc.compiler.testing.RandomGraphs;
import mgc.runtime.CompiledModel;

/**
 * Measurement program (not a test), one scenario per JVM:
 * <pre>
 *   java -cp ... mgc.compiler.codegen.CodegenBenchmark moons|moons-noskip [budget]
 *   java -cp ... mgc.compiler.codegen.CodegenBenchmark mlp [budget [warm-up seconds]]
 *   java -cp ... mgc.compiler.codegen.CodegenBenchmark warmup OPS [budget [seconds]]
 * </pre>
 * moons/mlp: per-example loss+gradient time, compiled vs the interpreter (best of several runs, the
 * machine being shared). warmup: a random graph's codegen and define times, the first call, and the time
 * until calls reach their steady state.
 */
public final class CodegenBenchmark {
    static volatile double sink;

    public static void main(String[] args) {
        int budget = args[0].equals("warmup") ? (args.length > 2 ? Integer.parseInt(args[2]) : CodegenOptions.DEFAULT_BUDGET)
                : args.length > 1 ? Integer.parseInt(args[1]) : CodegenOptions.DEFAULT_BUDGET;
        CodegenOptions options = CodegenOptions.defaults().withMethodBudget(budget)
                .withInterleave(Integer.getInteger("mgc.interleave", CodegenOptions.defaults().interleave()));
        switch (args[0]) {
            case "moons" -> compare("moons 2-16-16-1 relu hinge", TestModels.joint(TestModels.moons()), options, true, 5);
            case "moons-noskip" -> compare("moons without zero-region skip", TestModels.joint(TestModels.moons()),
                    options.withSkipZeroRegions(false), true, 5);
            case "mlp" -> compare("tanh MLP 64-64-64", TestModels.joint(TestModels.tanhMlp(64, 64, 64)), options, false,
                    args.length > 2 ? Long.parseLong(args[2]) : 60);
            case "mlp-pairwise" -> compare("tanh MLP 64-64-64, pairwise sums", TestModels.joint(TestModels.tanhMlpPairwise(64, 64, 64)),
                    options, false, args.length > 2 ? Long.parseLong(args[2]) : 60);
            case "warmup" -> warmup(Integer.parseInt(args[1]), options,
                    args.length > 3 ? Long.parseLong(args[3]) * 1_000_000_000L : 40_000_000_000L);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void compare(String name, Graph joint, CodegenOptions options, boolean signTargets, long warmSeconds) {
        long t0 = System.nanoTime();
        GeneratedClass gc = CodeGenerator.generate(joint, joint.signature(), options);
        long t1 = System.nanoTime();
        CompiledModel m = ModelLoader.define(gc, joint.signature());
        long t2 = System.nanoTime();
        int n = 100, ps = joint.signature().paramSize(), in = joint.signature().inputSize(), tg = joint.signature().targetSize();
        SplittableRandom r = new SplittableRandom(1);
        double[] params = new double[ps], inputs = new double[n * in], targets = new double[n * tg], grad = new double[ps];
        for (int i = 0; i < ps; i++) params[i] = r.nextDouble(-1, 1);
        for (int i = 0; i < inputs.length; i++) inputs[i] = r.nextDouble(-2, 2);
        for (int i = 0; i < targets.length; i++) targets[i] = signTargets ? (r.nextBoolean() ? 1 : -1) : r.nextDouble(-1, 1);
        double[] scratch = m.newScratch();
        int active = 0;
        for (int e = 0; e < n; e++) if (m.loss(params, inputs, targets, e, e + 1, scratch) != 0) active++;
        System.err.printf("%s: %d of %d examples with a non-zero loss%n", name, active, n);
        System.err.printf("%s: joint graph %d nodes, %d chunk methods, largest %d bytes, scratch %d; codegen %.1f ms, define %.1f ms%n",
                name, joint.size(), gc.stats().chunkMethods(), gc.stats().largestMethod(), gc.stats().scratchSize(),
                (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        for (Schedule sc : gc.schedules()) {
            System.err.printf("  %s: %d statements, %d chunks, %d values through scratch, %d statements skipped on a zero guard%n",
                    sc.group(), sc.statementCount(), sc.chunkCount(), sc.crossingValues(), sc.regionStatements());
        }
        long warmLossUntil = System.nanoTime() + warmSeconds * 1_000_000_000L;
        while (System.nanoTime() < warmLossUntil) sink += m.loss(params, inputs, targets, 0, n, scratch);
        double bestF = Double.MAX_VALUE;
        for (int run = 0; run < 20; run++) {
            long s = System.nanoTime();
            int reps = 0;
            do {
                sink += m.loss(params, inputs, targets, 0, n, scratch);
                reps++;
            } while (System.nanoTime() - s < 100_000_000L);
            bestF = Math.min(bestF, (System.nanoTime() - s) / (double) reps / n);
        }
        System.err.printf("%s: loss only per example: compiled %.1f ns%n", name, bestF);
        // big models: let C2 finish every chunk first (PrintCompilation shows when it does)
        long warmUntil = System.nanoTime() + warmSeconds * 1_000_000_000L;
        while (System.nanoTime() < warmUntil) sink += m.lossAndGradient(params, inputs, targets, 0, n, grad, scratch);
        // compiled: one call per batch of 100 examples
        double best = Double.MAX_VALUE;
        for (int run = 0; run < 40; run++) {
            long s = System.nanoTime();
            int reps = 0;
            do {
                sink += m.lossAndGradient(params, inputs, targets, 0, n, grad, scratch);
                reps++;
            } while (System.nanoTime() - s < 100_000_000L);
            best = Math.min(best, (System.nanoTime() - s) / (double) reps / n);
        }
        // interpreter: evaluate the joint graph per example and add the gradient outputs
        List<Output> grads = joint.outputs(OutputKind.GRAD);
        int loss = joint.output(OutputKind.LOSS).node();
        double bestI = Double.MAX_VALUE;
        for (int run = 0; run < 15; run++) {
            long s = System.nanoTime();
            int reps = 0;
            do {
                double l = 0;
                for (int e = 0; e < n; e++) {
                    double[] v = Interpreter.run(joint, params, inputs, e * in, targets, e * tg, null);
                    l += v[loss];
                    for (Output o : grads) grad[o.element()] += v[o.node()];
                }
                sink += l;
                reps++;
            } while (System.nanoTime() - s < 200_000_000L);
            bestI = Math.min(bestI, (System.nanoTime() - s) / (double) reps / n);
        }
        System.err.printf("%s: loss+gradient per example: compiled %.1f ns, interpreter %.1f ns, ratio %.1fx%n",
                name, best, bestI, bestI / best);
    }

    /**
     * A guarded random graph whose loss adds up every node, so that the whole graph is in the loss's cone
     * (in plain random graphs most nodes are dead for the loss).
     */
    static Graph denseRandom(long seed, int ops) {
        Graph f = RandomGraphs.generate(seed, ops, true);
        mgc.compiler.ir.GraphBuilder g = mgc.compiler.ir.GraphBuilder.extending(f);
        int sum = f.output(OutputKind.LOSS).node();
        for (int n = 0; n < f.size(); n++) if (!f.op(n).isLeaf()) sum = g.add(sum, n);
        for (Output o : f.outputs()) g.output(o.kind() == OutputKind.LOSS ? o.withNode(sum) : o);
        return g.build();
    }

    static void warmup(int ops, CodegenOptions options, long limit) {
        long t0 = System.nanoTime();
        Graph joint = TestModels.joint(denseRandom(12345, ops));
        long t1 = System.nanoTime();
        GeneratedClass gc = CodeGenerator.generate(joint, joint.signature(), options);
        long t2 = System.nanoTime();
        CompiledModel m = ModelLoader.define(gc, joint.signature());
        long t3 = System.nanoTime();
        Schedule lg = gc.schedules().get(MethodGroup.LOSS_AND_GRADIENT.ordinal());
        System.err.printf("random graph ops=%d: joint %d nodes, lossAndGradient %d statements in %d chunks (%d values through scratch), "
                        + "%d methods in class, class %d KB; build %.0f ms, codegen %.0f ms, define %.0f ms%n",
                ops, joint.size(), lg.statementCount(), lg.chunkCount(), lg.crossingValues(), gc.stats().methodCount(),
                gc.bytes().length / 1024, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
        double[] params = {0.3, -0.7, 0.9, 0.1}, inputs = {0.5, -0.25}, targets = {0.75};
        double[] grad = new double[4], scratch = m.newScratch();
        int max = 2_000_000;
        long[] at = new long[max];
        long[] took = new long[max];
        long firstCallUptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        long start = System.nanoTime();
        int calls = 0;
        while (calls < max) {
            long s = System.nanoTime();
            sink += m.lossAndGradient(params, inputs, targets, 0, 1, grad, scratch);
            long e = System.nanoTime();
            at[calls] = e - start;
            took[calls++] = e - s;
            if (e - start > limit) break;
        }
        long[] tail = Arrays.copyOfRange(took, calls * 9 / 10, calls);
        Arrays.sort(tail);
        long steady = tail[tail.length / 2];
        // steady state reached: the first window of 100 calls whose median is within 1.5x of the steady median
        int reached = -1;
        for (int i = 0; i + 100 <= calls && reached < 0; i += 100) {
            long[] w = Arrays.copyOfRange(took, i, i + 100);
            Arrays.sort(w);
            if (w[50] <= steady * 3 / 2) reached = i;
        }
        System.err.printf("  first call %.1f ms at JVM uptime %d ms; steady %.1f us/call (%.2f ns/statement) reached after %.2f s (%d calls); "
                        + "%d calls in %.1f s%n", took[0] / 1e6, firstCallUptime, steady / 1e3, steady / (double) lg.statementCount(),
                at[Math.max(reached, 0)] / 1e9, reached, calls, at[calls - 1] / 1e9);
    }
}
