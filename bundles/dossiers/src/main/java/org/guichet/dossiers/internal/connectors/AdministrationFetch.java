package org.guichet.dossiers.internal.connectors;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.persistence.LockModeType;
import org.guichet.api.accounts.Caller;
import org.guichet.api.connectors.AdministrationData;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.error.GuichetException;
import org.guichet.api.limits.RateLimits;
import org.guichet.api.scheme.AnswerSource;
import org.guichet.api.scheme.FieldDefinition;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.dossiers.internal.Tx;
import org.guichet.dossiers.internal.access.AccessPolicy.Action;
import org.guichet.dossiers.internal.access.DossierAccess;
import org.guichet.dossiers.internal.activity.Activity;
import org.guichet.dossiers.internal.dossiers.Answers;
import org.guichet.dossiers.internal.dossiers.DossierViews;
import org.guichet.dossiers.internal.dossiers.Editing;
import org.guichet.dossiers.internal.jpa.DossierEntity;
import org.guichet.dossiers.internal.shared.Schemes;

/**
 * Fetching a dossier's answers from an administration, with consent: check (consent, identifiers, who may act, the
 * dossier still editable, a field that takes this source), count the call against the dossier's limit, record the
 * consent, ask the administration outside any transaction (it may be slow), then store what it gave as sourced
 * answers. Two fetches at once for one dossier each store the same values; the dossier's version makes the second
 * writer replay on the first's result, so the outcome is one consistent set of answers and tags.
 */
public final class AdministrationFetch {
    /** The rate-limit action: counted per dossier (subject "dossier:{id}", scope ACCOUNT). */
    public static final String LIMIT_ACTION = "administration";
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Asks one administration for its data. */
    @FunctionalInterface
    public interface Provider {
        Map<String, Object> fetch(Map<String, String> identifiers, LocalDate today) throws ProviderException;
    }

    private final Tx tx;
    private final Schemes schemes;
    private final DossierAccess access;
    private final DossierViews views;
    private final RateLimits limits;
    private final Clock clock;

    public AdministrationFetch(Tx tx, Schemes schemes, DossierAccess access, DossierViews views, RateLimits limits,
            Clock clock) {
        this.tx = tx;
        this.schemes = schemes;
        this.access = access;
        this.views = views;
        this.limits = limits;
        this.clock = clock;
    }

    /** @param provider null when this source is switched off */
    public Dossier fetch(Caller caller, long dossierId, AnswerSource source, Map<String, String> identifiers,
            boolean consent, Provider provider) {
        return fetch(caller, dossierId, source, identifiers, consent, provider, null);
    }

    /**
     * FranceConnect mode: no identifier; {@code subject} (the sub of the ID token checked when her access token was
     * given) must be the FranceConnect identity linked to the account of the dossier's applicant, else nothing is
     * asked. The provider holds the token; it is never stored or logged here.
     */
    public Dossier fetchWithFranceConnect(Caller caller, long dossierId, AnswerSource source, String subject,
            boolean consent, Provider provider) {
        if (consent && (subject == null || subject.isBlank())) {
            throw otherPerson();
        }
        return fetch(caller, dossierId, source, Map.of(), consent, provider, subject == null ? "" : subject);
    }

    static GuichetException otherPerson() {
        return new GuichetException(GuichetException.Kind.FORBIDDEN, "FRANCECONNECT_OTHER_PERSON", null,
                "Le compte FranceConnect utilisé n'est pas celui de la personne de cette demande : rien n'a été"
                        + " demandé. Vous pouvez continuer sans : répondez aux questions et donnez le document.");
    }

