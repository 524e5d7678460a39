package org.guichet.dossiers.internal.dossiers;

import java.util.List;
import javax.persistence.EntityManager;
import org.guichet.api.accounts.Caller;
import org.guichet.api.dossiers.LiveEvaluation;
import org.guichet.dossiers.internal.activity.Activity;
import org.guichet.dossiers.internal.jpa.DossierEntity;
import org.guichet.dossiers.internal.observatory.Ledger;

/**
 * The two steps of the observatory's funnel that no action names: the answers complete (the rules can judge them) and
 * the documents complete (every document the rules ask is there). Each is recorded once, by whoever's action reached
 * it, from the live evaluation the dossier's reader sees anyway.
 */
final class Milestones {
    private Milestones() { }

    static void note(EntityManager em, Caller caller, DossierEntity d, LiveEvaluation live) {
        if (live == null || !live.complete() || d.test()) {
            return;
        }
        if (!Ledger.reached(em, d.id, "ANSWERS_COMPLETE_AT")) {
            record(em, caller, d, "ANSWERS_COMPLETE", "Toutes les réponses demandées sont données");
        }
        if (live.checklist().stream().allMatch(i -> i.present()) && !Ledger.reached(em, d.id, "DOCUMENTS_COMPLETE_AT")) {
            record(em, caller, d, "DOCUMENTS_COMPLETE", "Tous les documents demandés sont joints");
        }
    }

    /** A document the checks at upload refused (type, size, content): the reason's code, never the file. */
    static void refusedAtUpload(EntityManager em, Caller caller, DossierEntity d, String documentType, String code) {
        if (d.test()) {
            // the observatory's steps and counts leave test dossiers out
            record(em, caller, d, "DOCUMENT_REFUSED_AT_UPLOAD", documentType + " refusé à l'envoi : " + code);
            return;
        }
        Ledger.document(em, d.schemeId, Ledger.organisationOf(em, d.id), documentType, "REFUSED_AT_UPLOAD", code,
                java.time.Instant.now());
        record(em, caller, d, "DOCUMENT_REFUSED_AT_UPLOAD", documentType + " refusé à l'envoi : " + code);
    }

    private static void record(EntityManager em, Caller caller, DossierEntity d, String type, String detail) {
        Activity.record(em, type, Activity.actorId(caller), Activity.actorName(caller),
                Activity.onBehalf(caller, d.applicantId), Activity.channel(caller, d.applicantId), d.id,
                caller.organisationId(), detail);
    }

    static List<String> types() {
        return List.of("ANSWERS_COMPLETE", "DOCUMENTS_COMPLETE", "DOCUMENT_REFUSED_AT_UPLOAD");
    }
}
