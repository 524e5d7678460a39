package org.guichet.rules.engine.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.guichet.api.scheme.Installment;

/** Turns an amount and a schedule into installments by calendar month. All amounts to the cent. */
public final class InstallmentCalculator {
    private InstallmentCalculator() { }

    /**
     * One installment per calendar month touched from {@code start} to {@code end} (both days included):
     * monthly × (days of the month covered ÷ days in the month), rounded half-up to the cent.
     */
    public static List<Installment> monthlyProrata(BigDecimal monthly, LocalDate start, LocalDate end) {
        List<Installment> out = new ArrayList<>();
        for (YearMonth m = YearMonth.from(start); !m.isAfter(YearMonth.from(end)); m = m.plusMonths(1)) {
            LocalDate first = start.isAfter(m.atDay(1)) ? start : m.atDay(1);
            LocalDate last = end.isBefore(m.atEndOfMonth()) ? end : m.atEndOfMonth();
            long days = last.toEpochDay() - first.toEpochDay() + 1;
            // multiply before dividing: 470 × 17 / 30 = 266.333… → 266.33, with a single rounding
            BigDecimal amount = monthly.multiply(BigDecimal.valueOf(days))
                    .divide(BigDecimal.valueOf(m.lengthOfMonth()), 2, RoundingMode.HALF_UP);
            out.add(new Installment(m.toString(), amount));
        }
        return List.copyOf(out);
    }

    /** The whole amount in the month of {@code date}. */
    public static List<Installment> once(BigDecimal amount, LocalDate date) {
        return List.of(new Installment(YearMonth.from(date).toString(), amount.setScale(2, RoundingMode.HALF_UP)));
    }

    public static BigDecimal total(List<Installment> installments) {
        return installments.stream().map(Installment::amount).reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }
}
