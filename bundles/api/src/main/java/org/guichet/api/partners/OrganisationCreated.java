package org.guichet.api.partners;

/** A new organisation and its API key, shown this once (only a hash is kept). */
public record OrganisationCreated(Organisation organisation, String apiKey) { }
