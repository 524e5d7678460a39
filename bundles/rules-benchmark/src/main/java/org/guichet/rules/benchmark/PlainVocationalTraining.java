package org.guichet.rules.benchmark;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The vocational-training specification (shared/schemes/vocational-training.md) in plain Java, written for the
 * benchmark only, from the specification and not from the rules: it is the yardstick the rules are measured
 * against, and the cross-check of the scheme against its specification.
 *
 * <p>It takes the answers as the portal does (as JSON decodes them: dates as "yyyy-MM-dd" strings, whole numbers
 * as Integer/Long, the number of shares as Integer or Double), checks them as far as its own computing needs, and
 * returns the facts an evaluation decides: eligibility, reason codes, document ids, the breakdown, the monthly
 * amount, the installments and the total. It builds no localized texts and names no rules. Figures are constants,
 * as a hand-written implementation would have them. Thread-safe (stateless).
 */
public final class PlainVocationalTraining {
    // Eligibility
    static final int HOURS_MUST_EXCEED = 70;
    static final int FRANCE_TRAVAIL_REQUIRED_FROM_AGE = 26;
    static final int FAMILY_BREAKDOWN_UNDER_AGE = 26;
    private static final Set<String> ELIGIBLE_PROGRAMMES =
            Set.of("PREPA_AVENIR", "PREPA_PROJET", "PREPA_CLES", "QUALIF_EMPLOI", "BRETON_LANGUAGE");
    private static final Set<String> PROGRAMMES = Set.of("PREPA_AVENIR", "PREPA_PROJET", "PREPA_CLES", "QUALIF_EMPLOI",
            "BRETON_LANGUAGE", "OTHER");
    private static final Set<String> BENEFITS = Set.of("NONE", "ARE", "ASS");

    // Amount, in whole euros a month
    static final int BASE_SPECIAL_SITUATION = 787;
    static final int BASE_NO_TAX_NOTICE = 300;
    static final int MEAL = 60;
    private static final BigDecimal TWELVE = BigDecimal.valueOf(12);

    public static final String TRAINING_TOO_SHORT = "TRAINING_TOO_SHORT";
    public static final String PROGRAMME_NOT_ELIGIBLE = "PROGRAMME_NOT_ELIGIBLE";
    public static final String NOT_REGISTERED = "NOT_REGISTERED_WITH_FRANCE_TRAVAIL";
    public static final String RECEIVES_BENEFIT = "RECEIVES_UNEMPLOYMENT_BENEFIT";

    /** One month's installment, {@code period} as YYYY-MM, amount in cents. */
    public record Month(String period, long cents) {
        public BigDecimal amount() {
            return BigDecimal.valueOf(cents, 2);
        }
    }

    /**
     * What one evaluation decides. {@code monthly}, the lines and the installments are null/empty when not
     * eligible; amounts are in cents.
     */
    public record Result(boolean eligible, List<String> reasons, List<String> documents, long baseCents,
            long mealCents, long mobilityCents, long monthlyCents, long totalCents, List<Month> installments) { }

    public Result evaluate(Map<String, Object> answers) {
        LocalDate birth = date(answers, "birthDate");
        LocalDate start = date(answers, "trainingStartDate");
        LocalDate end = date(answers, "trainingEndDate");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("trainingEndDate must be after trainingStartDate");
        }
        long hours = whole(answers, "trainingHours");
        String programme = choice(answers, "programme", PROGRAMMES);
        boolean regionFunded = bool(answers, "regionFunded");
        boolean registered = bool(answers, "franceTravailRegistered");
        String benefit = choice(answers, "unemploymentBenefit", BENEFITS);
        boolean taxNotice = bool(answers, "taxNoticeProvided");
        boolean familyBreakdown = bool(answers, "familyBreakdown");
        boolean singleParent = bool(answers, "singleParent");
        long km = whole(answers, "homeToTrainingKm");
        long income = 0;
        BigDecimal shares = null;
        if (taxNotice) {
            income = whole(answers, "referenceTaxIncome");
            shares = decimal(answers, "taxShares");
            if (shares.signum() <= 0) {
                throw new IllegalArgumentException("taxShares must be > 0");
            }
        }

        int age = fullYears(birth, start);

        List<String> reasons = new ArrayList<>(4);
        if (hours <= HOURS_MUST_EXCEED) {
            reasons.add(TRAINING_TOO_SHORT);
        }
        if (!ELIGIBLE_PROGRAMMES.contains(programme) || !regionFunded) {
            reasons.add(PROGRAMME_NOT_ELIGIBLE);
        }
        if (!registered && age >= FRANCE_TRAVAIL_REQUIRED_FROM_AGE) {
            reasons.add(NOT_REGISTERED);
        }
        if (!"NONE".equals(benefit)) {
            reasons.add(RECEIVES_BENEFIT);
        }

