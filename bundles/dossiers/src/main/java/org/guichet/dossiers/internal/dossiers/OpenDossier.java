package org.guichet.dossiers.internal.dossiers;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.persistence.EntityManager;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.activity.Channel;
import org.guichet.api.dossiers.DossierState;
import org.guichet.api.dossiers.EnrolmentOffer;
import org.guichet.api.error.GuichetException;
import org.guichet.api.scheme.Audience;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.dossiers.internal.Json;
import org.guichet.dossiers.internal.access.AccessPolicy.Action;
import org.guichet.dossiers.internal.access.DossierAccess;
import org.guichet.dossiers.internal.activity.Activity;
import org.guichet.dossiers.internal.observatory.Ledger;
import org.guichet.dossiers.internal.jpa.AccountEntity;
import org.guichet.dossiers.internal.jpa.DocumentEntity;
import org.guichet.dossiers.internal.jpa.DossierEntity;
import org.guichet.dossiers.internal.jpa.EnrolmentEntity;
import org.guichet.dossiers.internal.jpa.MandateEntity;
import org.guichet.dossiers.internal.shared.Lookups;
import org.guichet.dossiers.internal.shared.Schemes;
import org.guichet.dossiers.internal.shared.Storage;

/**
 * Opening a dossier, and what organisations that enrolled the applicant bring to it. A new dossier takes the
 * latest enrolment's data at once (marked as the organisation's, and it names that organisation); a draft opened
 * before an enrolment arrived receives nothing until the applicant (or her mediator) accepts the offer.
 */
public final class OpenDossier {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** the enrolment fields a partner organisation may pre-fill, when the scheme asks for them */
    static final Set<String> PREFILLABLE = Set.of("birthDate", "trainingStartDate", "trainingEndDate", "trainingHours",
            "programme", "regionFunded");
    static final String CERTIFICATE = "TRAINING_ENTRY_CERTIFICATE";
    /** test dossiers' references (ESSAI-2026-000001), their own counter: no scheme's numbering has gaps for them */
    public static final String TEST_PREFIX = "ESSAI";

    private final Schemes schemes;
    private final DossierAccess access;
    private final Clock clock;

    public OpenDossier(Schemes schemes, DossierAccess access, Clock clock) {
        this.schemes = schemes;
        this.access = access;
        this.clock = clock;
    }

    /** Checks done before any transaction: the scheme and who may file it. */
    public SchemeDescriptor check(Caller caller, String schemeId, Long applicantId) {
        if (schemeId == null || schemeId.isBlank()) {
            throw GuichetException.invalid("SCHEME_REQUIRED", "schemeId", "Indiquez l'aide demandée.");
        }
        if (caller.assistance() != null) {
            throw GuichetException.forbidden("CALL_SCOPE", "Un appel donne accès au seul dossier sur lequel il a été"
                    + " ouvert : la personne ouvre elle-même une nouvelle demande.");
        }
        SchemeDescriptor d = schemes.active(schemeId, null);
        if (!forOther(caller, applicantId)) {
            if (!caller.has(Role.APPLICANT)) {
                throw GuichetException.forbidden("APPLICANT_ONLY", "Seul un demandeur ouvre une demande pour lui-même ;"
                        + " pour quelqu'un d'autre, indiquez applicantId (avec son mandat).");
            }
            if (!d.filers().contains("APPLICANT")) {
                throw GuichetException.forbidden("FILED_BY_MEDIATOR", "Cette aide se demande avec votre conseiller ou"
                        + " votre conseillère (Mission locale) : c'est lui ou elle qui fait la demande avec vous.");
            }
        } else {
            if (!caller.has(Role.MEDIATOR)) {
                throw GuichetException.forbidden("MANDATE_REQUIRED", "Seul un médiateur mandaté peut ouvrir une demande"
                        + " pour quelqu'un d'autre.");
            }
            if (!d.filers().contains("MEDIATOR")) {
                throw GuichetException.forbidden("FILED_BY_APPLICANT", "Cette aide ne peut pas être demandée par un"
                        + " médiateur.");
            }
        }
        return d;
    }

