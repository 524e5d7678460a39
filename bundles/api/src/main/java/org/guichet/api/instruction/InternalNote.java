package org.guichet.api.instruction;

import java.time.Instant;
import org.guichet.api.dossiers.PersonRef;

/** A note between agents; applicants and mediators never see it. */
public record InternalNote(long id, PersonRef author, String body, Instant at) { }
