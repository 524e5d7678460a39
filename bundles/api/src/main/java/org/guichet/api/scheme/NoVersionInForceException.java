package org.guichet.api.scheme;

import java.time.LocalDate;
import java.util.List;

/**
 * The scheme is installed and has served versions, but none is in force on the date asked (every version starts
 * later, or ended before). Served as 503 with the date, so that the applicant knows it is not her answers.
 *
 * @since 1.3.0
 */
public class NoVersionInForceException extends SchemeUnavailableException {
    private static final long serialVersionUID = 1L;
    private final String schemeId;
    private final LocalDate date;

    public NoVersionInForceException(String schemeId, LocalDate date) {
        super(schemeId, null, SchemeState.ACTIVE, List.of());
        this.schemeId = schemeId;
        this.date = date;
    }

    public String schemeId() { return schemeId; }

    public LocalDate date() { return date; }

    @Override
    public String getMessage() {
        return "no version of scheme " + schemeId + " is in force on " + date;
    }
}
