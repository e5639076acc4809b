package mgc.compiler.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import mgc.compiler.interp.Interpreter;
import mgc.compiler.ir.Graph;
import mgc.compiler.ir.IrPrinter;
import mgc.compiler.ir.OutputKind;
import mgc.runtime.ModelSignature;

/**
 * {@code mgc check}: compares every analytic gradient element ({@code grad}, {@code grad_penalty})
 * with a finite difference of the loss (the penalty) at a few random points.
 *
 * <p><b>Numeric derivative.</b> Per element, {@link CentralDifference}: central differences at
 * steps h, h/2, h/4 ({@code h = 1e-4 * max(1, |θ_i|)}) extrapolated to O(h⁶), with a conservative
 * error estimate e (the spread of the plain differences, plus a rounding bound of
 * {@code 512 ε max(1, |f|) / h}). On smooth models e is about 4e-10 |f'''| + 1e-9 max(1, |f|).
 *
 * <p><b>Relative error.</b> The part of the discrepancy that the numeric derivative's own
 * uncertainty does not explain, relative to the larger of the two values:
 * {@code max(0, |a - n| - e) / max(|a|, |n|)} (0 when a = n, infinite when either is non-finite
 * and they differ, or when e is not finite). A wrong derivative rule shows up at its own relative
 * size (a 1e-5 relative bug reads 1e-5); a correct gradient reads 0 or a few ulps above e.
 *
 * <p><b>Kinks.</b> A finite difference is only compared when the six perturbed points lie on the
 * same piece of the graph as the point itself: every relu, abs, min, max, comparison and select that
 * the loss (the penalty) depends on takes the same branch there (the interpreter decides this on the
 * forward graph), and where the function is finite at all six. Other elements are counted as
 * skipped; a check that compared nothing has not passed.
 */
public final class GradientCheck {
    private GradientCheck() {}

    /** Points are drawn around the initial parameters with this relative spread. */
    static final double SPREAD = 0.1;
    /** How many of the worst elements a result keeps. */
    static final int WORST = 10;

    /**
     * Number of random points, the seed that draws them, the largest relative error that passes, and
     * how many parameter elements to check at each point (a fresh random sample per point; 0 = all —
     * every element costs 6 evaluations of the loss, so large models are checked on a sample).
     */
    public record Options(int points, long seed, double tol, int sample) {
        public Options {
            if (points < 1) throw new IllegalArgumentException("points must be at least 1");
            if (!(tol > 0)) throw new IllegalArgumentException("tol must be positive");
            if (sample < 0) throw new IllegalArgumentException("sample must not be negative");
        }

        /** Every element at each point. */
        public Options(int points, long seed, double tol) {
            this(points, seed, tol, 0);
        }

        /** 5 points, seed 1, tolerance 1e-6, every element. */
        public static Options defaults() { return new Options(5, 1L, 1e-6); }
    }

