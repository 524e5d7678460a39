package org.guichet.api.scheme;

/** One allowed value of a CHOICE field, with the words shown for it. */
public record Choice(String value, LocalizedText label) { }