        boolean youngInBreakdown = familyBreakdown && age < FAMILY_BREAKDOWN_UNDER_AGE;
        List<String> documents = new ArrayList<>(8);
        documents.add("IDENTITY");
        documents.add("BANK_DETAILS");
        documents.add("TRAINING_ENTRY_CERTIFICATE");
        documents.add("PROOF_OF_ADDRESS");
        if (registered) {
            documents.add("FRANCE_TRAVAIL_CERTIFICATE");
        }
        if (taxNotice) {
            documents.add("TAX_NOTICE");
        }
        if (youngInBreakdown) {
            documents.add("FAMILY_BREAKDOWN_ATTESTATION");
        }
        if (singleParent) {
            documents.add("SINGLE_PARENT_PROOF");
        }

        if (!reasons.isEmpty()) {
            return new Result(false, reasons, documents, 0, 0, 0, 0, 0, List.of());
        }
        int base;
        if (singleParent || youngInBreakdown) {
            base = BASE_SPECIAL_SITUATION;
        } else if (!taxNotice) {
            base = BASE_NO_TAX_NOTICE;
        } else {
            base = baseByFamilyQuotient(familyQuotient(income, shares));
        }
        int mobility = mobility(km);
        long monthlyCents = 100L * (base + MEAL + mobility);
        List<Month> installments = new ArrayList<>(25);
        long total = 0;
        YearMonth last = YearMonth.from(end);
        for (YearMonth m = YearMonth.from(start); !m.isAfter(last); m = m.plusMonths(1)) {
            int firstDay = m.equals(YearMonth.from(start)) ? start.getDayOfMonth() : 1;
            int lastDay = m.equals(last) ? end.getDayOfMonth() : m.lengthOfMonth();
            long cents = halfUp(monthlyCents * (lastDay - firstDay + 1), m.lengthOfMonth());
            installments.add(new Month(m.toString(), cents));
            total += cents;
        }
        return new Result(true, reasons, documents, 100L * base, 100L * MEAL, 100L * mobility, monthlyCents, total,
                installments);
    }

    /** Full years on {@code at}: born 2001-03-10 is 25 on 2026-03-10 and 24 the day before; a 29 February birthday
     *  is reached on 1 March in other years. */
    static int fullYears(LocalDate birth, LocalDate at) {
        int years = at.getYear() - birth.getYear();
        if (at.getMonthValue() < birth.getMonthValue()
                || (at.getMonthValue() == birth.getMonthValue() && at.getDayOfMonth() < birth.getDayOfMonth())) {
            years--;
        }
        return years;
    }

    /** income ÷ 12 ÷ shares, rounded down to the euro. */
    static long familyQuotient(long income, BigDecimal shares) {
        return BigDecimal.valueOf(income).divide(TWELVE.multiply(shares), 0, RoundingMode.FLOOR).longValueExact();
    }

    static int baseByFamilyQuotient(long qf) {
        if (qf <= 400) {
            return 620;
        }
        if (qf <= 700) {
            return 520;
        }
        if (qf <= 1000) {
            return 420;
        }
        if (qf <= 1500) {
            return 350;
        }
        return 300;
    }

    static int mobility(long km) {
        if (km < 5) {
            return 30;
        }
        if (km < 20) {
            return 45;
        }
        if (km < 40) {
            return 60;
        }
        return 83;
    }

    /** numerator ÷ denominator rounded half-up, both positive. */
    private static long halfUp(long numerator, long denominator) {
        return (2 * numerator + denominator) / (2 * denominator);
    }

    private static Object required(Map<String, Object> answers, String name) {
        Object v = answers.get(name);
        if (v == null || (v instanceof String s && s.isBlank())) {
            throw new IllegalArgumentException(name + " is required");
        }
        return v;
    }

    private static LocalDate date(Map<String, Object> answers, String name) {
        return LocalDate.parse((String) required(answers, name));
    }

    private static long whole(Map<String, Object> answers, String name) {
        Object v = required(answers, name);
        if (!(v instanceof Integer || v instanceof Long)) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
        long n = ((Number) v).longValue();
        if (n < 0) {
            throw new IllegalArgumentException(name + " must be >= 0");
        }
        return n;
    }

    private static BigDecimal decimal(Map<String, Object> answers, String name) {
        Object v = required(answers, name);
        if (v instanceof Integer || v instanceof Long) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof Double d) {
            return BigDecimal.valueOf(d);
        }
        if (v instanceof BigDecimal b) {
            return b;
        }
        throw new IllegalArgumentException(name + " must be a number");
    }

    private static boolean bool(Map<String, Object> answers, String name) {
        Object v = required(answers, name);
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException(name + " must be true or false");
        }
        return b;
    }

    private static String choice(Map<String, Object> answers, String name, Set<String> allowed) {
        Object v = required(answers, name);
        if (!(v instanceof String s) || !allowed.contains(s)) {
            throw new IllegalArgumentException(name + " must be one of " + allowed);
        }
        return s;
    }
}
