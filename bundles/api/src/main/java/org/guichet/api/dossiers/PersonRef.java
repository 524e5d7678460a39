package org.guichet.api.dossiers;

/** A person named on a dossier. */
public record PersonRef(long id, String displayName, String email) { }
