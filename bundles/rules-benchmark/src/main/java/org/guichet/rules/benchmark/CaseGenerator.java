package org.guichet.rules.benchmark;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Valid answers to the vocational-training form, generated deterministically (java.util.Random, whose algorithm
 * the JDK specifies, with a fixed seed: the same cases on every machine and JDK). The answers have the types JSON
 * decoding gives (dates as strings, Integer, Double for fractional shares).
 *
 * <p>About 58 % are eligible; every reason appears alone and combined with others; the ages straddle 26 (the day
 * before, of and after the 26th birthday, and 29 February birthdays); the family quotients hit both sides of every
 * bracket bound and the inside of every bracket, with whole, half and quarter shares; the distances hit both sides
 * of every mobility bound; single parents and family breakdowns (under and over 26) are frequent; trainings touch
 * 1 to 24 calendar months, starting any day from 2025 to 2028 (two leap Februaries), some on the first or last day
 * of a month.
 */
public final class CaseGenerator {
    public static final long SEED = 20_260_914L;
    public static final int DEFAULT_COUNT = 10_000;

    private static final String[] ELIGIBLE_PROGRAMMES =
            {"PREPA_AVENIR", "PREPA_PROJET", "PREPA_CLES", "QUALIF_EMPLOI", "BRETON_LANGUAGE"};
    private static final int[] QF_EDGES = {0, 1, 399, 400, 401, 699, 700, 701, 999, 1000, 1001, 1499, 1500, 1501};
    private static final int[] KM_EDGES = {0, 4, 5, 19, 20, 39, 40};
    private static final double[] SHARES = {1, 1.25, 1.5, 1.75, 2, 2.5, 3, 3.5, 4, 5};
    private static final LocalDate FIRST_START = LocalDate.of(2025, 1, 1);
    private static final int START_DAYS = (int) (LocalDate.of(2028, 12, 31).toEpochDay() - FIRST_START.toEpochDay());

    private CaseGenerator() { }

    public static List<Map<String, Object>> generate(int count, long seed) {
        Random r = new Random(seed);
        List<Map<String, Object>> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(Collections.unmodifiableMap(one(r)));
        }
        return Collections.unmodifiableList(out);
    }

    private static Map<String, Object> one(Random r) {
        Map<String, Object> a = new LinkedHashMap<>();
        LocalDate start = start(r);
        a.put("birthDate", birth(r, start).toString());
        a.put("trainingStartDate", start.toString());
        a.put("trainingEndDate", end(r, start).toString());
        a.put("trainingHours", hours(r));

        // PROGRAMME_NOT_ELIGIBLE about 12 %: another programme, or not paid by the Region, or both
        double p = r.nextDouble();
        a.put("programme", p < 0.07 ? "OTHER" : pick(r, ELIGIBLE_PROGRAMMES));
        a.put("regionFunded", p >= 0.04 && p < 0.07 ? r.nextBoolean() : !(p >= 0.07 && p < 0.12));

        a.put("franceTravailRegistered", r.nextDouble() < 0.75); // NOT_REGISTERED only from 26 on
        double b = r.nextDouble();
        a.put("unemploymentBenefit", b < 0.88 ? "NONE" : b < 0.94 ? "ARE" : "ASS");

        boolean notice = r.nextDouble() < 0.8;
        a.put("taxNoticeProvided", notice);
        if (notice || r.nextBoolean()) { // without a notice, half still give figures, which must be ignored
            double shares = SHARES[r.nextInt(SHARES.length)];
            a.put("referenceTaxIncome", income(r, shares));
            a.put("taxShares", shares == Math.rint(shares) ? (Object) Integer.valueOf((int) shares) : (Object) shares);
        }
        a.put("familyBreakdown", r.nextDouble() < 0.15);
        a.put("singleParent", r.nextDouble() < 0.12);
        a.put("homeToTrainingKm", r.nextDouble() < 0.3 ? KM_EDGES[r.nextInt(KM_EDGES.length)] : r.nextInt(151));
        return a;
    }

    private static LocalDate start(Random r) {
        LocalDate d = FIRST_START.plusDays(r.nextInt(START_DAYS + 1));
        double x = r.nextDouble();
        if (x < 0.10) {
            return d.withDayOfMonth(1);
        }
        if (x < 0.15) {
            return YearMonth.from(d).atEndOfMonth();
        }
        return d;
    }

    /** A training touching 1 to 24 calendar months, always ending after it starts. */
    private static LocalDate end(Random r, LocalDate start) {
        int months = 1 + r.nextInt(24);
        YearMonth m = YearMonth.from(start).plusMonths(months - 1);
        if (months == 1 && start.getDayOfMonth() == m.lengthOfMonth()) {
            m = m.plusMonths(1); // a one-month training cannot start on the month's last day
        }
        int firstDay = m.equals(YearMonth.from(start)) ? start.getDayOfMonth() + 1 : 1;
        if (r.nextDouble() < 0.15) {
            return m.atEndOfMonth();
        }
        return m.atDay(firstDay + r.nextInt(m.lengthOfMonth() - firstDay + 1));
    }

    /** Ages 16 to 64 at the start; a quarter of them on the 26th birthday or a day either side of it. */
    private static LocalDate birth(Random r, LocalDate start) {
        double x = r.nextDouble();
        if (x < 0.25) {
            return start.minusYears(26).plusDays(r.nextInt(3) - 1);
        }
        if (x < 0.28) {
            // born on a 29 February, 24 to 28 years before a start
            int year = 1996 + 4 * r.nextInt(3);
            return LocalDate.of(year, 2, 29);
        }
        return start.minusYears(16 + r.nextInt(49)).minusDays(r.nextInt(366));
    }

    private static int hours(Random r) {
        double x = r.nextDouble();
        if (x < 0.04) {
            return r.nextInt(70);           // too short
        }
        if (x < 0.10) {
            return 69 + r.nextInt(3);       // 69, 70 (too short), 71
        }
        return 72 + r.nextInt(1400);
    }

    /** An income whose family quotient is a bracket bound, one either side, or anywhere up to 3,000 €. */
    private static int income(Random r, double shares) {
        int qf = r.nextDouble() < 0.45 ? QF_EDGES[r.nextInt(QF_EDGES.length)] : r.nextInt(3001);
        int perEuro = (int) Math.round(12 * shares); // 12 × shares is whole for whole, half and quarter shares
        // any income from qf × 12 × shares to just below (qf + 1) × 12 × shares has that quotient
        return qf * perEuro + r.nextInt(perEuro);
    }

    private static String pick(Random r, String[] values) {
        return values[r.nextInt(values.length)];
    }
}
