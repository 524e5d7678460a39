package org.guichet.api.scheme;

/** Names the scheme version that produced a result. */
public record SchemeRef(String id, String version) { }
