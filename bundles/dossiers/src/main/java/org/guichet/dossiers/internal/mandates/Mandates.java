package org.guichet.dossiers.internal.mandates;

import javax.persistence.EntityManager;
import org.guichet.dossiers.internal.jpa.MandateEntity;

/** Mandate lookups shared with the dossiers. */
public final class Mandates {
    private Mandates() { }

    /** The ACTIVE mandate the applicant gave this mediator, or null. */
    public static MandateEntity active(EntityManager em, long mediatorId, long applicantId) {
        return em.createQuery("select m from MandateEntity m where m.mediatorId = :m and m.applicantId = :a"
                + " and m.state = 'ACTIVE' order by m.id desc", MandateEntity.class)
                .setParameter("m", mediatorId).setParameter("a", applicantId).setMaxResults(1)
                .getResultStream().findFirst().orElse(null);
    }
}
