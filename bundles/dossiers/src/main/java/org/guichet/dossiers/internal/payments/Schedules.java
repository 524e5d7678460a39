package org.guichet.dossiers.internal.payments;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.persistence.EntityManager;
import org.guichet.api.scheme.Installment;
import org.guichet.dossiers.internal.jpa.DecisionEntity;
import org.guichet.dossiers.internal.jpa.PaymentEntity;

/**
 * From granted installments to payments. Recurring schemes pay a month once the training organisation has
 * reported its attendance (SCHEDULED until then), promised on the 10th of the month after; one-off schemes are
 * payable at once, promised 15 days after the decision.
 */
public final class Schedules {
    private Schedules() { }

    public static List<PaymentEntity> create(EntityManager em, DecisionEntity decision, List<Installment> installments,
            boolean recurring, LocalDate decidedOn, Set<String> monthsAlreadyPaid) {
        List<PaymentEntity> out = new ArrayList<>();
        for (Installment i : installments) {
            if (monthsAlreadyPaid.contains(i.period())) {
                continue;
            }
            PaymentEntity p = new PaymentEntity();
            p.dossierId = decision.dossierId;
            p.decisionId = decision.id;
            p.month = i.period();
            p.promisedAmount = i.amount();
            if (recurring) {
                p.status = "SCHEDULED";
                p.promisedDate = Date.valueOf(YearMonth.parse(i.period()).plusMonths(1).atDay(10));
            } else {
                p.status = "PAYABLE";
                p.payableAmount = i.amount();
                p.promisedDate = Date.valueOf(decidedOn.plusDays(15));
            }
            em.persist(p);
            out.add(p);
        }
        return out;
    }

    /** Installments scaled to a total an agent set, to the cent; the last one takes the rounding. */
    public static List<Installment> scale(List<Installment> rules, BigDecimal rulesTotal, BigDecimal granted) {
        if (rules.isEmpty() || rulesTotal == null || rulesTotal.signum() == 0) {
            return List.of(new Installment(YearMonth.now().toString(), granted));
        }
        if (granted.compareTo(rulesTotal) == 0) {
            return rules;
        }
        List<Installment> out = new ArrayList<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (int n = 0; n < rules.size(); n++) {
            Installment i = rules.get(n);
            BigDecimal a = n == rules.size() - 1 ? granted.subtract(sum)
                    : i.amount().multiply(granted).divide(rulesTotal, 2, RoundingMode.HALF_UP);
            sum = sum.add(a);
            out.add(new Installment(i.period(), a));
        }
        return out;
    }

    /** installment × min(1, attended ÷ scheduled), rounded half-up to the cent (the vocational-training rule). */
    public static BigDecimal payable(BigDecimal installment, BigDecimal attended, BigDecimal scheduled) {
        BigDecimal ratio = attended.divide(scheduled, 10, RoundingMode.HALF_UP);
        if (ratio.compareTo(BigDecimal.ONE) > 0) {
            ratio = BigDecimal.ONE;
        }
        return installment.multiply(ratio).setScale(2, RoundingMode.HALF_UP);
    }
}
