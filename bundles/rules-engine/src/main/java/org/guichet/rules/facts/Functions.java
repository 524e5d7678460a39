package org.guichet.rules.facts;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Period;

/**
 * The small set of helpers rules may call, after {@code import function org.guichet.rules.facts.Functions.age;}
 * (one line per helper). They are null-safe where a null answer is a normal case.
 */
public final class Functions {
    private Functions() { }

    /** Age in full years on {@code atDate}: a person born on 2001-03-10 is 25 on 2026-03-10, 24 the day before. */
    public static int age(LocalDate birthDate, LocalDate atDate) {
        if (birthDate == null || atDate == null) {
            throw new IllegalArgumentException("age needs a birth date and a date");
        }
        return Period.between(birthDate, atDate).getYears();
    }

    /** {@code dividend ÷ divisor}, rounded down to a whole number. Exact: no intermediate rounding. */
    public static BigDecimal floorDiv(Number dividend, Number divisor) {
        return decimal(dividend).divide(decimal(divisor), 0, RoundingMode.FLOOR);
    }

    /**
     * {@code dividend ÷ divisor1 ÷ divisor2}, rounded down to a whole number, exactly (no intermediate rounding):
     * the monthly family quotient is {@code floorDiv(income, 12, shares)}. Fixed arities rather than varargs,
     * which MVEL conditions do not resolve.
     */
    public static BigDecimal floorDiv(Number dividend, Number divisor1, Number divisor2) {
        return decimal(dividend).divide(decimal(divisor1).multiply(decimal(divisor2)), 0, RoundingMode.FLOOR);
    }

    /** The smaller of two numbers, as a decimal. */
    public static BigDecimal min(Number a, Number b) {
        BigDecimal x = decimal(a);
        BigDecimal y = decimal(b);
        return x.compareTo(y) <= 0 ? x : y;
    }

    /** The larger of two numbers, as a decimal. */
    public static BigDecimal max(Number a, Number b) {
        BigDecimal x = decimal(a);
        BigDecimal y = decimal(b);
        return x.compareTo(y) >= 0 ? x : y;
    }

    /** Any number as an exact decimal (doubles through their shortest decimal form: 1299.99 stays 1299.99). */
    public static BigDecimal decimal(Number n) {
        if (n == null) {
            throw new IllegalArgumentException("missing number");
        }
        if (n instanceof BigDecimal b) {
            return b;
        }
        if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (n instanceof Double || n instanceof Float) {
            return BigDecimal.valueOf(n.doubleValue());
        }
        return BigDecimal.valueOf(n.longValue());
    }
}
