package org.guichet.rules.facts;

import java.time.LocalDate;
import org.kie.api.runtime.rule.RuleContext;

/**
 * When the amount is paid. {@code MONTHLY_PRORATA}: one installment per calendar month from {@code start} to
 * {@code end} (both days included), each month paid in proportion of its days covered; {@code ONCE}: the whole
 * amount in the month of {@code start}.
 */
public final class Schedule {
    public enum Kind { MONTHLY_PRORATA, ONCE }

    private final Kind kind;
    private final LocalDate start;
    private final LocalDate end;
    private final String rule;

    private Schedule(Kind kind, LocalDate start, LocalDate end, String rule) {
        if (start == null || end == null) {
            throw new IllegalArgumentException("a schedule needs its dates");
        }
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("a schedule cannot end (" + end + ") before it starts (" + start + ")");
        }
        this.kind = kind;
        this.start = start;
        this.end = end;
        this.rule = rule;
    }

    /** Monthly installments from start to end, both days included, prorated by days in partial months. */
    public static Schedule monthlyProrata(RuleContext drools, LocalDate start, LocalDate end) {
        return new Schedule(Kind.MONTHLY_PRORATA, start, end, RuleNames.of(drools));
    }

    /** A single installment in the month of {@code date}. */
    public static Schedule once(RuleContext drools, LocalDate date) {
        return new Schedule(Kind.ONCE, date, date, RuleNames.of(drools));
    }

    public Kind getKind() { return kind; }

    public LocalDate getStart() { return start; }

    public LocalDate getEnd() { return end; }

    public String getRule() { return rule; }

    @Override public String toString() { return "Schedule[" + kind + " " + start + ".." + end + " by " + rule + "]"; }
}
