package org.guichet.api.scheme;

/** A document the applicant will have to give, and why it is asked. */
public record RequiredDocument(String id, String label, String why, String rule) { }
