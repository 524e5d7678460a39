package org.guichet.api.instruction;

import java.time.Instant;
import org.guichet.api.dossiers.PersonRef;

/**
 * A message of a dossier's thread between the applicant (or her mediator) and the agents.
 *
 * @param authorRole APPLICANT, MEDIATOR or AGENT
 */
public record ThreadMessage(long id, PersonRef author, String authorRole, String body, Instant at) { }
