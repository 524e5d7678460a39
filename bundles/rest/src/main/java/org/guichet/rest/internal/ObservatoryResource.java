package org.guichet.rest.internal;

import java.util.function.Supplier;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import org.guichet.api.error.GuichetException;
import org.guichet.api.observatory.ObservatoryService;
import org.guichet.api.observatory.Summary;

/**
 * The observatory's summary (issue 15): for the directorate and the scheme's supervisors with a session; for an
 * organisation's staff (session) or system ({@code X-Api-Key}), limited to its own trainees.
 */
@Path("/observatory")
@Produces(MediaType.APPLICATION_JSON)
public class ObservatoryResource {
    private final Supplier<ObservatoryService> observatory;
    private final Authenticator auth;

    ObservatoryResource(Supplier<ObservatoryService> observatory, Authenticator auth) {
        this.observatory = observatory;
        this.auth = auth;
    }

    @GET
    @Path("summary")
    public Summary summary(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam("X-Api-Key") String apiKey, @QueryParam("scheme") String scheme,
            @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("organisation") Long organisation) {
        if (scheme == null || scheme.isBlank()) {
            throw GuichetException.invalid("SCHEME_REQUIRED", "scheme", "Indiquez l'aide (paramètre scheme).");
        }
        boolean byKey = (apiKey != null && !apiKey.isBlank())
                || (authorization != null && authorization.strip().regionMatches(true, 0, "ApiKey ", 0, 7));
        ObservatoryService s = Services.require(observatory.get());
        if (byKey) {
            return s.summary(auth.partner(apiKey, authorization), scheme.strip(), required(from, "from"),
                    required(to, "to"));
        }
        return s.summary(auth.caller(authorization), scheme.strip(), required(from, "from"), required(to, "to"),
                organisation);
    }

    private static java.time.LocalDate required(String s, String field) {
        java.time.LocalDate d = InstructionResource.date(s, field);
        if (d == null) {
            throw GuichetException.invalid("DATE_REQUIRED", field, "Date attendue au format AAAA-MM-JJ.");
        }
        return d;
    }
}
