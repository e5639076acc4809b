package mgc.compiler.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;

/**
 * How many cases a property really compared (not skipped at a kink, a singularity or a non-finite
 * value), so that a property whose comparisons were all skipped fails instead of passing.
 * A case counts as compared when it made at least one comparison.
 */
public final class ComparedCases {
    private final String property;
    private int cases, compared;
    private long comparisons, skipped;

    public ComparedCases(String property) {
        this.property = property;
    }

    /** One case that made {@code made} comparisons and skipped {@code skippedHere}. */
    public void record(int made, int skippedHere) {
        cases++;
        if (made > 0) compared++;
        comparisons += made;
        skipped += skippedHere;
    }

    /** One case skipped whole. */
    public void skip() {
        record(0, 0);
    }

    /**
     * Asserts that some case was compared and that at least {@code minFraction} of the cases were;
     * the message (and the line printed either way) gives the counts.
     */
    public void assertComparedAtLeast(double minFraction) {
        System.out.println(this);
        assertTrue(compared > 0 && compared >= minFraction * cases,
                () -> this + "; at least " + Math.round(100 * minFraction) + "% of the cases must be compared");
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: %d of %d cases compared (%d comparisons made, %d skipped)",
                property, compared, cases, comparisons, skipped);
    }
}
