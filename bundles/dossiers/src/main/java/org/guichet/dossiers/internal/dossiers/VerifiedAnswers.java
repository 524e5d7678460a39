package org.guichet.dossiers.internal.dossiers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.persistence.EntityManager;
import org.guichet.api.activity.Channel;
import org.guichet.api.dossiers.DossierState;
import org.guichet.api.scheme.AnswerSource;
import org.guichet.api.scheme.FieldDefinition;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.dossiers.internal.Json;
import org.guichet.dossiers.internal.activity.Activity;
import org.guichet.dossiers.internal.jpa.AccountEntity;
import org.guichet.dossiers.internal.jpa.DossierEntity;

/**
 * What FranceConnect vouched for becomes the dossier's answers (issue 16): every field whose descriptor says
 * {@code source: FRANCECONNECT} gets the applicant's verified datum it names ({@code sourceDatum}), tagged with the
 * time of the verification, read-only for her and shown to the agent as verified. Driven by the descriptor only.
 *
 * <p>One writer, two moments: when a dossier is opened, and when a draft's answers are saved (so that a draft opened
 * before she signed in with FranceConnect catches up at her next save, before her own answers are checked against it).
 */
final class VerifiedAnswers {
    private VerifiedAnswers() { }

    /** Puts the applicant's verified data into her draft where it differs; does nothing for an unverified account. */
    static List<String> apply(EntityManager em, DossierEntity d, SchemeDescriptor descriptor) {
        if (d.state() != DossierState.DRAFT || descriptor == null) {
            return List.of();
        }
        AccountEntity person = em.find(AccountEntity.class, d.applicantId);
        if (person == null || person.identityProvider == null || person.identityVerifiedAt == null) {
            return List.of(); // an email-only account: she types it as before
        }
        Map<String, Object> verified = new LinkedHashMap<>();
        verified.put("birthDate", person.birthDate == null ? null : person.birthDate.toLocalDate().toString());
        verified.put("givenNames", person.givenNames);
        verified.put("familyName", person.familyName);
        Map<String, Object> current = Json.readMap(d.answers);
        Map<String, String> sources = Json.readStringMap(d.answerSources);
        String tag = AnswerSource.FRANCECONNECT.tag(person.identityVerifiedAt.toInstant());
        Map<String, Object> values = new LinkedHashMap<>();
        for (FieldDefinition f : descriptor.sourcedFields()) {
            Object v = f.source() == AnswerSource.FRANCECONNECT ? verified.get(f.sourceDatum()) : null;
            // already there with the same verification: no write, so that saves at once do not all touch the row
            if (v != null && !(Objects.equals(v, current.get(f.name())) && tag.equals(sources.get(f.name())))) {
                values.put(f.name(), v);
            }
        }
        if (values.isEmpty()) {
            return List.of();
        }
        List<String> put = Answers.putSourced(d, values, AnswerSource.FRANCECONNECT,
                person.identityVerifiedAt.toInstant());
        Activity.record(em, "ANSWERS_FROM_ADMINISTRATION", null, "FranceConnect", d.applicantId, Channel.ONLINE, d.id,
                null, "Réponses données par FranceConnect (identité vérifiée) : " + String.join(", ", put));
        return put;
    }
}
