package org.guichet.api.scheme;

/** Lifecycle of a scheme version inside the portal. Only ACTIVE versions evaluate answers. */
public enum SchemeState { DISCOVERED, COMPILING, TESTING, ACTIVE, FAILED }
