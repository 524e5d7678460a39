package org.guichet.api.activity;

import java.time.Instant;

/**
 * One recorded event.
 *
 * @param type          e.g. ACCOUNT_CREATED, SIGN_IN_FAILED, DOSSIER_CREATED, ANSWERS_SAVED, DOCUMENT_ADDED, SUBMITTED,
 *                      MANDATE_GIVEN
 * @param actorId       the account that acted, null for a partner system or the portal itself
 * @param actorName     the actor's display name (or organisation name) at the time
 * @param onBehalfOfId  the applicant's account when someone acted for her, else null
 * @param dossierId     the dossier concerned, or null
 * @param organisationId the organisation concerned (mediator's or partner's), or null
 * @param detail        a short plain-French description
 */
public record ActivityEvent(long id, Instant at, String type, Long actorId, String actorName, Long onBehalfOfId,
        Channel channel, Long dossierId, Long organisationId, String detail) { }
