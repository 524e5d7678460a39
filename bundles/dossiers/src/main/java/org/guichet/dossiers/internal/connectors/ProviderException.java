package org.guichet.dossiers.internal.connectors;

/** An administration did not give the data: why, so that the applicant is told in plain words. */
public final class ProviderException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong with the call. */
    public enum Failure {
        /** refused the connection, answered 5xx, or another unexpected status */
        UNAVAILABLE,
        /** did not answer within the configured time */
        TIMEOUT,
        /** knows no such person (404) */
        NOT_FOUND,
        /** answered 200 with a body that is not the published format */
        MALFORMED
    }

    private final Failure failure;

    public ProviderException(Failure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
