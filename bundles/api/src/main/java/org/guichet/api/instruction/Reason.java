package org.guichet.api.instruction;

/** A code and its plain-French label (rejection reasons, refusal reasons). */
public record Reason(String code, String label) { }
