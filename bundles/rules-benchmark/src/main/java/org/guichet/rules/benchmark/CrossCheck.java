package org.guichet.rules.benchmark;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.guichet.api.scheme.Amount;
import org.guichet.api.scheme.AmountLine;
import org.guichet.api.scheme.Evaluation;
import org.guichet.api.scheme.InvalidAnswersException;
import org.guichet.api.scheme.Reason;
import org.guichet.api.scheme.RequiredDocument;
import org.guichet.rules.engine.CompiledScheme;

/**
 * Checks that the rules and the plain implementation agree on every case: eligibility, the set of reason codes,
 * the set of document ids, the breakdown lines, the monthly amount, the total and every installment. Run before
 * any measurement (a benchmark comparing two programs that compute different things measures nothing), and
 * on its own with
 * {@code java -cp benchmarks.jar org.guichet.rules.benchmark.CrossCheck [count] [scheme folder]}.
 */
public final class CrossCheck {
    private static final int SHOWN = 20;

    private CrossCheck() { }

    /** @return the coverage of the cases, when everything agrees
     *  @throws IllegalStateException listing the disagreements (the first ones in full) */
    public static Coverage verify(CompiledScheme scheme, PlainVocationalTraining plain,
            List<Map<String, Object>> cases) {
        List<String> disagreements = new ArrayList<>();
        Map<String, Integer> byField = new TreeMap<>();
        Coverage coverage = new Coverage();
        for (int i = 0; i < cases.size(); i++) {
            Map<String, Object> answers = cases.get(i);
            Evaluation rules;
            PlainVocationalTraining.Result expected;
            try {
                rules = scheme.evaluate(answers, Locale.FRENCH);
            } catch (InvalidAnswersException | RuntimeException e) {
                disagreements.add("case " + i + ": the rules failed: " + e + "\n    answers " + answers);
                byField.merge("failure", 1, Integer::sum);
                continue;
            }
            try {
                expected = plain.evaluate(answers);
            } catch (RuntimeException e) {
                disagreements.add("case " + i + ": the plain implementation failed: " + e + "\n    answers " + answers);
                byField.merge("failure", 1, Integer::sum);
                continue;
            }
            List<String> diffs = compare(rules, expected);
            if (diffs.isEmpty()) {
                coverage.add(answers, expected);
            } else {
                diffs.forEach(d -> byField.merge(d.substring(0, d.indexOf(':')), 1, Integer::sum));
                disagreements.add("case " + i + ": " + String.join("; ", diffs) + "\n    answers " + answers);
            }
        }
        if (!disagreements.isEmpty()) {
            StringBuilder m = new StringBuilder();
            m.append("The rules and the plain implementation disagree on ").append(disagreements.size()).append(" of ")
                    .append(cases.size()).append(" cases (by field: ").append(byField).append("). First ones:\n");
            disagreements.stream().limit(SHOWN).forEach(d -> m.append("  ").append(d).append('\n'));
            throw new IllegalStateException(m.toString());
        }
        return coverage;
    }

    static List<String> compare(Evaluation rules, PlainVocationalTraining.Result plain) {
        List<String> diffs = new ArrayList<>();
        if (rules.eligible() != plain.eligible()) {
            diffs.add("eligible: rules " + rules.eligible() + ", plain " + plain.eligible());
        }
        Set<String> reasons = new HashSet<>();
        rules.reasons().stream().map(Reason::code).forEach(reasons::add);
        if (!reasons.equals(new HashSet<>(plain.reasons()))) {
            diffs.add("reasons: rules " + reasons + ", plain " + plain.reasons());
        }
        Set<String> documents = new HashSet<>();
        rules.requiredDocuments().stream().map(RequiredDocument::id).forEach(documents::add);
        if (!documents.equals(new HashSet<>(plain.documents()))) {
            diffs.add("documents: rules " + documents + ", plain " + plain.documents());
        }
        Amount amount = rules.amount();
        if (!plain.eligible()) {
            if (amount != null) {
                diffs.add("amount: rules " + amount + ", plain none (not eligible)");
            }
            return diffs;
        }
        if (amount == null) {
            diffs.add("amount: rules none, plain " + cents(plain.monthlyCents()) + " a month");
            return diffs;
        }
        Map<String, BigDecimal> lines = new TreeMap<>();
        for (AmountLine l : amount.lines()) {
            lines.put(l.code(), l.amount());
        }
        Map<String, BigDecimal> plainLines = new TreeMap<>(Map.of("BASE", cents(plain.baseCents()),
                "MEAL", cents(plain.mealCents()), "MOBILITY", cents(plain.mobilityCents())));
        if (!sameAmounts(lines, plainLines)) {
            diffs.add("lines: rules " + lines + ", plain " + plainLines);
        }
        if (!same(amount.monthly(), cents(plain.monthlyCents()))) {
            diffs.add("monthly: rules " + amount.monthly() + ", plain " + cents(plain.monthlyCents()));
        }
        if (!same(amount.total(), cents(plain.totalCents()))) {
            diffs.add("total: rules " + amount.total() + ", plain " + cents(plain.totalCents()));
        }
        List<String> got = amount.installments().stream()
                .map(x -> x.period() + "=" + x.amount().setScale(2).toPlainString()).toList();
        List<String> want = plain.installments().stream()
                .map(x -> x.period() + "=" + x.amount().toPlainString()).toList();
        if (!got.equals(want)) {
            diffs.add("installments: rules " + got + ", plain " + want);
        }
        return diffs;
    }

