package org.guichet.dossiers.internal.instruction;

import java.util.List;
import org.guichet.dossiers.internal.observatory.Ledger;
import javax.persistence.EntityManager;
import org.guichet.api.accounts.Caller;
import org.guichet.api.error.GuichetException;
import org.guichet.api.instruction.DocumentCheck;
import org.guichet.api.instruction.Reason;
import org.guichet.dossiers.internal.accounts.AccountViews;
import org.guichet.dossiers.internal.dossiers.DossierViews;
import org.guichet.dossiers.internal.jpa.DocumentCheckEntity;
import org.guichet.dossiers.internal.jpa.DocumentEntity;
import org.guichet.dossiers.internal.jpa.DossierEntity;

/** An agent accepts or rejects each document, a rejection with a reason from the list. */
final class DocumentChecks {
    static final List<Reason> REJECTION_REASONS = List.of(
            new Reason("ILLEGIBLE", "Le document est illisible ou flou"),
            new Reason("EXPIRED", "Le document n'est plus valable"),
            new Reason("WRONG_DOCUMENT", "Ce n'est pas le document demandé"),
            new Reason("INCOMPLETE", "Il manque des pages ou des informations"),
            new Reason("NAME_MISMATCH", "Le document n'est pas au nom de la personne"),
            new Reason("OTHER", "Autre raison (précisée dans le commentaire)"));

    private final Desk desk;

    DocumentChecks(Desk desk) {
        this.desk = desk;
    }

    DocumentCheck check(EntityManager em, Caller agent, long dossierId, long documentId, String status,
            String reasonCode, String comment) {
        Desk.requireStaff(agent);
        if (!"ACCEPTED".equals(status) && !"REJECTED".equals(status)) {
            throw GuichetException.invalid("STATUS_INVALID", "status", "Le document est ACCEPTED (accepté) ou REJECTED (refusé).");
        }
        if ("REJECTED".equals(status) && REJECTION_REASONS.stream().noneMatch(r -> r.code().equals(reasonCode))) {
            throw GuichetException.invalid("REASON_REQUIRED", "reasonCode", "Choisissez la raison du refus dans la liste.");
        }
        if ("OTHER".equals(reasonCode) && (comment == null || comment.isBlank())) {
            throw GuichetException.invalid("COMMENT_REQUIRED", "comment", "Précisez la raison du refus.");
        }
        String c = Desk.limit(comment, 2000, "comment");
        DossierEntity d = desk.held(em, agent, dossierId);
        if (!d.state().underInstruction()) {
            throw GuichetException.conflict("DOSSIER_DECIDED", "Ce dossier est déjà décidé.");
        }
        DocumentEntity doc = DossierViews.documentOf(em, d, documentId);
        DocumentCheckEntity e = new DocumentCheckEntity();
        e.dossierId = d.id;
        e.documentId = doc.id;
        e.documentType = doc.documentType;
        e.status = status;
        e.reasonCode = "REJECTED".equals(status) ? reasonCode : null;
        e.comment = c;
        e.agentId = agent.accountId();
        e.checkedAt = desk.now();
        em.persist(e);
        desk.touch(d);
        em.flush();
        if ("REJECTED".equals(status)) {
            Ledger.document(em, d.schemeId, Ledger.organisationOf(em, d.id), doc.documentType, "REJECTED",
                    reasonCode, e.checkedAt.toInstant());
        }
        Desk.record(em, agent, d, "DOCUMENT_CHECKED", doc.documentType + " (" + doc.fileName + ") : "
                + ("ACCEPTED".equals(status) ? "accepté" : "refusé — " + label(reasonCode)));
        return view(em, e);
    }

    /**
     * Accepts every document that has no check yet, in one transaction: which ones remain is read inside it, after the
     * dossier row is touched, so a check made at the same moment by someone else is either seen (and kept) or makes
     * this transaction lose on the row's version and be replayed; never a check overwritten.
     */
    List<DocumentCheck> acceptRemaining(EntityManager em, Caller agent, long dossierId) {
        Desk.requireStaff(agent);
        DossierEntity d = desk.held(em, agent, dossierId);
        if (!d.state().underInstruction()) {
            throw GuichetException.conflict("DOSSIER_DECIDED", "Ce dossier est déjà décidé.");
        }
        java.util.Set<Long> checked = new java.util.HashSet<>(em.createQuery("select c.documentId from"
                + " DocumentCheckEntity c where c.dossierId = :d", Long.class).setParameter("d", d.id).getResultList());
        List<DocumentCheckEntity> made = new java.util.ArrayList<>();
        java.sql.Timestamp now = desk.now();
        for (DocumentEntity doc : DossierViews.documents(em, d.id)) {
            if (checked.contains(doc.id) || "DECISION_LETTER".equals(doc.documentType)) {
                continue;
            }
            DocumentCheckEntity e = new DocumentCheckEntity();
            e.dossierId = d.id;
            e.documentId = doc.id;
            e.documentType = doc.documentType;
            e.status = "ACCEPTED";
            e.agentId = agent.accountId();
            e.checkedAt = now;
            em.persist(e);
            made.add(e);
            Desk.record(em, agent, d, "DOCUMENT_CHECKED", doc.documentType + " (" + doc.fileName + ") : accepté");
        }
        if (!made.isEmpty()) {
            desk.touch(d);
            em.flush();
        }
        return made.stream().map(e -> view(em, e)).toList();
    }

    static DocumentCheck view(EntityManager em, DocumentCheckEntity c) {
        return new DocumentCheck(c.id, c.documentId, c.documentType, c.status, c.reasonCode,
                c.reasonCode == null ? null : label(c.reasonCode), c.comment, AccountViews.person(em, c.agentId),
                c.checkedAt.toInstant());
    }

    static String label(String reasonCode) {
        return REJECTION_REASONS.stream().filter(r -> r.code().equals(reasonCode)).map(Reason::label).findFirst()
                .orElse(reasonCode);
    }
}
