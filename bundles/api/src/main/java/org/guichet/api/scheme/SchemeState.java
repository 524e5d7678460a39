package org.guichet.api.scheme;

/**
 * Lifecycle of a scheme version inside the portal. ACTIVE versions evaluate answers for everyone; a PREVIEW version
 * has compiled and passed its test pack like an ACTIVE one but is deployed for the region's staff only until an admin
 * promotes it (see {@link Audience} for who sees which state).
 */
public enum SchemeState { DISCOVERED, COMPILING, TESTING, ACTIVE, FAILED, PREVIEW }
