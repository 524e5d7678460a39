package org.guichet.api.partners;

import java.time.Instant;

/** @param kind TRAINING_ORGANISATION or MISSION_LOCALE */
public record Organisation(long id, String name, String kind, Instant createdAt) { }
