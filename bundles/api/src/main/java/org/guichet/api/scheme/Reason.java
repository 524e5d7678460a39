package org.guichet.api.scheme;

/** A failed eligibility condition: stable code, plain-language message, and the rule that found it. */
public record Reason(String code, String message, String rule) { }
