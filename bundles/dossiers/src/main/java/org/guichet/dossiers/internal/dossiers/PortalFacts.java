package org.guichet.dossiers.internal.dossiers;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        return withSources(ofAll(em, Map.of(d.id, d.applicantId)).get(d.id), d.answers, d.answerSources);
    }

    /**
     * A dossier's portal facts with the answers administrations gave it (read from its stored answers and answer
     * sources, as JSON): what every evaluation the portal makes of a dossier passes, so that the documents those
     * answers replace are dropped — the dossier's pages, its submission and the impact's replay alike.
     */
    public static EvaluationContext withSources(EvaluationContext facts, String answersJson, String sourcesJson) {
        if (facts == null || !facts.knownPerson()) {
            return facts == null ? EvaluationContext.ANONYMOUS : facts;
        }
        return facts.withSourcedAnswers(sourced(answersJson, sourcesJson));
    }

    /**
     * The portal facts of many dossiers in one query (no N+1 when the impact of a version replays thousands):
     * dossier id → its applicant id in, dossier id → context out, each dossier's own decision left out as above.
     */
    public static Map<Long, EvaluationContext> ofAll(EntityManager em, Map<Long, Long> applicantOfDossier) {
        Map<Long, EvaluationContext> out = new HashMap<>();
        Set<Long> persons = new HashSet<>(applicantOfDossier.values());
        persons.remove(null);
        Map<Long, List<Object[]>> byPerson = new HashMap<>();
        if (!persons.isEmpty()) {
            em.createQuery("select o.applicantId, o.id, o.schemeId, x.schemeVersion, o.schemeVersion, x.outcome,"
                    + " x.decidedAt, x.amount from DecisionEntity x, DossierEntity o where x.dossierId = o.id"
                    + " and o.applicantId in :persons and x.id = (select max(y.id) from DecisionEntity y"
                    + " where y.dossierId = o.id) order by x.decidedAt, x.id", Object[].class)
                    .setParameter("persons", persons).getResultList()
                    .forEach(r -> byPerson.computeIfAbsent((Long) r[0], k -> new ArrayList<>()).add(r));
        }
        applicantOfDossier.forEach((dossier, person) -> {
            if (person == null) {
                out.put(dossier, EvaluationContext.ANONYMOUS);
                return;
            }
            out.put(dossier, EvaluationContext.person(byPerson.getOrDefault(person, List.of()).stream()
                    .filter(r -> !((Long) r[1]).equals(dossier))
                    .map(r -> new PastDecision((String) r[2], (String) (r[3] != null ? r[3] : r[4]), (String) r[5],
                            ((Timestamp) r[6]).toInstant().atZone(OpenDossier.PARIS).toLocalDate(),
                            "GRANTED".equals(r[5]) ? (BigDecimal) r[7] : null))
                    .toList()));
        });
        return out;
    }

    /** The answers an administration gave (their tag names one), so that the documents they replace are dropped. */
    static Map<String, AnswerSource> sourced(String answersJson, String sourcesJson) {
        Map<String, Object> answers = Json.readMap(answersJson);
        Map<String, AnswerSource> out = new HashMap<>();
        Json.readStringMap(sourcesJson).forEach((field, tag) -> AnswerSource.Origin.parse(tag)
                .filter(o -> answers.get(field) != null).ifPresent(o -> out.put(field, o.source())));
        return out;
    }
}
