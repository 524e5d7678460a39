package org.guichet.api.mandates;

import java.time.Instant;
import org.guichet.api.dossiers.PersonRef;

/**
 * A mediator's mandate from an applicant.
 *
 * @param state   PENDING (waiting for the applicant's confirmation, or an agent's check of a signed form), ACTIVE,
 *                REVOKED, REFUSED (an agent found the signed form not valid)
 * @param method  EMAIL_CONFIRMATION (the applicant accepted by link or code) or SIGNED_CONSENT (the mediator
 *                recorded a consent form the applicant signed)
 * @param consentDocumentId the signed consent form, for SIGNED_CONSENT
 */
public record Mandate(long id, PersonRef mediator, Long organisationId, String organisationName, PersonRef applicant,
        String state, String method, Long consentDocumentId, Instant createdAt, Instant acceptedAt,
        Instant revokedAt) { }
