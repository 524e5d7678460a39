package org.guichet.rest.internal;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;

/** A service the endpoint needs is not registered yet (start-up, or its bundle is being updated). */
final class ServiceNotReadyException extends WebApplicationException {
    private static final long serialVersionUID = 1L;

    ServiceNotReadyException() {
        super(ApiError.response(503, "NOT_READY", "Le service démarre ; réessayez dans quelques secondes."));
    }
}
