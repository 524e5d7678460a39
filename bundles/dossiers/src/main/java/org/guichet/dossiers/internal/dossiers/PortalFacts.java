package org.guichet.dossiers.internal.dossiers;

import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.persistence.EntityManager;
import org.guichet.api.scheme.AnswerSource;
import org.guichet.api.scheme.EvaluationContext;
import org.guichet.api.scheme.PastDecision;
import org.guichet.dossiers.internal.Json;
import org.guichet.dossiers.internal.jpa.DossierEntity;

/**
 * The portal facts of a dossier, given to its scheme's rules with every evaluation the portal makes of it (never by
 * the simulator): the person is known, and her decisions on her other dossiers, any scheme — for each, the decision
 * in force: its latest (a correction supersedes the decision before it). Indexed reads only: her dossiers
 * (DOSSIER_APPLICANT), their decisions (DECISION_DOSSIER). The dossier being evaluated is never among them, so a
 * re-evaluation after its own decision does not refuse it for that decision.
 */
public final class PortalFacts {
    private PortalFacts() { }

    public static EvaluationContext of(EntityManager em, DossierEntity d) {
        if (d.applicantId == null) {
            return EvaluationContext.ANONYMOUS;
        }
        List<Object[]> rows = em.createQuery("select o.schemeId, x.schemeVersion, o.schemeVersion, x.outcome,"
                + " x.decidedAt, x.amount from DecisionEntity x, DossierEntity o where x.dossierId = o.id"
                + " and o.applicantId = :person and o.id <> :self and x.id = (select max(y.id) from DecisionEntity y"
                + " where y.dossierId = o.id) order by x.decidedAt, x.id", Object[].class)
                .setParameter("person", d.applicantId).setParameter("self", d.id).getResultList();
        return EvaluationContext.person(rows.stream().map(r -> new PastDecision((String) r[0],
                (String) (r[1] != null ? r[1] : r[2]), (String) r[3],
                ((Timestamp) r[4]).toInstant().atZone(OpenDossier.PARIS).toLocalDate(),
                "GRANTED".equals(r[3]) ? (java.math.BigDecimal) r[5] : null)).toList())
                .withSourcedAnswers(sourced(d));
    }

    /** The answers an administration gave (their tag names one), so that the documents they replace are dropped. */
    static Map<String, AnswerSource> sourced(DossierEntity d) {
        Map<String, Object> answers = Json.readMap(d.answers);
        Map<String, AnswerSource> out = new HashMap<>();
        Json.readStringMap(d.answerSources).forEach((field, tag) -> AnswerSource.Origin.parse(tag)
                .filter(o -> answers.get(field) != null).ifPresent(o -> out.put(field, o.source())));
        return out;
    }
}
