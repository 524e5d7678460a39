package org.guichet.api.scheme;

/** No scheme (or no such version) is installed under that id. */
public class SchemeNotFoundException extends Exception {
    private static final long serialVersionUID = 1L;

    public SchemeNotFoundException(String schemeId, String version) {
        super(version == null ? "unknown scheme: " + schemeId : "unknown scheme version: " + schemeId + " " + version);
    }
}
