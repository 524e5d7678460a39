package org.guichet.api.instruction;

import java.time.Instant;
import org.guichet.api.dossiers.PersonRef;

/**
 * An agent's verdict on one document; the newest one counts.
 *
 * @param status     ACCEPTED or REJECTED
 * @param reasonCode one of {@link InstructionService#rejectionReasons()} for a rejection
 */
public record DocumentCheck(long id, long documentId, String documentType, String status, String reasonCode,
        String reasonLabel, String comment, PersonRef agent, Instant at) { }
