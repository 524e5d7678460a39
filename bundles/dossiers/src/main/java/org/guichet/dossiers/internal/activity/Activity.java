package org.guichet.dossiers.internal.activity;

import java.sql.Timestamp;
import org.guichet.dossiers.internal.observatory.Ledger;
import java.time.Instant;
import java.util.List;
import javax.persistence.EntityManager;
import org.guichet.api.accounts.Caller;
import org.guichet.api.activity.ActivityEvent;
import org.guichet.api.activity.Channel;
import org.guichet.dossiers.internal.jpa.ActivityEventEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records events in the caller's transaction, so that an action and its trace are written together or not at all.
 * The events about identity, access and money (sign-ins and their failures, lockouts, accounts, keys, mandates,
 * second factors, approvals, payments, phone calls) also go to the security log ({@code org.guichet.security}, in
 * data/log with the rest) as one line each: the event, who acted, for whom, on which dossier or organisation — never
 * a name, an address or the event's free text (ASVS 16.3). A transaction replayed after a conflict may write its
 * line twice; the database record is the reference.
 */
public final class Activity {
    private static final Logger SECURITY = LoggerFactory.getLogger("org.guichet.security");
    private static final List<String> SECURITY_PREFIXES = List.of("SIGN_", "SIGNED_", "ACCOUNT_", "ACTIVATION_",
            "PASSWORD_", "API_KEY_", "MANDATE_", "SESSION", "MFA_", "SECOND_FACTOR", "SECOND_STEP", "TOTP_", "RECOVERY_", "STAFF_",
            "DECISION_APPROVED", "DECISION_PROPOSAL", "PAYMENT_ISSUED", "PAID", "PHONE_CALL_", "ORGANISATION_",
            "SCHEME_VERSION_CHANGED", "DOSSIER_ASSIGNED");

    private Activity() { }

    /** Whether an event type goes to the security log too. */
    public static boolean security(String type) {
        return type != null && SECURITY_PREFIXES.stream().anyMatch(type::startsWith);
    }

    public static void record(EntityManager em, String type, Long actorId, String actorName, Long onBehalfOfId,
            Channel channel, Long dossierId, Long organisationId, String detail) {
        ActivityEventEntity e = new ActivityEventEntity();
        e.occurredAt = Timestamp.from(Instant.now());
        e.type = type;
        e.actorId = actorId;
        e.actorName = actorName == null ? null : cut(actorName, 200);
        e.onBehalfOfId = onBehalfOfId;
        e.channel = channel.name();
        e.dossierId = dossierId;
        e.organisationId = organisationId;
        e.detail = detail == null ? null : cut(detail, 4000);
        em.persist(e);
        // the observatory's figures move with the event, in the same transaction (issue 15)
        Ledger.onEvent(em, type, actorId, e.channel, dossierId, organisationId, e.occurredAt.toInstant());
        if (security(type)) {
            SECURITY.info("event={} actor={} onBehalfOf={} channel={} dossier={} organisation={}", type, actorId,
                    onBehalfOfId, channel, dossierId, organisationId);
        }
    }

    /** Who acted: the agent when she acts for the applicant during a phone call, else the caller. */
    public static Long actorId(Caller caller) {
        return caller.assistance() != null ? caller.assistance().agentId() : caller.accountId();
    }

    public static String actorName(Caller caller) {
        return caller.assistance() != null ? caller.assistance().agentName() : caller.displayName();
    }

    /** ONLINE for the applicant herself, PHONE for an agent helping her on a call, MEDIATOR for a mediator. */
    public static Channel channel(Caller caller, long applicantId) {
        if (caller.assistance() != null) {
            return Channel.PHONE;
        }
        return caller.accountId() == applicantId ? Channel.ONLINE : Channel.MEDIATOR;
    }

    public static Long onBehalf(Caller caller, long applicantId) {
        return caller.assistance() != null || caller.accountId() != applicantId ? applicantId : null;
    }

    public static List<ActivityEvent> forDossier(EntityManager em, long dossierId) {
        return em.createQuery("select e from ActivityEventEntity e where e.dossierId = :d order by e.id",
                ActivityEventEntity.class).setParameter("d", dossierId).getResultList().stream()
                .map(Activity::view).toList();
    }

    public static ActivityEvent view(ActivityEventEntity e) {
        return new ActivityEvent(e.id, e.occurredAt.toInstant(), e.type, e.actorId, e.actorName, e.onBehalfOfId,
                Channel.valueOf(e.channel), e.dossierId, e.organisationId, e.detail);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
