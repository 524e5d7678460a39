package org.guichet.api.dossiers;

import java.time.Instant;

/**
 * A file attached to a dossier. The content is stored once, by its SHA-256.
 *
 * @param mediaType what the content is, read from its bytes (never from the name)
 * @param source    APPLICANT, MEDIATOR or ORGANISATION (a partner system)
 */
public record DossierDocument(long id, String documentType, String fileName, String mediaType, long size,
        String sha256, Instant uploadedAt, PersonRef uploadedBy, String source) { }
