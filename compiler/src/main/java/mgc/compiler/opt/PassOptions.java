package mgc.compiler.opt;

import java.util.Set;

/**
 * How the optimiser runs.
 *
 * @param level     0 runs no pass; 2 (the default) runs them all
 * @param disabled  names of passes to skip
 * @param fastMath  also apply rewrites that may change the sign of a zero result, the last bits of
 *                  a rounded result, or a result that overflows only for huge operands
 *                  ({@code exp(log x) = x}, {@code (x*a)*b = x*(a*b)}, {@code x*0 = 0}, {@code x/c = x*(1/c)})
 * @param stopAfter the name of the last pass to run, or null to run the whole list
 * @param verify    run the IR verifier after every pass
 */
public record PassOptions(int level, Set<String> disabled, boolean fastMath, String stopAfter, boolean verify) {

    public static final PassOptions DEFAULT = new PassOptions(2, Set.of(), false, null, false);

    public PassOptions {
        if (level != 0 && level != 2) throw new IllegalArgumentException("optimisation level must be 0 or 2, not " + level);
        disabled = disabled == null ? Set.of() : Set.copyOf(disabled);
    }

    public PassOptions withLevel(int newLevel) { return new PassOptions(newLevel, disabled, fastMath, stopAfter, verify); }

    public PassOptions withDisabled(Set<String> names) { return new PassOptions(level, names, fastMath, stopAfter, verify); }

    public PassOptions withFastMath(boolean on) { return new PassOptions(level, disabled, on, stopAfter, verify); }

    public PassOptions withStopAfter(String pass) { return new PassOptions(level, disabled, fastMath, pass, verify); }

    public PassOptions withVerify(boolean on) { return new PassOptions(level, disabled, fastMath, stopAfter, on); }
}
