package org.guichet.dossiers.internal.impact;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.guichet.api.impact.ImpactResults;
import org.guichet.api.impact.ImpactResults.AmountBand;
import org.guichet.api.impact.ImpactResults.Count;
import org.guichet.api.impact.ImpactResults.MonthTotal;
import org.guichet.api.impact.ImpactRun;
import org.guichet.dossiers.internal.shared.EvaluationDiff;

/**
 * The results of a run, summed dossier after dossier (pure: no database). Amount differences fall into bands by
 * sign and size: |d| in (0, 100), [100, 500), [500, 1000), [1000, ∞) on each side, and one band for no change.
 */
final class Tally {
    /** the bounds of the bands' sizes, in euros */
    static final List<BigDecimal> EDGES = List.of(new BigDecimal("100"), new BigDecimal("500"),
            new BigDecimal("1000"));

    private int replayed;
    private int changed;
    private int becameEligible;
    private int becameIneligible;
    private int failed;
    private final Map<String, Integer> reasonsGained = new HashMap<>();
    private final Map<String, Integer> reasonsLost = new HashMap<>();
    private final Map<String, Integer> documentsAdded = new HashMap<>();
    private final Map<String, Integer> documentsDropped = new HashMap<>();
    private final Map<String, String> labels = new HashMap<>();
    /** band index: 0..3 negative from the largest, 4 no change, 5..8 positive from the smallest */
    private final int[] bands = new int[2 * EDGES.size() + 3];
    private final TreeMap<String, BigDecimal[]> months = new TreeMap<>();
    private BigDecimal totalBefore = BigDecimal.ZERO;
    private BigDecimal totalAfter = BigDecimal.ZERO;

    void add(Outcome o) {
        if (o.diff() == null) {
            failed++;
            return;
        }
        EvaluationDiff d = o.diff();
        replayed++;
        if (d.changed()) {
            changed++;
        }
        if (Boolean.FALSE.equals(d.eligibleBefore()) && d.eligibleAfter()) {
            becameEligible++;
        }
        if (Boolean.TRUE.equals(d.eligibleBefore()) && !d.eligibleAfter()) {
            becameIneligible++;
        }
        d.reasonsGained().forEach(c -> reasonsGained.merge(c, 1, Integer::sum));
        d.reasonsLost().forEach(c -> reasonsLost.merge(c, 1, Integer::sum));
        d.documentsAdded().forEach(c -> documentsAdded.merge(c, 1, Integer::sum));
        d.documentsDropped().forEach(c -> documentsDropped.merge(c, 1, Integer::sum));
        o.labels().forEach(labels::putIfAbsent);
        BigDecimal before = d.amountBefore() == null ? BigDecimal.ZERO : d.amountBefore();
        BigDecimal after = d.amountAfter() == null ? BigDecimal.ZERO : d.amountAfter();
        totalBefore = totalBefore.add(before);
        totalAfter = totalAfter.add(after);
        bands[band(after.subtract(before))]++;
        o.before().forEach(m -> month(m.period())[0] = month(m.period())[0].add(m.amount()));
        o.after().forEach(m -> month(m.period())[1] = month(m.period())[1].add(m.amount()));
    }

    private BigDecimal[] month(String period) {
        return months.computeIfAbsent(period, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
    }

    /** The band of a difference: see {@link #bands}. */
    static int band(BigDecimal difference) {
        int sign = difference.signum();
        int zero = EDGES.size() + 1;
        if (sign == 0) {
            return zero;
        }
        BigDecimal size = difference.abs();
        int k = 0;
        while (k < EDGES.size() && size.compareTo(EDGES.get(k)) >= 0) {
            k++;
        }
        // k: 0 for (0, 100), 3 for [1000, ∞)
        return sign > 0 ? zero + 1 + k : zero - 1 - k;
    }

    /** The bands in order, from the largest decrease to the largest increase; bounds are of the difference. */
    static List<AmountBand> bands(int[] counts) {
        List<AmountBand> out = new ArrayList<>();
        int n = EDGES.size();
        for (int k = n; k >= 0; k--) {
            // negative side, the band of sizes [EDGES[k-1], EDGES[k]) is differences in (-EDGES[k], -EDGES[k-1]]
            BigDecimal lo = k == n ? null : EDGES.get(k).negate();
            BigDecimal hi = k == 0 ? BigDecimal.ZERO : EDGES.get(k - 1).negate();
            out.add(new AmountBand(lo, hi, counts[n - k]));
        }
        out.add(new AmountBand(BigDecimal.ZERO, BigDecimal.ZERO, counts[n + 1]));
        for (int k = 0; k <= n; k++) {
            BigDecimal lo = k == 0 ? BigDecimal.ZERO : EDGES.get(k - 1);
            BigDecimal hi = k == n ? null : EDGES.get(k);
            out.add(new AmountBand(lo, hi, counts[n + 2 + k]));
        }
        return out;
    }

    ImpactResults results(ImpactRun run) {
        List<MonthTotal> m = new ArrayList<>();
        months.forEach((k, v) -> m.add(new MonthTotal(k, v[0], v[1])));
        return new ImpactResults(run, replayed, changed, becameEligible, becameIneligible, failed,
                counts(reasonsGained), counts(reasonsLost), counts(documentsAdded), counts(documentsDropped),
                bands(bands), m, totalBefore, totalAfter);
    }

    /** Most frequent first, then by code. */
    private List<Count> counts(Map<String, Integer> m) {
        return m.entrySet().stream()
                .map(e -> new Count(e.getKey(), labels.getOrDefault(e.getKey(), e.getKey()), e.getValue()))
                .sorted(Comparator.comparingInt(Count::count).reversed().thenComparing(Count::code)).toList();
    }
}
