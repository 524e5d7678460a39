package org.guichet.dossiers.internal.instruction;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javax.persistence.EntityManager;
import org.guichet.api.accounts.Caller;
import org.guichet.api.activity.Channel;
import org.guichet.api.error.GuichetException;
import org.guichet.dossiers.internal.access.AccessPolicy;
import org.guichet.dossiers.internal.access.AccessPolicy.Action;
import org.guichet.dossiers.internal.access.DossierAccess;
import org.guichet.dossiers.internal.accounts.AccountViews;
import org.guichet.dossiers.internal.activity.Activity;
import org.guichet.dossiers.internal.jpa.DossierEntity;
import org.guichet.dossiers.internal.shared.Schemes;

/** What every instruction use case shares: access, the clock, the schemes, recording, text limits. */
public final class Desk {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    final Schemes schemes;
    final DossierAccess access;
    final Clock clock;

    public Desk(Schemes schemes, DossierAccess access, Clock clock) {
        this.schemes = schemes;
        this.access = access;
        this.clock = clock;
    }

    LocalDate today() {
        return clock.instant().atZone(PARIS).toLocalDate();
    }

    Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    static void requireStaff(Caller c) {
        if (!DossierAccess.isStaff(c)) {
            throw GuichetException.forbidden("AGENT_ONLY", "Réservé aux agents instructeurs de la Région.");
        }
    }

    /** A submitted dossier of one of the agent's schemes. */
    DossierEntity instructable(EntityManager em, Caller agent, long dossierId) {
        return access.dossier(em, agent, dossierId, Action.INSTRUCT);
    }

    /** Instructable and held by the caller (a supervisor may act on any dossier of her schemes). */
    DossierEntity held(EntityManager em, Caller agent, long dossierId) {
        DossierAccess.Granted g = access.require(em, agent, dossierId, Action.INSTRUCT);
        DossierEntity d = g.dossier();
        AccessPolicy.requireHolder(agent, g.standing(), d.assigneeId(),
                d.assigneeId() == null ? null : AccountViews.person(em, d.assigneeId()).displayName());
        return d;
    }

    static void record(EntityManager em, Caller agent, DossierEntity d, String type, String detail) {
        Activity.record(em, type, agent.accountId(), agent.displayName(), d.applicantId, Channel.AGENT, d.id, null,
                detail);
    }

    void touch(DossierEntity d) {
        d.updatedAt = now();
    }

    static String fr(LocalDate d) {
        return d.format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
    }

    static String limit(String s, int max, String field) {
        if (s != null && s.length() > max) {
            throw new GuichetException(GuichetException.Kind.INVALID, "TOO_LONG", field, "Texte trop long : " + max
                    + " caractères au plus.", null, java.util.Map.of("max", max));
        }
        return s == null ? null : s.strip();
    }

    static String required(String s, String field) {
        if (s == null || s.isBlank()) {
            throw GuichetException.invalid("TEXT_REQUIRED", field, "Ce texte ne peut pas être vide.");
        }
        return s;
    }
}
