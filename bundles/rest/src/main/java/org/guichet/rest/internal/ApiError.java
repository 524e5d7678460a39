package org.guichet.rest.internal;

import java.util.List;
import java.util.Map;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

/**
 * The one shape of every API error: a stable code, a readable message, the field concerned when there is one, and
 * per-item errors and details when there are some.
 */
public record ApiError(String code, String message, String field, List<?> errors, Map<String, Object> details) {

    ApiError(String code, String message, List<?> errors, Map<String, Object> details) {
        this(code, message, null, errors, details);
    }

    static Response response(int status, String code, String message) {
        return response(status, new ApiError(code, message, null, null));
    }

    static Response response(int status, ApiError error) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).entity(error).build();
    }
}
