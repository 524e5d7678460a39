package org.guichet.dossiers.internal.shared;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.guichet.dossiers.internal.PortalConfig;
import org.guichet.dossiers.internal.jpa.DocumentEntity;

/** Where files live, and document rows that share one stored content. */
public final class Storage {
    private Storage() { }

    public static Path documentsDir(PortalConfig config) {
        if (config.documents_dir() != null && !config.documents_dir().isBlank()) {
            return Paths.get(config.documents_dir());
        }
        return Paths.get(System.getProperty("karaf.data", "data"), "guichet", "documents");
    }

    /** Another dossier's row for the same stored content (a partner's certificate reused in a dossier). */
    public static DocumentEntity copyDocument(DocumentEntity from, Long dossierId, String type) {
        DocumentEntity c = new DocumentEntity();
        c.dossierId = dossierId;
        c.documentType = type;
        c.fileName = from.fileName;
        c.mediaType = from.mediaType;
        c.sizeBytes = from.sizeBytes;
        c.sha256 = from.sha256;
        c.uploadedAt = from.uploadedAt;
        c.uploadedBy = from.uploadedBy;
        c.organisationId = from.organisationId;
        c.source = from.source;
        return c;
    }
}
