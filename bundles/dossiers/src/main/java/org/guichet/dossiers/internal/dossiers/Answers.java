package org.guichet.dossiers.internal.dossiers;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.persistence.EntityManager;
import org.guichet.api.accounts.Caller;
import org.guichet.api.error.GuichetException;
import org.guichet.api.scheme.AnswerSource;
import org.guichet.api.scheme.FieldDefinition;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.dossiers.internal.Json;
import org.guichet.dossiers.internal.Tx;
import org.guichet.dossiers.internal.access.AccessPolicy.Action;
import org.guichet.dossiers.internal.access.DossierAccess;
import org.guichet.dossiers.internal.activity.Activity;
import org.guichet.dossiers.internal.jpa.DossierEntity;
import org.guichet.dossiers.internal.shared.Schemes;

/** Saving answers as typed: only unknown questions and wrong shapes are refused; validity is the rules' business. */
public final class Answers {
    private final Schemes schemes;
    private final DossierAccess access;

    public Answers(Schemes schemes, DossierAccess access) {
        this.schemes = schemes;
        this.access = access;
    }

    public DossierEntity save(EntityManager em, Caller caller, long dossierId, Map<String, Object> answers,
            Long expectedVersion) {
        if (answers == null) {
            throw GuichetException.invalid("ANSWERS_REQUIRED", "answers", "Aucune réponse n'a été envoyée.");
        }
        DossierEntity d = access.dossier(em, caller, dossierId, Action.EDIT);
        Editing.requireEditable(em, d);
        if (expectedVersion != null && expectedVersion.longValue() != d.version) {
            throw Tx.editConflict();
        }
        SchemeDescriptor descriptor = schemes.of(d);
        Editing.requireRequested(em, d, answers.keySet(), null);
        // a draft opened before she signed in with FranceConnect takes the verified answers now, before hers are checked
        VerifiedAnswers.apply(em, d, descriptor);
        for (Map.Entry<String, Object> a : answers.entrySet()) {
            FieldDefinition f = descriptor.field(a.getKey());
            if (f == null) {
                throw GuichetException.invalid("UNKNOWN_FIELD", a.getKey(), "Cette question n'existe pas dans"
                        + " ce formulaire : " + a.getKey());
            }
            Object v = a.getValue();
            if (v != null && !(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                throw new GuichetException(GuichetException.Kind.INVALID, "INVALID_TYPE", a.getKey(), "La réponse à « "
                        + f.label().fr() + " » doit être un texte, un nombre ou oui/non.", null, label(f));
            }
            if (v instanceof String s && s.length() > 1000) {
                Map<String, Object> details = new java.util.HashMap<>(label(f));
                details.put("max", 1000);
                throw new GuichetException(GuichetException.Kind.INVALID, "TOO_LONG", a.getKey(), "La réponse à « "
                        + f.label().fr() + " » doit tenir en 1000 caractères.", null, Map.copyOf(details));
            }
        }
        Map<String, Object> current = Json.readMap(d.answers);
        Map<String, String> sources = Json.readStringMap(d.answerSources);
        for (Map.Entry<String, Object> a : answers.entrySet()) {
            // an administration's answer is read-only: sending it back unchanged is fine (a form posts it again)
            AnswerSource.Origin.parse(sources.get(a.getKey())).ifPresent(o -> {
                if (!same(current.get(a.getKey()), a.getValue())) {
                    throw fromAdministration(descriptor.field(a.getKey()), o.source());
                }
            });
        }
        List<String> changed = new ArrayList<>();
        answers.forEach((k, v) -> {
            if (AnswerSource.Origin.parse(sources.get(k)).isPresent()) {
                return; // sent back unchanged (checked above): it stays the administration's
            }
            Object before = current.get(k);
            boolean blank = v == null || (v instanceof String s && s.isBlank());
            if (blank) {
                if (current.remove(k) != null) {
                    changed.add(k);
                    sources.remove(k);
                }
            } else if (!v.equals(before)) {
                current.put(k, v instanceof String s ? s.strip() : v);
                changed.add(k);
                // typed by the person now, no longer the organisation's
                sources.remove(k);
            }
        });
        if (!changed.isEmpty()) {
            d.answers = Json.write(current);
            d.answerSources = Json.write(sources);
            d.updatedAt = Timestamp.from(Instant.now());
            Activity.record(em, "ANSWERS_SAVED", Activity.actorId(caller), Activity.actorName(caller),
                    Activity.onBehalf(caller, d.applicantId), Activity.channel(caller, d.applicantId), d.id,
                    caller.organisationId(), "Réponses enregistrées : " + String.join(", ", changed));
            em.flush();
        }
        return d;
    }

    /**
     * Puts an administration's answers into the dossier, each tagged with its source and the time it was fetched
     * ({@link AnswerSource#tag}); the applicant can no longer change them. Used by the connectors and the
     * FranceConnect sign-in.
     *
     * @return the names of the answers put, in the order given
     */
    public static List<String> putSourced(DossierEntity d, Map<String, Object> values, AnswerSource source,
            Instant fetchedAt) {
        Map<String, Object> current = Json.readMap(d.answers);
        Map<String, String> sources = Json.readStringMap(d.answerSources);
        List<String> put = new ArrayList<>();
        values.forEach((k, v) -> {
            if (v != null) {
                current.put(k, v);
                sources.put(k, source.tag(fetchedAt));
                put.add(k);
            }
        });
        d.answers = Json.write(current);
        d.answerSources = Json.write(sources);
        d.updatedAt = Timestamp.from(fetchedAt);
        return put;
    }

    /** The answer by value, whatever its JSON shape: 12000, 12000.0 and "12000" are the same; true and "true" too. */
    static boolean same(Object stored, Object sent) {
        if (stored == null || sent == null) {
            return stored == sent;
        }
        String a = stored.toString().strip();
        String b = sent.toString().strip();
        try {
            return new java.math.BigDecimal(a).compareTo(new java.math.BigDecimal(b.replace(',', '.'))) == 0;
        } catch (NumberFormatException e) {
            return a.equalsIgnoreCase(b);
        }
    }

    private static GuichetException fromAdministration(FieldDefinition f, AnswerSource source) {
        String who = switch (source) {
            case DGFIP -> "l'administration des impôts";
            case FRANCE_TRAVAIL -> "France Travail";
            case FRANCECONNECT -> "FranceConnect";
        };
        return new GuichetException(GuichetException.Kind.CONFLICT, "ANSWER_FROM_ADMINISTRATION", f.name(),
                "La réponse à « " + f.label().fr() + " » vient de " + who + " : elle ne peut pas être changée ici."
                        + " Si elle est fausse, dites-le à la Région dans un message.", null,
                Map.of("label", f.label().fr(), "label.en", f.label().in(java.util.Locale.ENGLISH),
                        "source", source.name()));
    }

    /** The question's label for the words of a refusal: {@code label} in French, {@code label.en} in English. */
    private static Map<String, Object> label(FieldDefinition f) {
        return Map.of("label", f.label().fr(), "label.en", f.label().in(java.util.Locale.ENGLISH));
    }
}
