package org.guichet.dossiers.internal.shared;

import java.util.Arrays;
import java.util.List;
import javax.persistence.EntityManager;
import org.guichet.dossiers.internal.jpa.ComplementRequestEntity;
import org.guichet.dossiers.internal.jpa.EnrolmentEntity;
import org.guichet.dossiers.internal.jpa.MandateEntity;
import org.guichet.dossiers.internal.jpa.MandateState;
import org.guichet.dossiers.internal.jpa.OrganisationEntity;

/** Row look-ups that several use cases need (mandates, complement requests, enrolments, organisations). */
public final class Lookups {
    private Lookups() { }

    /** The ACTIVE mandate the applicant gave this mediator, or null. */
    public static MandateEntity activeMandate(EntityManager em, long mediatorId, long applicantId) {
        return em.createQuery("select m from MandateEntity m where m.mediatorId = :m and m.applicantId = :a"
                + " and m.state = :s order by m.id desc", MandateEntity.class)
                .setParameter("m", mediatorId).setParameter("a", applicantId).setParameter("s", MandateState.ACTIVE)
                .setMaxResults(1).getResultStream().findFirst().orElse(null);
    }

    /** The OPEN complement request of a dossier, or null. */
    public static ComplementRequestEntity openComplement(EntityManager em, long dossierId) {
        return em.createQuery("select c from ComplementRequestEntity c where c.dossierId = :d and c.state = 'OPEN'"
                + " order by c.id desc", ComplementRequestEntity.class).setParameter("d", dossierId).setMaxResults(1)
                .getResultStream().findFirst().orElse(null);
    }

    /** A comma-separated column as a list. */
    public static List<String> list(String column) {
        return column == null || column.isBlank() ? List.of()
                : Arrays.stream(column.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Each organisation's latest enrolment of this address, newest first. */
    public static List<EnrolmentEntity> latestEnrolments(EntityManager em, String email) {
        List<EnrolmentEntity> all = em.createQuery("select e from EnrolmentEntity e where e.traineeEmail = :m"
                + " order by e.receivedAt desc, e.id desc", EnrolmentEntity.class).setParameter("m", email)
                .setMaxResults(200).getResultList();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        return all.stream().filter(e -> seen.add(e.organisationId)).toList();
    }

    public static String organisationName(EntityManager em, Long id) {
        OrganisationEntity o = id == null ? null : em.find(OrganisationEntity.class, id);
        return o == null ? null : o.name;
    }
}
