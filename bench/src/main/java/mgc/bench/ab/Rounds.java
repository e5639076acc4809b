package mgc.bench.ab;

import java.util.Arrays;

/** What an alternating A/B run reports per contender: its median time, and its per-round ratio to the first one. */
record Rounds(double median, double ratio, double ratioQ1, double ratioQ3) {

    /** {@code times[i][r]}: contender i's time in round r (the same unit for all). */
    static Rounds[] of(double[][] times) {
        int n = times.length, rounds = times[0].length;
        Rounds[] out = new Rounds[n];
        for (int i = 0; i < n; i++) {
            double[] ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) ratio[r] = times[i][r] / times[0][r];
            double[] t = times[i].clone();
            Arrays.sort(t);
            Arrays.sort(ratio);
            out[i] = new Rounds(t[rounds / 2], ratio[rounds / 2], ratio[rounds / 4], ratio[(3 * rounds) / 4]);
        }
        return out;
    }
}
