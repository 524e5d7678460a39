package org.guichet.api.error;

import java.util.List;
import java.util.Map;

/**
 * A request the domain refuses, said so that a person can act on it: the {@link Kind} (which the API maps to an
 * HTTP status), a stable code for programs, the field concerned when there is one, a plain-French message, and
 * details (e.g. the list of missing answers). Nothing has been written when it is thrown.
 */
public class GuichetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of refusal, and so which HTTP status. */
    public enum Kind {
        INVALID(400), UNAUTHENTICATED(401), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409), TOO_LARGE(413),
        UNSUPPORTED_TYPE(415), TOO_MANY_ATTEMPTS(429), UNAVAILABLE(503);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;
    private final String code;
    private final String field;
    private final transient List<?> errors;
    private final transient Map<String, Object> details;

    public GuichetException(Kind kind, String code, String field, String message, List<?> errors,
            Map<String, Object> details) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.field = field;
        this.errors = errors;
        this.details = details;
    }

    public GuichetException(Kind kind, String code, String field, String message) {
        this(kind, code, field, message, null, null);
    }

    public static GuichetException invalid(String code, String field, String message) {
        return new GuichetException(Kind.INVALID, code, field, message);
    }

    /** The same answer whether the thing does not exist or belongs to someone else: existence never leaks. */
    public static GuichetException notFound(String code, String message) {
        return new GuichetException(Kind.NOT_FOUND, code, null, message);
    }

    public static GuichetException forbidden(String code, String message) {
        return new GuichetException(Kind.FORBIDDEN, code, null, message);
    }

    public static GuichetException conflict(String code, String message) {
        return new GuichetException(Kind.CONFLICT, code, null, message);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    /** The field concerned, or null. */
    public String field() {
        return field;
    }

    /** Per-item errors (e.g. {@code AnswerError}s), or null. */
    public List<?> errors() {
        return errors;
    }

    /** Extra facts (e.g. when a lock ends), or null. */
    public Map<String, Object> details() {
        return details;
    }
}
