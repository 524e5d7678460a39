package org.guichet.api.dossiers;

import java.time.Instant;

/** One line of a list of dossiers. */
public record DossierSummary(long id, String reference, String schemeId, String schemeVersion, String schemeTitle,
        DossierState state, PersonRef applicant, Instant createdAt, Instant updatedAt, Instant submittedAt) { }
