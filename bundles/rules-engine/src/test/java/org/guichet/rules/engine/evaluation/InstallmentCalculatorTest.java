package org.guichet.rules.engine.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.guichet.api.scheme.Installment;
import org.junit.jupiter.api.Test;

/** Installments: one per calendar month touched, prorated by days, rounded half-up to the cent. */
class InstallmentCalculatorTest {
    private static Map<String, String> prorata(String monthly, String start, String end) {
        List<Installment> list = InstallmentCalculator.monthlyProrata(new BigDecimal(monthly), LocalDate.parse(start),
                LocalDate.parse(end));
        Map<String, String> out = new TreeMap<>();
        list.forEach(i -> out.put(i.period(), i.amount().toPlainString()));
        return out;
    }

    @Test
    void theSpecificationExample() {
        Map<String, String> got = prorata("470", "2026-09-14", "2027-02-26");
        assertEquals(Map.of("2026-09", "266.33", "2026-10", "470.00", "2026-11", "470.00", "2026-12", "470.00",
                "2027-01", "470.00", "2027-02", "436.43"), got);
        assertEquals(new BigDecimal("2582.76"), InstallmentCalculator.total(
                InstallmentCalculator.monthlyProrata(new BigDecimal("470"), LocalDate.parse("2026-09-14"),
                        LocalDate.parse("2027-02-26"))));
    }

    @Test
    void monthEndsAndLengths() {
        assertEquals(Map.of("2026-01", "470.00"), prorata("470", "2026-01-01", "2026-01-31"));
        assertEquals(Map.of("2026-04", "470.00"), prorata("470", "2026-04-01", "2026-04-30"));
        assertEquals(Map.of("2026-04", "15.67"), prorata("470", "2026-04-30", "2026-04-30"), "one day of 30");
        assertEquals(Map.of("2026-01", "15.16", "2026-02", "16.79"), prorata("470", "2026-01-31", "2026-02-01"),
                "one day of 31 then one day of 28");
    }

    @Test
    void februaryOfLeapAndCommonYears() {
        assertEquals(Map.of("2028-02", "470.00"), prorata("470", "2028-02-01", "2028-02-29"));
        assertEquals(Map.of("2028-02", "453.79"), prorata("470", "2028-02-01", "2028-02-28"), "28/29");
        assertEquals(Map.of("2027-02", "470.00"), prorata("470", "2027-02-01", "2027-02-28"));
        assertEquals(Map.of("2028-02", "16.21"), prorata("470", "2028-02-29", "2028-02-29"), "1/29 = 16.206");
        assertEquals(Map.of("2100-02", "470.00"), prorata("470", "2100-02-01", "2100-02-28"), "2100 is not leap");
    }

    @Test
    void crossingAYear() {
        assertEquals(Map.of("2026-12", "257.74", "2027-01", "151.61"), prorata("470", "2026-12-15", "2027-01-10"));
    }

    @Test
    void roundingIsHalfUpOnTheExactProduct() {
        // 0.05 × 15/30 = 0.025 exactly: half-up gives 0.03 where half-even would give 0.02
        assertEquals(Map.of("2026-06", "0.03"), prorata("0.05", "2026-06-01", "2026-06-15"));
        // 100 × 1/30 = 3.333…: a rounded daily rate (3.33 × 1) would give the same, but 100 × 29/30 = 96.666… → 96.67
        // where 3.33 × 29 = 96.57: the product is rounded once, not the daily rate
        assertEquals(Map.of("2026-06", "96.67"), prorata("100", "2026-06-01", "2026-06-29"));
    }

    @Test
    void onceIsTheWholeAmountInTheMonthOfTheDate() {
        assertEquals(List.of(new Installment("2026-03", new BigDecimal("1299.99"))),
                InstallmentCalculator.once(new BigDecimal("1299.99"), LocalDate.parse("2026-03-31")));
        assertEquals(List.of(new Installment("2026-03", new BigDecimal("1300.00"))),
                InstallmentCalculator.once(new BigDecimal("1299.995"), LocalDate.parse("2026-03-01")));
    }
}