    /**
     * One compared element at one point ({@code grad W1[0,1]} or {@code grad_penalty b3}): the analytic
     * value, the numeric one and its error estimate, and the relative error.
     */
    public record Comparison(String name, int point, double analytic, double numeric, double numericError,
                           double relativeError) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s at point %d: analytic %.17g, numeric %.17g ± %.1e, relative error %.3e",
                    name, point, analytic, numeric, numericError, relativeError);
        }
    }

    /**
     * The outcome: the largest relative error, how many gradient elements are checked at each point
     * (grad and grad_penalty), the number of points, how many comparisons were made and how many skipped (straddling a kink, or f not
     * finite), the worst {@value #WORST} comparisons (largest error first) and the tolerance.
     */
    public record Result(double maxRelativeError, int gradients, int points, int compared, int skipped,
                         List<Comparison> worst, double tol) {
        public Result {
            worst = List.copyOf(worst);
        }

        public boolean passed() { return maxRelativeError <= tol && (compared > 0 || gradients == 0); }

        /** {@code max relative error: 3.12e-10 over 674 gradients at 5 points}. */
        public String summary() {
            return String.format(Locale.ROOT, "max relative error: %.2e over %d gradients at %d points",
                    maxRelativeError, gradients, points);
        }
    }

    /** Checks the joint graph's gradients with the reference interpreter. */
    public static Result run(Graph forward, Graph joint, Options options, ValueSource source) {
        return run(forward, options, source, ModelEvaluator.interpreted(forward, joint));
    }

    /**
     * Checks the gradients that {@code model} computes against finite differences of its own loss and
     * penalty; {@code forward} (interpreted) decides which differences straddle a kink.
     */
    public static Result run(Graph forward, Options options, ValueSource source, ModelEvaluator model) {
        ModelSignature sig = forward.signature();
        int p = sig.paramSize();
        double[] init = source.initialParams();
        if (init.length != p) throw new IllegalArgumentException("expected " + p + " parameters, got " + init.length);
        boolean[] lossCone = Branches.cone(forward, forward.output(OutputKind.LOSS).node());
        boolean[] penaltyCone = Branches.cone(forward, forward.output(OutputKind.PENALTY).node());
        SplittableRandom random = new SplittableRandom(options.seed());
        Worst worst = new Worst();
        int compared = 0, skipped = 0;
        int checked = options.sample() == 0 ? p : Math.min(p, options.sample());
        int[] order = new int[p];
        for (int i = 0; i < p; i++) order[i] = i;
        for (int k = 0; k < options.points(); k++) {
            double[] theta = new double[p];
            for (int i = 0; i < p; i++) theta[i] = init[i] + random.nextDouble(-SPREAD, SPREAD) * Math.max(1.0, Math.abs(init[i]));
            double[] x = orRandom(source.inputs(k), sig.inputSize(), random);
            double[] y = orRandom(source.targets(k), sig.targetSize(), random);
            ModelEvaluator.Evaluation e = model.evaluate(theta, x, y);
            double[] center = Interpreter.run(forward, theta, x, y, null);
            for (int c = 0; c < checked; c++) {
                int i = c;
                if (checked < p) {  // a partial Fisher-Yates shuffle draws the sample
                    int j = c + random.nextInt(p - c);
                    i = order[j];
                    order[j] = order[c];
                    order[c] = i;
                }
                double[] moved = CentralDifference.points(theta[i]);
                double[] losses = new double[moved.length], penalties = new double[moved.length];
                boolean lossSmooth = true, penaltySmooth = true;
                for (int s = 0; s < moved.length; s++) {
                    double[] t = theta.clone();
                    t[i] = moved[s];
                    double[] v = Interpreter.run(forward, t, x, y, null);
                    lossSmooth &= Branches.same(forward, lossCone, center, v);
                    penaltySmooth &= Branches.same(forward, penaltyCone, center, v);
                    double[] values = model.lossAndPenalty(t, x, y);
                    losses[s] = values[0];
                    penalties[s] = values[1];
                    lossSmooth &= Double.isFinite(losses[s]);
                    penaltySmooth &= Double.isFinite(penalties[s]);
                }
                String element = IrPrinter.elementName(sig.params(), i);
                if (lossSmooth) {
                    worst.offer(OutputKind.GRAD.text() + " " + element, k, e.lossGradient()[i],
                            CentralDifference.estimate(moved, losses));
                    compared++;
                } else {
                    skipped++;
                }
                if (penaltySmooth) {
                    worst.offer(OutputKind.GRAD_PENALTY.text() + " " + element, k, e.penaltyGradient()[i],
                            CentralDifference.estimate(moved, penalties));
                    compared++;
                } else {
                    skipped++;
                }
            }
        }
        return new Result(worst.max, 2 * checked, options.points(), compared, skipped, worst.sorted(), options.tol());
    }

    /** {@code max(0, |a - n| - e) / max(|a|, |n|)}, as the class comment defines it. */
    public static double relativeError(double analytic, CentralDifference.Estimate numeric) {
        double n = numeric.value(), e = numeric.error();
        if (Double.compare(analytic, n) == 0) return 0.0;
        if (!Double.isFinite(analytic) || !Double.isFinite(n) || !Double.isFinite(e)) return Double.POSITIVE_INFINITY;
        double excess = Math.abs(analytic - n) - e;
        return excess <= 0 ? 0.0 : excess / Math.max(Math.abs(analytic), Math.abs(n));
    }

    private static double[] orRandom(double[] given, int size, SplittableRandom random) {
        if (given != null) {
            if (given.length != size) throw new IllegalArgumentException("expected " + size + " values, got " + given.length);
            return given;
        }
        double[] r = new double[size];
        for (int i = 0; i < size; i++) r[i] = random.nextDouble(-1.0, 1.0);
        return r;
    }

    /** The largest error seen and the {@value #WORST} worst comparisons. */
    private static final class Worst {
        final PriorityQueue<Comparison> heap = new PriorityQueue<>(Comparator.comparingDouble(Comparison::relativeError));
        double max = 0.0;

        void offer(String name, int point, double analytic, CentralDifference.Estimate numeric) {
            double r = relativeError(analytic, numeric);
            max = Math.max(max, r);
            heap.add(new Comparison(name, point, analytic, numeric.value(), numeric.error(), r));
            if (heap.size() > WORST) heap.poll();
        }

        List<Comparison> sorted() {
            List<Comparison> l = new ArrayList<>(heap);
            l.sort(Comparator.comparingDouble(Comparison::relativeError).reversed());
            return l;
        }
    }
}
