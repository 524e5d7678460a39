package org.guichet.rules.engine;

import java.math.BigDecimal;

/**
 * The size of a number that a scheme file or an answer may hold. A number such as 1e20000000 is a few characters
 * to write and seconds of CPU and megabytes to expand (into an integer, a plain string, a text "{parameter}", a
 * rounding): it is refused from its precision and scale, which cost nothing to read, before any arithmetic. Found by
 * fuzzing (docs/fuzzing.md).
 */
public final class Figures {
    /** Digits before the decimal mark: euros, hours, bytes, counts; 10^18 is far beyond any of them. */
    public static final int MAX_INTEGER_DIGITS = 18;
    /** Digits after the decimal mark (trailing zeros aside). */
    public static final int MAX_DECIMALS = 12;
    /**
     * Characters of a number written as text. Parsing is quadratic: 100,000 digits take 0.6 s, a million 44 s
     * (measured here, Java 17); stripping the zeros of 100,000 decimals 11 s.
     */
    public static final int MAX_TEXT = 100;

    private Figures() { }

    /** True when {@code d} has at most {@value #MAX_INTEGER_DIGITS} digits before the mark. */
    public static boolean notTooLarge(BigDecimal d) {
        return d.signum() == 0 || (long) d.precision() - d.scale() <= MAX_INTEGER_DIGITS;
    }

    /**
     * {@code d} with at most {@value #MAX_DECIMALS} decimals (trailing zeros dropped when there are more: 1.50000…0
     * is 1.5; a zero of any scale is 0), or null when it has more true decimals than that. Call after
     * {@link #notTooLarge}.
     */
    public static BigDecimal withFewDecimals(BigDecimal d) {
        if (d.signum() == 0) {
            return d.scale() < 0 || d.scale() > MAX_DECIMALS ? BigDecimal.ZERO : d;
        }
        if (d.scale() <= MAX_DECIMALS) {
            return d;
        }
        if ((long) d.scale() > MAX_DECIMALS + MAX_INTEGER_DIGITS + 1_000L) {
            return null; // not worth stripping: too many true decimals whatever the zeros
        }
        BigDecimal stripped = d.stripTrailingZeros();
        return stripped.scale() > MAX_DECIMALS ? null : stripped;
    }

    /** {@code d} bounded as above, or null when it is too large or too precise. */
    public static BigDecimal reasonable(BigDecimal d) {
        return notTooLarge(d) ? withFewDecimals(d) : null;
    }

    /** The number written in {@code text} (already cleaned of spaces), or null when it is too long to be one. */
    public static BigDecimal parse(String text) throws NumberFormatException {
        if (text.length() > MAX_TEXT) {
            throw new NumberFormatException("longer than " + MAX_TEXT + " characters");
        }
        return new BigDecimal(text);
    }

    /** For messages. */
    public static String limits() {
        return "at most " + MAX_INTEGER_DIGITS + " digits before the decimal mark and " + MAX_DECIMALS + " after";
    }
}
