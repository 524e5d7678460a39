package org.guichet.dossiers.internal.instruction;

import java.util.ArrayList;
import java.util.List;
import javax.persistence.EntityManager;
import org.guichet.api.accounts.Caller;
import org.guichet.api.activity.Channel;
import org.guichet.api.dossiers.PersonRef;
import org.guichet.api.instruction.InternalNote;
import org.guichet.api.instruction.ThreadMessage;
import org.guichet.api.mail.OutgoingMail;
import org.guichet.dossiers.internal.Mails;
import org.guichet.dossiers.internal.Words;
import org.guichet.dossiers.internal.access.AccessPolicy.Action;
import org.guichet.dossiers.internal.access.AccessPolicy.Standing;
import org.guichet.dossiers.internal.access.DossierAccess;
import org.guichet.dossiers.internal.accounts.AccountViews;
import org.guichet.dossiers.internal.activity.Activity;
import org.guichet.dossiers.internal.jpa.DossierEntity;
import org.guichet.dossiers.internal.jpa.MessageEntity;
import org.guichet.dossiers.internal.jpa.NoteEntity;

/** The dossier's thread (applicant, mediator, agents) and the agents' internal notes, never shown to applicants. */
final class Threads {
    private final Desk desk;

    Threads(Desk desk) {
        this.desk = desk;
    }

    InternalNote addNote(EntityManager em, Caller agent, long dossierId, String body) {
        Desk.requireStaff(agent);
        String b = Desk.required(Desk.limit(body, 4000, "body"), "body");
        DossierEntity d = desk.instructable(em, agent, dossierId);
        NoteEntity n = new NoteEntity();
        n.dossierId = d.id;
        n.authorId = agent.accountId();
        n.body = b;
        n.postedAt = desk.now();
        em.persist(n);
        em.flush();
        Desk.record(em, agent, d, "NOTE_ADDED", "Note interne ajoutée");
        return new InternalNote(n.id, AccountViews.person(em, n.authorId), n.body, n.postedAt.toInstant());
    }

    Mails.Mailed<ThreadMessage> post(EntityManager em, Caller caller, long dossierId, String body) {
        String b = Desk.required(Desk.limit(body, 4000, "body"), "body");
        DossierAccess.Granted g = desk.access.require(em, caller, dossierId, Action.POST_MESSAGE);
        DossierEntity d = g.dossier();
        boolean asAgent = g.standing() == Standing.AGENT || g.standing() == Standing.SUPERVISOR;
        MessageEntity m = new MessageEntity();
        m.dossierId = d.id;
        m.authorId = Activity.actorId(caller);
        m.authorRole = asAgent || caller.assistance() != null ? "AGENT"
                : caller.accountId() == d.applicantId ? "APPLICANT" : "MEDIATOR";
        m.body = b;
        m.postedAt = desk.now();
        em.persist(m);
        em.flush();
        Activity.record(em, "MESSAGE_POSTED", Activity.actorId(caller), Activity.actorName(caller),
                asAgent ? null : Activity.onBehalf(caller, d.applicantId),
                asAgent ? Channel.AGENT : Activity.channel(caller, d.applicantId), d.id, caller.organisationId(),
                "Message (" + m.authorRole + ")");
        List<OutgoingMail> notices = new ArrayList<>();
        if ("AGENT".equals(m.authorRole)) {
            for (PersonRef p : CaseFiles.recipients(em, d)) {
                notices.add(Mails.mail(p.email(), Words.of(AccountViews.language(em, p.id())), "message", "MESSAGE",
                        "name", p.displayName(), "reference", d.reference, "message", b));
            }
        }
        return Mails.Mailed.of(message(em, m), notices);
    }

    static List<ThreadMessage> messages(EntityManager em, long dossierId) {
        return em.createQuery("select m from MessageEntity m where m.dossierId = :d order by m.id", MessageEntity.class)
                .setParameter("d", dossierId).getResultList().stream().map(m -> message(em, m)).toList();
    }

    static ThreadMessage message(EntityManager em, MessageEntity m) {
        return new ThreadMessage(m.id, AccountViews.person(em, m.authorId), m.authorRole, m.body, m.postedAt.toInstant());
    }

    static List<InternalNote> notes(EntityManager em, long dossierId) {
        return em.createQuery("select n from NoteEntity n where n.dossierId = :d order by n.id", NoteEntity.class)
                .setParameter("d", dossierId).getResultList().stream()
                .map(n -> new InternalNote(n.id, AccountViews.person(em, n.authorId), n.body, n.postedAt.toInstant()))
                .toList();
    }
}