    /**
     * Checks done before opening a test dossier: the region's staff alone, as themselves (never on a call for
     * someone), on the version they are served (see {@link Schemes#forTest}).
     */
    public SchemeDescriptor checkTest(Caller caller, String schemeId) {
        if (Audience.of(caller) != Audience.STAFF) {
            throw GuichetException.forbidden("TEST_DOSSIER_STAFF_ONLY", "Seuls les agents, responsables et"
                    + " administrateurs de la Région ouvrent des dossiers de test, en leur nom propre.");
        }
        return schemes.forTest(schemeId);
    }

    static boolean forOther(Caller caller, Long applicantId) {
        return applicantId != null && applicantId.longValue() != caller.accountId();
    }

    public DossierEntity create(EntityManager em, Caller caller, SchemeDescriptor d, Long applicantId) {
        return create(em, caller, d, applicantId, false);
    }

    /**
     * @param test a test dossier ({@link #checkTest} passed): its applicant is the staff member herself, its
     *             reference ESSAI-…, and no organisation's enrolment enters it (an organisation's key never reaches it)
     */
    public DossierEntity create(EntityManager em, Caller caller, SchemeDescriptor d, Long applicantId, boolean test) {
        boolean forOther = !test && forOther(caller, applicantId);
        long applicant = forOther ? applicantId : caller.accountId();
        MandateEntity mandate = null;
        if (forOther) {
            mandate = Lookups.activeMandate(em, caller.accountId(), applicant);
            if (mandate == null) {
                throw GuichetException.forbidden("MANDATE_REQUIRED", "Vous n'avez pas de mandat en cours de cette"
                        + " personne : demandez-lui d'abord son accord.");
            }
        }
        AccountEntity person = em.find(AccountEntity.class, applicant);
        Instant now = clock.instant();
        DossierEntity e = new DossierEntity();
        if (test) {
            e.markTest();
        }
        e.reference = References.next(em, test ? TEST_PREFIX : referencePrefix(d.id()), now.atZone(PARIS).getYear());
        e.schemeId = d.id();
        e.schemeVersion = d.version();
        e.applicantId = applicant;
        e.createdBy = caller.accountId();
        e.mandateId = mandate == null ? null : mandate.id;
        e.createdAt = Timestamp.from(now);
        e.updatedAt = e.createdAt;
        e.answers = Json.write(Map.of());
        e.answerSources = Json.write(Map.of());
        em.persist(e);
        em.flush();
        Activity.record(em, "DOSSIER_CREATED", Activity.actorId(caller), Activity.actorName(caller),
                Activity.onBehalf(caller, applicant), Activity.channel(caller, applicant), e.id, caller.organisationId(),
                (test ? "Dossier de test " : "Demande ") + e.reference + " ouvert" + (test ? "" : "e") + " (" + d.id()
                        + " " + d.version() + ")");
        List<EnrolmentEntity> enrolments = test ? List.of() : Lookups.latestEnrolments(em, person.email);
        if (!enrolments.isEmpty()) {
            bring(em, e, d, enrolments.get(0), false);
        }
        // after the organisation's: what FranceConnect verified wins over what an organisation typed
        VerifiedAnswers.apply(em, e, d);
        em.flush();
        return e;
    }

    /** Enrolments not yet brought into this draft. */
    public List<EnrolmentOffer> offers(EntityManager em, Caller caller, long dossierId) {
        DossierEntity d = access.dossier(em, caller, dossierId, Action.EDIT);
        if (d.state() != DossierState.DRAFT || d.test()) {
            // a test dossier takes nothing from an organisation (whose key must never reach it)
            return List.of();
        }
        SchemeDescriptor descriptor = schemes.orNull(d);
        if (descriptor == null) {
            return List.of();
        }
        AccountEntity person = em.find(AccountEntity.class, d.applicantId);
        List<EnrolmentOffer> out = new ArrayList<>();
        for (EnrolmentEntity e : Lookups.latestEnrolments(em, person.email)) {
            if (e.organisationId.equals(d.organisationId)) {
                continue;
            }
            List<String> fields = Json.readMap(e.data).entrySet().stream().filter(x -> x.getValue() != null
                    && PREFILLABLE.contains(x.getKey()) && descriptor.field(x.getKey()) != null).map(Map.Entry::getKey)
                    .sorted().toList();
            boolean certificate = e.certificateDocumentId != null && descriptor.document(CERTIFICATE) != null;
            if (!fields.isEmpty() || certificate) {
                out.add(new EnrolmentOffer(e.id, e.organisationId, Lookups.organisationName(em, e.organisationId),
                        fields, certificate, e.receivedAt.toInstant()));
            }
        }
        return out;
    }

