package org.guichet.rules.facts;

import java.math.BigDecimal;
import java.util.Objects;
import org.kie.api.definition.type.ClassReactive;

/**
 * One row of a bracket table ({@code parameters/<table>.csv}): a range of numbers and the value that goes with it.
 * A blank bound is unbounded. Rules find the row of a number with
 * {@code Bracket(table == "mobility-by-km", covers($km), $amount : value)}.
 * The method is not called contains/matches/memberOf because those are DRL operators.
 */
// never modified: class reactivity is exact and keeps Drools from warning about covers($x)
@ClassReactive
public final class Bracket {
    private final String table;
    private final BigDecimal lower;
    private final boolean lowerInclusive;
    private final BigDecimal upper;
    private final boolean upperInclusive;
    private final BigDecimal value;

    public Bracket(String table, BigDecimal lower, boolean lowerInclusive, BigDecimal upper, boolean upperInclusive,
            BigDecimal value) {
        this.table = Objects.requireNonNull(table);
        this.lower = lower;
        this.lowerInclusive = lowerInclusive;
        this.upper = upper;
        this.upperInclusive = upperInclusive;
        this.value = Objects.requireNonNull(value);
    }

    /** True when {@code number} falls in this bracket; a missing number (null) falls in none. */
    public boolean covers(Number number) {
        if (number == null) {
            return false;
        }
        BigDecimal n = Functions.decimal(number);
        if (lower != null) {
            int c = n.compareTo(lower);
            if (c < 0 || (c == 0 && !lowerInclusive)) {
                return false;
            }
        }
        if (upper != null) {
            int c = n.compareTo(upper);
            return c < 0 || (c == 0 && upperInclusive);
        }
        return true;
    }

    public String getTable() { return table; }

    public BigDecimal getLower() { return lower; }

    public boolean isLowerInclusive() { return lowerInclusive; }

    public BigDecimal getUpper() { return upper; }

    public boolean isUpperInclusive() { return upperInclusive; }

    public BigDecimal getValue() { return value; }

    @Override public String toString() {
        return "Bracket[" + table + " " + (lower == null ? "(-inf" : (lowerInclusive ? "[" : "(") + lower.toPlainString())
                + ", " + (upper == null ? "+inf)" : upper.toPlainString() + (upperInclusive ? "]" : ")"))
                + " -> " + value.toPlainString() + "]";
    }
}
