package org.guichet.dossiers.internal.shared;

import java.util.List;
import javax.persistence.EntityManager;
import org.guichet.api.mandates.Mandate;
import org.guichet.api.payments.Payment;
import org.guichet.dossiers.internal.accounts.AccountViews;
import org.guichet.dossiers.internal.jpa.DecisionEntity;
import org.guichet.dossiers.internal.jpa.DossierEntity;
import org.guichet.dossiers.internal.jpa.MandateEntity;
import org.guichet.dossiers.internal.jpa.PaymentEntity;

/** API views of rows that several services show (mandates, payments). */
public final class Views {
    private Views() { }

    public static Mandate mandate(EntityManager em, MandateEntity m) {
        return new Mandate(m.id, AccountViews.person(em, m.mediatorId), m.organisationId,
                Lookups.organisationName(em, m.organisationId), AccountViews.person(em, m.applicantId), m.state.name(),
                m.method, m.consentDocumentId, m.createdAt.toInstant(),
                m.acceptedAt == null ? null : m.acceptedAt.toInstant(), m.revokedAt == null ? null : m.revokedAt.toInstant());
    }

    public static List<Payment> payments(EntityManager em, long dossierId) {
        return em.createQuery("select p from PaymentEntity p where p.dossierId = :d order by p.month, p.id",
                PaymentEntity.class).setParameter("d", dossierId).getResultList().stream().map(p -> payment(em, p)).toList();
    }

    public static Payment payment(EntityManager em, PaymentEntity p) {
        DossierEntity d = em.find(DossierEntity.class, p.dossierId);
        DecisionEntity x = em.find(DecisionEntity.class, p.decisionId);
        return new Payment(p.id, p.dossierId, d.reference, p.month, p.promisedAmount, p.payableAmount,
                p.promisedDate.toLocalDate(), p.status, p.batchId, p.paidOn == null ? null : p.paidOn.toLocalDate(),
                p.attendedHours, p.scheduledHours, x.payeeName, x.payeeIban);
    }
}
