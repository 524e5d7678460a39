package org.guichet.rest.internal;

import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javax.ws.rs.Consumes;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import org.guichet.api.connectors.AdministrationData;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.error.GuichetException;
import org.guichet.api.scheme.AnswerSource;

/**
 * Data from the administrations: with her consent, a dossier's answers fetched from DGFIP or France Travail. A root
 * of its own (more specific than /dossiers, so chosen first) to keep DossierResource as it is.
 */
@Path("/dossiers/{id}/sources")
@Produces(MediaType.APPLICATION_JSON)
public class SourceResource {
    private final Supplier<AdministrationData> connectors;
    private final Authenticator auth;

    SourceResource(Supplier<AdministrationData> connectors, Authenticator auth) {
        this.connectors = connectors;
        this.auth = auth;
    }

    /**
     * @param consent     she agrees that Guichet asks the administration (required: false or absent is a 400)
     * @param identifiers what identifies her there: DGFIP taxNumber and noticeReference; FRANCE_TRAVAIL jobSeekerId
     */
    public record SourceRequest(Boolean consent, Map<String, String> identifiers) { }

    @POST
    @Path("{source}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Dossier fetch(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(DossierResource.PHONE_CALL) String call, @PathParam("id") long id,
            @PathParam("source") String source, SourceRequest body) {
        var caller = auth.caller(authorization, call);
        SourceRequest b = AccountResource.body(body);
        return Services.require(connectors.get()).fetch(caller, id, source(source), b.identifiers(),
                Boolean.TRUE.equals(b.consent()));
    }

    /** DGFIP, FRANCE_TRAVAIL (any case, - for _); FRANCECONNECT is the sign-in's, never fetched here. */
    static AnswerSource source(String name) {
        String n = name == null ? "" : name.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (AnswerSource s : AnswerSource.values()) {
            if (s.name().equals(n) && s != AnswerSource.FRANCECONNECT) {
                return s;
            }
        }
        throw GuichetException.notFound("SOURCE_NOT_FOUND", "Guichet ne sait pas demander de données à « " + name
                + " » : DGFIP ou FRANCE_TRAVAIL.");
    }
}
