package org.guichet.dossiers.internal.dossiers;

import java.io.InputStream;
import java.sql.Timestamp;
import java.util.List;
import java.util.Locale;
import org.guichet.api.accounts.Caller;
import org.guichet.api.dossiers.DocumentContent;
import org.guichet.api.dossiers.DossierDocument;
import org.guichet.api.error.GuichetException;
import org.guichet.api.scheme.DocumentDefinition;
import org.guichet.dossiers.internal.Tx;
import org.guichet.dossiers.internal.access.AccessPolicy.Action;
import org.guichet.dossiers.internal.access.DossierAccess;
import org.guichet.dossiers.internal.activity.Activity;
import org.guichet.dossiers.internal.documents.DocumentFiles;
import org.guichet.dossiers.internal.jpa.DocumentEntity;
import org.guichet.dossiers.internal.jpa.DossierEntity;
import org.guichet.dossiers.internal.shared.Schemes;

/** Supporting documents: checked for the right to write before a byte is read, typed from their bytes. */
public final class Documents {
    private final Tx tx;
    private final Schemes schemes;
    private final DossierAccess access;
    private final DocumentFiles files;
    private final java.time.Clock clock;

    public Documents(Tx tx, Schemes schemes, DossierAccess access, DocumentFiles files, java.time.Clock clock) {
        this.clock = clock;
        this.tx = tx;
        this.schemes = schemes;
        this.access = access;
        this.files = files;
    }

    public DossierDocument add(Caller caller, long dossierId, String documentType, String fileName, InputStream content,
            Long replaces) {
        DocumentDefinition def = tx.call(em -> {
            DossierEntity d = access.dossier(em, caller, dossierId, Action.EDIT);
            Editing.requireEditable(em, d);
            DocumentDefinition found = documentType == null ? null : schemes.of(d).document(documentType);
            if (found == null) {
                throw GuichetException.invalid("UNKNOWN_DOCUMENT_TYPE", "documentType",
                        "Ce type de document n'est pas demandé pour cette aide : " + documentType);
            }
            Editing.requireRequested(em, d, List.of(), documentType);
            if (replaces != null) {
                DossierViews.documentOf(em, d, replaces);
            }
            return found;
        });
        DocumentFiles.Stored stored;
        try {
            stored = files.store(content, def.acceptedTypes(), def.maxBytes(), def.label());
        } catch (GuichetException refused) {
            // refused by the checks at upload (type, size, content): counted for the observatory, then said
            tx.run(em -> Milestones.refusedAtUpload(em, caller, access.dossier(em, caller, dossierId, Action.EDIT),
                    def.id(), refused.code()));
            throw refused;
        }
        try {
            return insert(caller, dossierId, def, cleanFileName(fileName, def.id(), stored.mediaType()), stored, replaces);
        } finally {
            files.release(stored);
        }
    }

    private DossierDocument insert(Caller caller, long dossierId, DocumentDefinition def, String name,
            DocumentFiles.Stored stored, Long replaces) {
        return tx.call(em -> {
            DossierEntity d = access.dossier(em, caller, dossierId, Action.EDIT);
            Editing.requireEditable(em, d);
            String replacedName = null;
            if (replaces != null) {
                DocumentEntity old = DossierViews.documentOf(em, d, replaces);
                replacedName = old.fileName;
                em.remove(old);
            }
            DocumentEntity doc = new DocumentEntity();
            doc.dossierId = d.id;
            doc.documentType = def.id();
            doc.fileName = name;
            doc.mediaType = stored.mediaType();
            doc.sizeBytes = stored.size();
            doc.sha256 = stored.sha256();
            doc.uploadedAt = Timestamp.from(clock.instant());
            doc.uploadedBy = Activity.actorId(caller);
            doc.source = caller.assistance() != null ? "AGENT_PHONE"
                    : caller.accountId() == d.applicantId ? "APPLICANT" : "MEDIATOR";
            em.persist(doc);
            d.updatedAt = doc.uploadedAt;
            em.flush();
            Activity.record(em, replaces == null ? "DOCUMENT_ADDED" : "DOCUMENT_REPLACED", Activity.actorId(caller),
                    Activity.actorName(caller), Activity.onBehalf(caller, d.applicantId),
                    Activity.channel(caller, d.applicantId), d.id, caller.organisationId(), def.label().fr() + " : "
                            + name + " (" + stored.mediaType() + ", " + stored.size() + " octets)"
                            + (replacedName == null ? "" : " remplace " + replacedName));
            return DossierViews.document(em, doc);
        });
    }

    public void delete(Caller caller, long dossierId, long documentId) {
        String sha = tx.call(em -> {
            DossierEntity d = access.dossier(em, caller, dossierId, Action.EDIT);
            Editing.requireEditable(em, d);
            DocumentEntity doc = DossierViews.documentOf(em, d, documentId);
            Editing.requireRequested(em, d, List.of(), doc.documentType);
            em.remove(doc);
            d.updatedAt = Timestamp.from(clock.instant());
            Activity.record(em, "DOCUMENT_DELETED", Activity.actorId(caller), Activity.actorName(caller),
                    Activity.onBehalf(caller, d.applicantId), Activity.channel(caller, d.applicantId), d.id,
                    caller.organisationId(), doc.documentType + " : " + doc.fileName + " retiré");
            return doc.sha256;
        });
        files.deleteIfUnused(sha, () -> tx.call(em -> em.createQuery("select count(x) from DocumentEntity x where"
                + " x.sha256 = :s", Long.class).setParameter("s", sha).getSingleResult()));
    }

    public DocumentContent content(Caller caller, long dossierId, long documentId) {
        return tx.call(em -> {
            DossierEntity d = access.dossier(em, caller, dossierId, Action.READ);
            DocumentEntity doc = DossierViews.documentOf(em, d, documentId);
            return new DocumentContent(DossierViews.document(em, doc), files.path(doc.sha256));
        });
    }

    static String cleanFileName(String name, String type, String mediaType) {
        String n = name == null ? "" : name.replaceAll(".*[/\\\\]", "").replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (n.isEmpty()) {
            n = type.toLowerCase(Locale.ROOT) + switch (mediaType) {
                case "application/pdf" -> ".pdf";
                case "image/jpeg" -> ".jpg";
                case "image/png" -> ".png";
                default -> "";
            };
        }
        return n.length() > 255 ? n.substring(n.length() - 255) : n;
    }
}