    /** @param franceConnectSubject null: identifiers mode; else FranceConnect mode and the subject to check */
    private Dossier fetch(Caller caller, long dossierId, AnswerSource source, Map<String, String> identifiers,
            boolean consent, Provider provider, String franceConnectSubject) {
        if (source == null) {
            throw GuichetException.invalid("SOURCE_REQUIRED", "source", "Dites à quelle administration demander.");
        }
        if (provider == null) {
            throw new GuichetException(GuichetException.Kind.UNAVAILABLE, "SOURCE_OFF", "source",
                    "Cette administration ne peut pas être interrogée pour le moment : répondez aux questions et"
                            + " donnez le document comme d'habitude.", null, null);
        }
        if (!consent) {
            throw GuichetException.invalid("CONSENT_REQUIRED", "consent", "Cochez la case pour donner votre accord :"
                    + " sans votre accord, rien n'est demandé à " + name(source) + ".");
        }
        Map<String, String> ids = new LinkedHashMap<>();
        for (String key : franceConnectSubject != null ? List.<String>of() : AdministrationData.identifiers(source)) {
            String v = identifiers == null ? null : identifiers.get(key);
            v = v == null ? "" : v.replace(" ", "").strip();
            if (v.isEmpty()) {
                throw GuichetException.invalid("IDENTIFIER_REQUIRED", key, "Écrivez " + identifierName(key) + ".");
            }
            if (!IDENTIFIER.matcher(v).matches()) {
                throw GuichetException.invalid("IDENTIFIER_INVALID", key, identifierName(key).substring(0, 1)
                        .toUpperCase(Locale.FRENCH) + identifierName(key).substring(1) + " ne contient que des"
                        + " lettres et des chiffres : vérifiez-le.");
            }
            ids.put(key, v);
        }
        // who may act, and on what, before anything is counted or asked
        String fields = tx.call(em -> {
            DossierEntity d = access.dossier(em, caller, dossierId, Action.EDIT);
            Editing.requireEditable(em, d);
            if (franceConnectSubject != null && !franceConnectSubject.equals(linkedSubject(em, d.applicantId))) {
                throw otherPerson();
            }
            List<FieldDefinition> taken = fieldsFrom(schemes.of(d), source);
            if (taken.isEmpty()) {
                throw GuichetException.invalid("SOURCE_NOT_USED", "source", "Ce formulaire ne demande rien que "
                        + name(source) + " puisse donner.");
            }
            return String.join(", ", taken.stream().map(f -> f.label().fr()).toList());
        });
        limits.hit(LIMIT_ACTION, RateLimits.Scope.ACCOUNT, "dossier:" + dossierId);
        tx.run(em -> {
            DossierEntity d = access.dossier(em, caller, dossierId, Action.EDIT);
            Activity.record(em, "ADMINISTRATION_CONSENT", Activity.actorId(caller), Activity.actorName(caller),
                    Activity.onBehalf(caller, d.applicantId), Activity.channel(caller, d.applicantId), d.id,
                    caller.organisationId(), "Accord donné pour demander à " + name(source) + " : " + fields
                    + (franceConnectSubject != null ? " (avec son compte FranceConnect, sans identifiant)" : ""));
        });
        Map<String, Object> data;
        try {
            data = provider.fetch(ids, LocalDate.now(clock.withZone(PARIS)));
        } catch (ProviderException e) {
            tx.run(em -> Activity.record(em, "ADMINISTRATION_FAILED", Activity.actorId(caller),
                    Activity.actorName(caller), null, Activity.channel(caller, em.find(DossierEntity.class, dossierId)
                            .applicantId), dossierId, caller.organisationId(),
                    name(source) + " n'a pas répondu : " + e.failure() + " (" + e.getMessage() + ")"));
            throw refusal(source, e);
        }
        Instant at = clock.instant();
        return tx.call(em -> {
            // the dossier's row first (SELECT … FOR UPDATE): fetches at once write one after the other instead of
            // both reading it and then deadlocking on the update
            em.find(DossierEntity.class, dossierId, LockModeType.PESSIMISTIC_WRITE);
            DossierAccess.Granted g = access.require(em, caller, dossierId, Action.EDIT);
            DossierEntity d = g.dossier();
            Editing.requireEditable(em, d);
            Map<String, Object> values = new LinkedHashMap<>();
            for (FieldDefinition f : fieldsFrom(schemes.of(d), source)) {
                Object v = data.get(f.sourceDatum());
                if (v != null) {
                    values.put(f.name(), v);
                }
            }
            List<String> filled = Answers.putSourced(d, values, source, at);
            Activity.record(em, "ANSWERS_FROM_ADMINISTRATION", Activity.actorId(caller), Activity.actorName(caller),
                    Activity.onBehalf(caller, d.applicantId), Activity.channel(caller, d.applicantId), d.id,
                    caller.organisationId(), "Réponses données par " + name(source) + " : " + String.join(", ", filled));
            em.flush();
            return views.view(em, d, g.standing(), Locale.FRENCH);
        });
    }

    /** The FranceConnect subject linked to that account, or null. */
    static String linkedSubject(javax.persistence.EntityManager em, Long accountId) {
        if (accountId == null) {
            return null;
        }
        List<String> found = em.createQuery("select l.subject from IdentityLinkEntity l where l.provider = :p and"
                + " l.accountId = :a", String.class).setParameter("p", AnswerSource.FRANCECONNECT.name())
                .setParameter("a", accountId).getResultList();
        return found.size() == 1 ? found.get(0) : null;
    }

    static List<FieldDefinition> fieldsFrom(SchemeDescriptor d, AnswerSource source) {
        return d.sourcedFields().stream().filter(f -> f.source() == source).toList();
    }

    /** What she reads when the administration gave nothing: she continues the old way. */
    static GuichetException refusal(AnswerSource source, ProviderException e) {
        String after = " Vous pouvez continuer sans : répondez aux questions et donnez le document.";
        String who = Character.toUpperCase(name(source).charAt(0)) + name(source).substring(1);
        Map<String, Object> details = Map.of("source", source.name(), "failure", e.failure().name(), "who", who,
                "who.en", englishName(source));
        return switch (e.failure()) {
            case NOT_FOUND -> new GuichetException(GuichetException.Kind.NOT_FOUND, "ADMINISTRATION_NOT_FOUND", null,
                    who + " ne trouve personne avec ces informations. Vérifiez-les et réessayez." + after, null,
                    details);
            case TIMEOUT -> new GuichetException(GuichetException.Kind.UNAVAILABLE, "ADMINISTRATION_UNAVAILABLE", null,
                    who + " met trop de temps à répondre." + after, null, details);
            case UNAVAILABLE, MALFORMED -> new GuichetException(GuichetException.Kind.UNAVAILABLE,
                    "ADMINISTRATION_UNAVAILABLE", null, who + " ne peut pas répondre pour le moment." + after,
                    null, details);
        };
    }

    /** The administration's name in a French sentence. */
    public static String name(AnswerSource source) {
        return switch (source) {
            case DGFIP -> "l'administration des impôts (DGFiP)";
            case FRANCE_TRAVAIL -> "France Travail";
            case FRANCECONNECT -> "FranceConnect";
        };
    }

    /** The administration's name in an English sentence. */
    public static String englishName(AnswerSource source) {
        return switch (source) {
            case DGFIP -> "The tax administration (DGFiP)";
            case FRANCE_TRAVAIL -> "France Travail";
            case FRANCECONNECT -> "FranceConnect";
        };
    }

    private static String identifierName(String key) {
        return switch (key) {
            case AdministrationData.TAX_NUMBER -> "votre numéro fiscal";
            case AdministrationData.NOTICE_REFERENCE -> "la référence de votre avis d'impôt";
            case AdministrationData.JOB_SEEKER_ID -> "votre identifiant France Travail";
            default -> key;
        };
    }
}
