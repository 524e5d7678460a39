package org.guichet.api.instruction;

import java.time.Instant;
import org.guichet.api.dossiers.PersonRef;

/** A phone call an agent took for an applicant: actions taken during it are recorded as assisted (PHONE). */
public record PhoneCall(long id, PersonRef agent, PersonRef applicant, Long dossierId, String reason, String outcome,
        Instant startedAt, Instant endedAt, Long durationSeconds) { }
