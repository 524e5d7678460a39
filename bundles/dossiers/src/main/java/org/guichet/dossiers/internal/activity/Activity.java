package org.guichet.dossiers.internal.activity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.persistence.EntityManager;
import org.guichet.api.accounts.Caller;
import org.guichet.api.activity.ActivityEvent;
import org.guichet.api.activity.Channel;
import org.guichet.dossiers.internal.jpa.ActivityEventEntity;

/** Records events in the caller's transaction, so that an action and its trace are written together or not at all. */
public final class Activity {
    private Activity() { }

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
