package org.guichet.dossiers.internal.instruction;

import java.sql.Timestamp;
import org.guichet.dossiers.internal.observatory.Ledger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.persistence.EntityManager;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.activity.Channel;
import org.guichet.api.error.GuichetException;
import org.guichet.api.instruction.PhoneCall;
import org.guichet.dossiers.internal.access.AccessPolicy;
import org.guichet.dossiers.internal.access.AccessPolicy.Action;
import org.guichet.dossiers.internal.accounts.AccountViews;
import org.guichet.dossiers.internal.activity.Activity;
import org.guichet.dossiers.internal.jpa.AccountEntity;
import org.guichet.dossiers.internal.jpa.DossierEntity;
import org.guichet.dossiers.internal.jpa.PhoneCallEntity;

/**
 * Phone help. A call opened on a dossier (of a scheme the agent instructs) lets the agent act for the applicant on
 * that dossier only, until she ends the call or its time runs out; a call about the account (help to sign in)
 * reaches no dossier. What the agent does is recorded as hers, on the applicant's behalf, channel PHONE.
 */
final class PhoneCalls {
    private final Desk desk;
    private final Duration longest;

    PhoneCalls(Desk desk, Duration longest) {
        this.desk = desk;
        this.longest = longest;
    }

    PhoneCall start(EntityManager em, Caller agent, long applicantId, Long dossierId, String reason) {
        Desk.requireStaff(agent);
        String why = Desk.required(Desk.limit(reason, 1000, "reason"), "reason");
        AccountEntity applicant = em.find(AccountEntity.class, applicantId);
        if (applicant == null || !AccountViews.roles(applicant).contains(Role.APPLICANT)) {
            throw GuichetException.notFound("APPLICANT_NOT_FOUND", "Ce demandeur n'existe pas.");
        }
        if (dossierId != null) {
            DossierEntity d = desk.access.dossier(em, agent, dossierId, Action.PHONE_HELP);
            if (d.applicantId.longValue() != applicantId) {
                throw AccessPolicy.notFound();
            }
        }
        Instant now = desk.clock.instant();
        PhoneCallEntity c = new PhoneCallEntity();
        c.agentId = agent.accountId();
        c.applicantId = applicantId;
        c.dossierId = dossierId;
        c.reason = why;
        c.startedAt = Timestamp.from(now);
        c.endsAt = Timestamp.from(now.plus(longest));
        em.persist(c);
        em.flush();
        Activity.record(em, "PHONE_CALL_STARTED", agent.accountId(), agent.displayName(), applicantId, Channel.PHONE,
                dossierId, null, "Appel : " + why);
        return view(em, c, now);
    }

    PhoneCall end(EntityManager em, Caller agent, long callId, String outcome) {
        Desk.requireStaff(agent);
        String o = Desk.limit(outcome, 2000, "outcome");
        PhoneCallEntity c = own(em, agent, callId);
        Instant now = desk.clock.instant();
        if (c.endedAt == null) {
            c.endedAt = Timestamp.from(now.isBefore(c.endsAt.toInstant()) ? now : c.endsAt.toInstant());
            c.outcome = o;
            Activity.record(em, "PHONE_CALL_ENDED", agent.accountId(), agent.displayName(), c.applicantId,
                    Channel.PHONE, c.dossierId, null, "Appel terminé (" + seconds(c, now) + " s)"
                            + (o == null ? "" : " : " + o));
            Ledger.phoneCall(em, c.dossierId, seconds(c, now), now);
        }
        return view(em, c, now);
    }

    /** The applicant as the agent may act for her now, or why not (an ended or expired call, a foreign call). */
    Caller assisted(EntityManager em, Caller agent, long callId) {
        Desk.requireStaff(agent);
        PhoneCallEntity c = own(em, agent, callId);
        Instant now = desk.clock.instant();
        if (c.endedAt != null || !now.isBefore(c.endsAt.toInstant())) {
            throw GuichetException.conflict("CALL_ENDED", "Cet appel est terminé : on n'agit plus pour la personne."
                    + " Ouvrez un nouvel appel si elle a encore besoin d'aide.");
        }
        if (c.dossierId != null) {
            // the agent must still instruct the dossier's scheme
            desk.access.dossier(em, agent, c.dossierId, Action.PHONE_HELP);
        }
        AccountEntity a = em.find(AccountEntity.class, c.applicantId);
        Caller applicant = AccountViews.caller(a);
        return new Caller(applicant.accountId(), applicant.email(), applicant.displayName(), applicant.roles(),
                applicant.organisationId(), applicant.schemes(),
                new Caller.Assistance(agent.accountId(), agent.displayName(), c.id, c.dossierId, c.endsAt.toInstant()));
    }

    private static PhoneCallEntity own(EntityManager em, Caller agent, long callId) {
        PhoneCallEntity c = em.find(PhoneCallEntity.class, callId);
        if (c == null || c.agentId.longValue() != agent.accountId()) {
            throw GuichetException.notFound("CALL_NOT_FOUND", "Cet appel n'existe pas.");
        }
        return c;
    }

    static List<PhoneCall> list(EntityManager em, long dossierId, Instant now) {
        return em.createQuery("select c from PhoneCallEntity c where c.dossierId = :d order by c.id", PhoneCallEntity.class)
                .setParameter("d", dossierId).getResultList().stream().map(c -> view(em, c, now)).toList();
    }

    /** How long the call lasted, or has lasted so far (never past its end of validity). */
    static long seconds(PhoneCallEntity c, Instant now) {
        Instant end = c.endedAt != null ? c.endedAt.toInstant()
                : c.endsAt != null && c.endsAt.toInstant().isBefore(now) ? c.endsAt.toInstant() : now;
        return Math.max(0, Duration.between(c.startedAt.toInstant(), end).toSeconds());
    }

    static PhoneCall view(EntityManager em, PhoneCallEntity c, Instant now) {
        boolean over = c.endedAt != null || (c.endsAt != null && !now.isBefore(c.endsAt.toInstant()));
        Instant ended = c.endedAt != null ? c.endedAt.toInstant() : over ? c.endsAt.toInstant() : null;
        return new PhoneCall(c.id, AccountViews.person(em, c.agentId), AccountViews.person(em, c.applicantId),
                c.dossierId, c.reason, c.outcome, c.startedAt.toInstant(), ended, over ? seconds(c, now) : null);
    }
}
