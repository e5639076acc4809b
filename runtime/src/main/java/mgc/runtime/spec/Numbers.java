package mgc.runtime.spec;

import java.util.regex.Pattern;

/** Strict decimal numbers: what a user types, not everything {@link Double#parseDouble} accepts. */
public final class Numbers {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");

    private Numbers() { }

    /** True for an optionally signed whole number that fits a long comfortably. */
    public static boolean isInteger(String s) {
        return INTEGER.matcher(s).matches();
    }

    /** True for {@code 1}, {@code -2.5}, {@code .5}, {@code 1e-8}; false for NaN, Infinity, hex, {@code 1d}, spaces. */
    public static boolean isDecimal(String s) {
        return DECIMAL.matcher(s).matches();
    }
}