    private static boolean sameAmounts(Map<String, BigDecimal> a, Map<String, BigDecimal> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        return a.keySet().stream().allMatch(k -> same(a.get(k), b.get(k)));
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a != null && b != null && a.compareTo(b) == 0;
    }

    private static BigDecimal cents(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    /** How many cases exercise each part of the specification (only cases on which both sides agree). */
    public static final class Coverage {
        private final Map<String, Integer> counts = new TreeMap<>();
        private int cases;

        void add(Map<String, Object> answers, PlainVocationalTraining.Result r) {
            cases++;
            count(r.eligible() ? "eligible" : "not eligible");
            r.reasons().forEach(code -> count("reason " + code));
            if (r.reasons().size() > 1) {
                count("reasons: 2 or more");
            }
            r.documents().forEach(id -> count("document " + id));
            int age = PlainVocationalTraining.fullYears(
                    java.time.LocalDate.parse((String) answers.get("birthDate")),
                    java.time.LocalDate.parse((String) answers.get("trainingStartDate")));
            count(age == 25 ? "age 25" : age == 26 ? "age 26" : age < 25 ? "age < 25" : "age > 26");
            if (!r.eligible()) {
                return;
            }
            long base = r.baseCents() / 100;
            boolean special = base == PlainVocationalTraining.BASE_SPECIAL_SITUATION;
            boolean notice = Boolean.TRUE.equals(answers.get("taxNoticeProvided"));
            if (special) {
                count(Boolean.TRUE.equals(answers.get("singleParent")) ? "base 787 special: single parent"
                        : "base 787 special: family breakdown under 26");
            } else if (!notice) {
                count("base 300 no tax notice");
            } else {
                count("base " + base + " by QF");
                long qf = PlainVocationalTraining.familyQuotient(((Number) answers.get("referenceTaxIncome")).longValue(),
                        new BigDecimal(answers.get("taxShares").toString()));
                if (qf == 400 || qf == 700 || qf == 1000 || qf == 1500) {
                    count("QF on a bracket bound (400, 700, 1000, 1500)");
                } else if (qf == 401 || qf == 701 || qf == 1001 || qf == 1501) {
                    count("QF one euro above a bracket bound");
                }
            }
            count("mobility " + r.mobilityCents() / 100);
            long km = ((Number) answers.get("homeToTrainingKm")).longValue();
            if (km == 4 || km == 5 || km == 19 || km == 20 || km == 39 || km == 40) {
                count("km on either side of a mobility bound");
            }
            int months = r.installments().size();
            count(months == 1 ? "span 1 month" : months <= 6 ? "span 2-6 months" : months <= 12 ? "span 7-12 months"
                    : months < 24 ? "span 13-23 months" : "span 24 months");
            count("monthly " + (r.monthlyCents() == 39_000 ? "390 (minimum)" : r.monthlyCents() == 93_000
                    ? "930 (maximum)" : "391-929"));
        }

        private void count(String key) {
            counts.merge(key, 1, Integer::sum);
        }

        public int cases() { return cases; }

        public Map<String, Integer> counts() { return counts; }

        @Override public String toString() {
            StringBuilder s = new StringBuilder();
            counts.forEach((k, v) -> s.append(String.format(Locale.ROOT, "  %-50s %6d%n", k, v)));
            return s.toString();
        }
    }

    /** Check mode: {@code [count] [scheme folder]}; exits 1 on any disagreement. */
    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : CaseGenerator.DEFAULT_COUNT;
        String folder = args.length > 1 ? args[1] : "";
        List<Map<String, Object>> cases = CaseGenerator.generate(count, CaseGenerator.SEED);
        long t0 = System.nanoTime();
        try (CompiledScheme scheme = VocationalTrainingScheme.compile(folder)) {
            long t1 = System.nanoTime();
            Coverage coverage = verify(scheme, new PlainVocationalTraining(), cases);
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "compiled in %d ms; %d cases (seed %d) checked in %d ms: rules and plain "
                    + "Java agree on every case%n", (t1 - t0) / 1_000_000, coverage.cases(), CaseGenerator.SEED,
                    (t2 - t1) / 1_000_000);
            System.out.print(coverage);
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }
}
