package org.guichet.dossiers.internal.instruction;

import org.guichet.dossiers.internal.dossiers.PortalFacts;
import org.guichet.dossiers.internal.observatory.Ledger;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.persistence.EntityManager;
import org.guichet.api.accounts.Caller;
import org.guichet.api.activity.Channel;
import org.guichet.api.dossiers.PersonRef;
import org.guichet.api.error.GuichetException;
import org.guichet.api.error.GuichetException.Kind;
import org.guichet.api.instruction.ComplementRequest;
import org.guichet.api.mail.OutgoingMail;
import org.guichet.api.scheme.EvaluationService;
import org.guichet.api.scheme.InvalidAnswersException;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.api.scheme.SchemeNotFoundException;
import org.guichet.api.scheme.SchemeUnavailableException;
import org.guichet.dossiers.internal.Json;
import org.guichet.dossiers.internal.Words;
import org.guichet.dossiers.internal.Mails;
import org.guichet.dossiers.internal.access.AccessPolicy.Action;
import org.guichet.dossiers.internal.accounts.AccountViews;
import org.guichet.dossiers.internal.activity.Activity;
import org.guichet.dossiers.internal.jpa.AccountEntity;
import org.guichet.dossiers.internal.jpa.ComplementRequestEntity;
import org.guichet.dossiers.internal.jpa.DossierEntity;
import org.guichet.dossiers.internal.lifecycle.DossierLifecycle.Move;
import org.guichet.dossiers.internal.lifecycle.DossierLifecycle.Transition;
import org.guichet.dossiers.internal.lifecycle.WaitingOn;
import org.guichet.dossiers.internal.shared.Lookups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Complement requests: an agent asks, and the answer — from the applicant, her mediator, an agent on a call with
 * her, or the organisation it is addressed to — is completed in one place ({@link #complete}), so that it always
 * re-runs the rules, gives the agent a new deadline and tells her.
 */
public final class Complements {
    private static final Logger LOG = LoggerFactory.getLogger(Complements.class);

    private final Desk desk;
    private final EvaluationService evaluation;

    public Complements(Desk desk, EvaluationService evaluation) {
        this.desk = desk;
        this.evaluation = evaluation;
    }

    Mails.Mailed<ComplementRequest> request(EntityManager em, Caller agent, long dossierId, String message,
            List<String> documentTypes, List<String> fields, LocalDate deadline, String addressee) {
        Desk.requireStaff(agent);
        String m = Desk.limit(message, 4000, "message");
        if (m == null || m.isBlank()) {
            throw GuichetException.invalid("MESSAGE_REQUIRED", "message", "Expliquez en mots simples ce qu'il faut envoyer.");
        }
        List<String> docs = documentTypes == null ? List.of() : documentTypes;
        List<String> flds = fields == null ? List.of() : fields;
        String to = addressee == null ? "APPLICANT" : addressee;
        if (!Set.of("APPLICANT", "ORGANISATION").contains(to)) {
            throw GuichetException.invalid("ADDRESSEE_INVALID", "addressee", "Le complément est demandé à APPLICANT ou ORGANISATION.");
        }
        LocalDate due = deadline == null ? desk.today().plusDays(15) : deadline;
        DossierEntity d = desk.held(em, agent, dossierId);
        if (Lookups.openComplement(em, d.id) != null) {
            throw GuichetException.conflict("COMPLEMENT_ALREADY_OPEN", "Un complément est déjà demandé pour ce dossier.");
        }
        if ("ORGANISATION".equals(to) && d.organisationId == null) {
            throw GuichetException.invalid("NO_ORGANISATION", "addressee", "Ce dossier ne nomme pas d'organisme de"
                    + " formation : demandez le complément à la personne.");
        }
        SchemeDescriptor s = desk.schemes.of(d);
        for (String t : docs) {
            if (s.document(t) == null) {
                throw GuichetException.invalid("UNKNOWN_DOCUMENT_TYPE", "documentTypes", "Document inconnu : " + t);
            }
        }
        for (String fl : flds) {
            if (s.field(fl) == null) {
                throw GuichetException.invalid("UNKNOWN_FIELD", "fields", "Question inconnue : " + fl);
            }
        }
        d.move(Move.complement(WaitingOn.valueOf(to), due), desk.today());
        ComplementRequestEntity c = new ComplementRequestEntity();
        c.dossierId = d.id;
        c.message = m;
        c.documentTypes = String.join(",", docs);
        c.fields = String.join(",", flds);
        c.deadline = Date.valueOf(due);
        c.addressee = to;
        c.state = "OPEN";
        c.requestedBy = agent.accountId();
        c.requestedAt = desk.now();
        em.persist(c);
        desk.touch(d);
        em.flush();
        for (String t : docs) {
            Ledger.document(em, d.schemeId, Ledger.organisationOf(em, d.id), t, "ASKED_AGAIN", "COMPLEMENT",
                    c.requestedAt.toInstant());
        }
        Desk.record(em, agent, d, "COMPLEMENT_REQUESTED", "Complément demandé"
                + (docs.isEmpty() ? "" : " ; documents : " + String.join(", ", docs))
                + (flds.isEmpty() ? "" : " ; réponses : " + String.join(", ", flds)) + " ; avant le " + Desk.fr(due));
        List<OutgoingMail> notices = new ArrayList<>();
        if ("APPLICANT".equals(to)) {
            for (PersonRef p : CaseFiles.recipients(em, d)) {
                Words w = Words.of(AccountViews.language(em, p.id()));
                List<String> items = new ArrayList<>();
                docs.forEach(t -> items.add(w.in(s.document(t).label())));
                flds.forEach(fl -> items.add(w.get("complementRequest.answer", "label", w.in(s.field(fl).label()))));
                notices.add(Mails.mail(p.email(), w, "complementRequest", "COMPLEMENT_REQUEST", "name", p.displayName(),
                        "reference", d.reference, "scheme", w.in(s.title()), "message", m, "items", Mails.items(items),
                        "deadline", w.day(due)));
            }
        }
        return Mails.Mailed.of(view(em, c), notices);
    }

    /** The applicant, her mediator or an agent on a call with her says the complement is given. */
    Mails.Mailed<ComplementRequest> answer(EntityManager em, Caller caller, long dossierId, long requestId,
            String message) {
        String m = Desk.limit(message, 4000, "message");
        DossierEntity d = desk.access.dossier(em, caller, dossierId, Action.SUBMIT);
        ComplementRequestEntity c = em.find(ComplementRequestEntity.class, requestId);
        if (c == null || c.dossierId.longValue() != d.id.longValue()) {
            throw GuichetException.notFound("COMPLEMENT_NOT_FOUND", "Cette demande de complément n'existe pas.");
        }
        return complete(em, d, c, m, Activity.actorId(caller), Activity.actorName(caller),
                Activity.onBehalf(caller, d.applicantId), Activity.channel(caller, d.applicantId),
                caller.organisationId());
    }

    /** What is still missing of what the request asks (answers given, documents uploaded since it was asked). */
    public static List<Object> missing(EntityManager em, DossierEntity d, ComplementRequestEntity c) {
        List<Object> missing = new ArrayList<>();
        Map<String, Object> answers = Json.readMap(d.answers);
        for (String f : Lookups.list(c.fields)) {
            if (answers.get(f) == null) {
                missing.add(Map.of("field", f, "code", "ANSWER_MISSING", "message", "Réponse attendue : " + f));
            }
        }
        for (String t : Lookups.list(c.documentTypes)) {
            long fresh = em.createQuery("select count(x) from DocumentEntity x where x.dossierId = :d and"
                    + " x.documentType = :t and x.uploadedAt >= :since", Long.class).setParameter("d", d.id)
                    .setParameter("t", t).setParameter("since", c.requestedAt).getSingleResult();
            if (fresh == 0) {
                missing.add(Map.of("field", "documents." + t, "code", "DOCUMENT_MISSING",
                        "message", "Document attendu : " + t));
            }
        }
        return missing;
    }

    /**
     * Closes an open request whose every item is there: the dossier goes back to the agent (lifecycle), the rules
     * judge the completed answers again, the agent holding it is told. The one writer of "complement answered".
     */
    public Mails.Mailed<ComplementRequest> complete(EntityManager em, DossierEntity d, ComplementRequestEntity c,
            String answer, Long actorId, String actorName, Long onBehalfOf, Channel channel, Long organisationId) {
        if (!"OPEN".equals(c.state)) {
            throw GuichetException.conflict("COMPLEMENT_NOT_OPEN", "Cette demande de complément est déjà close.");
        }
        List<Object> missing = missing(em, d, c);
        if (!missing.isEmpty()) {
            throw new GuichetException(Kind.CONFLICT, "COMPLEMENT_INCOMPLETE", null,
                    "Il manque encore ce que l'agent a demandé.", missing, null);
        }
        Timestamp now = desk.now();
        d.move(Move.of(Transition.ANSWER_COMPLEMENT), desk.today());
        c.state = "ANSWERED";
        c.answeredBy = actorId;
        c.answeredAt = now;
        c.answer = answer;
        // the rules judge the completed answers again, with the version the dossier is pinned to
        try {
            d.evaluation = Json.write(evaluation.evaluate(d.schemeId, d.schemeVersion, Json.readMap(d.answers),
                    Locale.FRENCH, PortalFacts.of(em, d)));
        } catch (InvalidAnswersException | SchemeNotFoundException | SchemeUnavailableException e) {
            LOG.warn("Dossier {}: answers not evaluable after the complement: {}", d.reference, e.getMessage());
        }
        d.updatedAt = now;
        em.flush();
        Ledger.waited(em, d.id, c.addressee, c.requestedAt.toInstant(), now.toInstant());
        Activity.record(em, "COMPLEMENT_ANSWERED", actorId, actorName, onBehalfOf, channel, d.id, organisationId,
                "Complément envoyé" + (answer == null ? "" : " : " + answer));
        OutgoingMail notice = null;
        if (d.assigneeId() != null) {
            AccountEntity agent = em.find(AccountEntity.class, d.assigneeId());
            notice = Mails.mail(agent.email, Words.of(agent.language), "complementAnswered", "COMPLEMENT_ANSWERED",
                    "name", agent.displayName, "reference", d.reference);
        }
        return Mails.Mailed.of(view(em, c), notice);
    }

    static List<ComplementRequest> list(EntityManager em, long dossierId) {
        return em.createQuery("select c from ComplementRequestEntity c where c.dossierId = :d order by c.id",
                ComplementRequestEntity.class).setParameter("d", dossierId).getResultList().stream()
                .map(c -> view(em, c)).toList();
    }

    static ComplementRequest view(EntityManager em, ComplementRequestEntity c) {
        return new ComplementRequest(c.id, c.message, Lookups.list(c.documentTypes), Lookups.list(c.fields),
                c.deadline.toLocalDate(), c.addressee, c.state, AccountViews.person(em, c.requestedBy),
                c.requestedAt.toInstant(), AccountViews.person(em, c.answeredBy),
                c.answeredAt == null ? null : c.answeredAt.toInstant(), c.answer);
    }
}
