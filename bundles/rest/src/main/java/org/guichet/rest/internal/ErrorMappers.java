package org.guichet.rest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import java.util.Map;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;
import org.guichet.api.error.GuichetException;
import org.guichet.api.scheme.InvalidAnswersException;
import org.guichet.api.scheme.SchemeNotFoundException;
import org.guichet.api.scheme.SchemeUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure into JSON with a stable code, so that clients never have to parse HTML error pages. */
final class ErrorMappers {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMappers.class);
    private static final Logger SECURITY = LoggerFactory.getLogger("org.guichet.security");

    private ErrorMappers() { }

    static List<Object> all() {
        return List.of(new Refused(), new InvalidAnswers(), new NotFound(), new Unavailable(), new BadJson(), new Web(), new Unexpected());
    }

    /**
     * A domain refusal: its kind gives the status, its code, field, errors and details go out as they are. Refusals
     * of access (401, 403) and of floods (429) also go to the security log: status, code, method, path (never the
     * query, which may hold a token) and the connection's address; no name, no address, no body.
     */
    static final class Refused implements ExceptionMapper<GuichetException> {
        @javax.ws.rs.core.Context
        private javax.servlet.http.HttpServletRequest request;

        @Override public Response toResponse(GuichetException e) {
            int status = e.kind().status();
            if (status == 401 || status == 403 || status == 429) {
                javax.servlet.http.HttpServletRequest r = request;
                SECURITY.info("refused status={} code={} method={} path={} client={}", status, e.code(),
                        r == null ? null : r.getMethod(), r == null ? null : r.getRequestURI(),
                        r == null ? null : r.getRemoteAddr());
            }
            Response r = ApiError.response(e.kind().status(),
                    new ApiError(e.code(), e.getMessage(), e.field(), e.errors(), e.details()));
            if (e.details() != null && e.details().get("retryAfterSeconds") instanceof Number n) {
                return Response.fromResponse(r).header("Retry-After", n.longValue()).build();
            }
            return r;
        }
    }

    static final class InvalidAnswers implements ExceptionMapper<InvalidAnswersException> {
        @Override public Response toResponse(InvalidAnswersException e) {
            return ApiError.response(400, new ApiError("INVALID_ANSWERS",
                    "Certaines réponses sont manquantes ou incorrectes.", e.errors(), null));
        }
    }

    static final class NotFound implements ExceptionMapper<SchemeNotFoundException> {
        @Override public Response toResponse(SchemeNotFoundException e) {
            return ApiError.response(404, "SCHEME_NOT_FOUND", "Ce dispositif d'aide n'existe pas : " + e.getMessage());
        }
    }

    static final class Unavailable implements ExceptionMapper<SchemeUnavailableException> {
        @Override public Response toResponse(SchemeUnavailableException e) {
            if (e instanceof org.guichet.api.scheme.NoVersionInForceException n) {
                return ApiError.response(503, new ApiError("SCHEME_NOT_IN_FORCE", "Aucune version de ce dispositif"
                        + " d'aide n'est en vigueur le " + n.date() + ".", "date", List.of(),
                        Map.of("date", n.date().toString())));
            }
            return ApiError.response(503, new ApiError("SCHEME_UNAVAILABLE",
                    "Ce dispositif d'aide est momentanément indisponible (" + e.state() + ").", e.problems(),
                    Map.of("state", e.state().name())));
        }
    }

    static final class BadJson implements ExceptionMapper<JsonProcessingException> {
        @Override public Response toResponse(JsonProcessingException e) {
            return ApiError.response(400, "MALFORMED_JSON", "Le corps de la requête n'est pas du JSON valide : "
                    + e.getOriginalMessage());
        }
    }

    static final class Web implements ExceptionMapper<WebApplicationException> {
        @Override public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            String code = switch (status) {
                case 404 -> "NOT_FOUND";
                case 405 -> "METHOD_NOT_ALLOWED";
                case 406 -> "NOT_ACCEPTABLE";
                case 415 -> "UNSUPPORTED_MEDIA_TYPE";
                case 400 -> "BAD_REQUEST";
                default -> "HTTP_" + status;
            };
            return ApiError.response(status, code, e.getMessage());
        }
    }

    static final class Unexpected implements ExceptionMapper<RuntimeException> {
        @Override public Response toResponse(RuntimeException e) {
            if (e instanceof WebApplicationException w) {
                return new Web().toResponse(w);
            }
            LOG.error("Unexpected error in the API", e);
            return ApiError.response(500, "INTERNAL_ERROR", "Une erreur inattendue est survenue ; elle a été enregistrée.");
        }
    }
}
