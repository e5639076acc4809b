package mgc.bench.ab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import mgc.bench.Implementations;
import mgc.bench.LossGradient;
import mgc.bench.workload.Workload;
import mgc.bench.workload.Workloads;

/**
 * Implementations of one benchmark workload in one JVM, in alternating rounds (as {@link AbStep} alternates builds):
 * each round times every implementation for {@link #ROUND_NANOS} of loss-and-gradient calls over the workload's
 * examples, and the report gives each one's median time per example and the median and quartiles of its per-round
 * ratio to the first one. This is how {@code --kernels auto}'s per-op split was measured against kernels everywhere:
 * {@code java --add-modules jdk.incubator.vector -Xms2g -Xmx2g -cp bench/target/benchmarks.jar mgc.bench.ab.AbImpl
 * mlp64 21 mgc mgc-loops hand}. Implementations as the benchmarks' {@code impl} parameter names them.
 */
public final class AbImpl {

    static final long ROUND_NANOS = 300_000_000L;
    static final int WARM_UP_ROUNDS = 3;

    private static volatile double sink;

    private AbImpl() {}

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: AbImpl WORKLOAD ROUNDS IMPL IMPL...   (e.g. mlp64 21 mgc mgc-loops hand)");
            System.exit(2);
        }
        Workload w = null;
        for (Workload.Kind k : Workload.Kind.values()) if (k.id().equals(args[0])) w = Workloads.of(k);
        if (w == null) fail("no workload `" + args[0] + "`; one of " + Arrays.stream(Workload.Kind.values()).map(Workload.Kind::id).toList());
        int rounds = 0;
        try {
            rounds = Integer.parseInt(args[1]);
        } catch (NumberFormatException e) {
            fail("ROUNDS must be a whole number, not `" + args[1] + "`");
        }
        if (rounds < 1) fail("ROUNDS must be at least 1");
        List<String> names = Arrays.asList(args).subList(2, args.length);
        List<LossGradient> impls = new ArrayList<>();
        for (String name : names) {
            try {
                impls.add(Implementations.create(name, w));
            } catch (IllegalArgumentException e) {
                fail(e.getMessage());
            }
        }
        double[] params = w.copyOfInitialParams(), grad = new double[params.length];
        int n = impls.size();
        double[][] ns = new double[n][rounds];
        for (int r = -WARM_UP_ROUNDS; r < rounds; r++)
            for (int i = 0; i < n; i++) {
                int k = Math.floorMod(r + i, n);   // each implementation goes first in turn
                LossGradient m = impls.get(k);
                long t0 = System.nanoTime(), calls = 0;
                while (System.nanoTime() - t0 < ROUND_NANOS) {
                    sink += m.lossAndGradient(params, w.inputs(), w.targets(), 0, w.examples(), grad);
                    calls++;
                }
                if (r >= 0) ns[k][r] = (System.nanoTime() - t0) / ((double) calls * w.examples());
            }
        System.out.printf("%s, %d examples per call, %d rounds%n", w.kind().id(), w.examples(), rounds);
        Rounds[] summary = Rounds.of(ns);
        for (int i = 0; i < n; i++) {
            Rounds s = summary[i];
            System.out.printf("%-14s median %9.1f ns/example  vs first: %.3f [%.3f .. %.3f]%n", names.get(i), s.median(),
                    s.ratio(), s.ratioQ1(), s.ratioQ3());
        }
    }

    private static void fail(String message) {
        System.err.println("AbImpl: " + message);
        System.exit(2);
    }
}