    public DossierEntity acceptOffer(EntityManager em, Caller caller, long dossierId, long enrolmentId) {
        DossierEntity d = access.dossier(em, caller, dossierId, Action.EDIT);
        if (d.state() != DossierState.DRAFT) {
            throw GuichetException.conflict("DOSSIER_NOT_DRAFT", "Cette demande a déjà été envoyée : les informations de"
                    + " l'organisme ne peuvent plus y entrer.");
        }
        if (offers(em, caller, dossierId).stream().noneMatch(o -> o.enrolmentId() == enrolmentId)) {
            throw GuichetException.notFound("OFFER_NOT_FOUND", "Cette proposition d'un organisme n'existe pas pour cette"
                    + " demande.");
        }
        EnrolmentEntity e = em.find(EnrolmentEntity.class, enrolmentId);
        bring(em, d, schemes.of(d), e, true);
        Activity.record(em, "OFFER_ACCEPTED", Activity.actorId(caller), Activity.actorName(caller),
                Activity.onBehalf(caller, d.applicantId), Activity.channel(caller, d.applicantId), d.id,
                caller.organisationId(), "Informations de " + Lookups.organisationName(em, e.organisationId)
                        + " acceptées");
        return d;
    }

    /** Puts an enrolment's answers (where none is given yet, or when accepted) and certificate into the dossier. */
    private static void bring(EntityManager em, DossierEntity d, SchemeDescriptor descriptor, EnrolmentEntity enrolment,
            boolean accepted) {
        Map<String, Object> answers = new LinkedHashMap<>(Json.readMap(d.answers));
        Map<String, String> sources = new LinkedHashMap<>(Json.readStringMap(d.answerSources));
        List<String> filled = new ArrayList<>();
        Json.readMap(enrolment.data).forEach((k, v) -> {
            // an administration's answer (e.g. the birth date FranceConnect verified) stays: it is read-only
            if (PREFILLABLE.contains(k) && descriptor.field(k) != null && v != null
                    && org.guichet.api.scheme.AnswerSource.Origin.parse(sources.get(k)).isEmpty()) {
                answers.put(k, v);
                sources.put(k, "ORGANISATION:" + enrolment.organisationId);
                filled.add(k);
            }
        });
        d.answers = Json.write(answers);
        d.answerSources = Json.write(sources);
        d.organisationId = enrolment.organisationId;
        d.updatedAt = Timestamp.from(Instant.now());
        String org = Lookups.organisationName(em, enrolment.organisationId);
        if (!filled.isEmpty()) {
            Activity.record(em, "ANSWERS_PREFILLED", null, org, d.applicantId, Channel.PARTNER, d.id,
                    enrolment.organisationId, "Réponses venues de l'organisme de formation"
                            + (accepted ? ", acceptées" : "") + " : " + String.join(", ", filled));
            Ledger.organisationAnswers(em, d.id, enrolment.organisationId, filled.size());
        }
        if (enrolment.certificateDocumentId != null && descriptor.document(CERTIFICATE) != null) {
            boolean has = em.createQuery("select count(x) from DocumentEntity x where x.dossierId = :d and"
                    + " x.documentType = :t", Long.class).setParameter("d", d.id).setParameter("t", CERTIFICATE)
                    .getSingleResult() > 0;
            if (!has) {
                DocumentEntity cert = em.find(DocumentEntity.class, enrolment.certificateDocumentId);
                em.persist(Storage.copyDocument(cert, d.id, CERTIFICATE));
                Activity.record(em, "DOCUMENT_ADDED", null, org, d.applicantId, Channel.PARTNER, d.id,
                        enrolment.organisationId, "Attestation d'entrée en formation fournie par l'organisme");
            }
        }
        em.flush();
    }

    /** Initials of a compound id (vocational-training → VT); the first four letters of a one-word id. */
    static String referencePrefix(String schemeId) {
        List<String> words = java.util.Arrays.stream(schemeId.split("[-_.]")).filter(s -> !s.isEmpty()).toList();
        String p = (words.size() == 1 ? words.get(0).substring(0, Math.min(4, words.get(0).length()))
                : words.stream().map(s -> s.substring(0, 1)).collect(Collectors.joining())).toUpperCase(Locale.ROOT);
        return p.length() > 10 ? p.substring(0, 10) : p;
    }
}
