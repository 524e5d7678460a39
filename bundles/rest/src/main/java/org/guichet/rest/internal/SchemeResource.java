package org.guichet.rest.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.error.GuichetException;
import org.guichet.api.events.SchemeEvent;
import org.guichet.api.events.SchemeEventStore;
import org.guichet.api.scheme.Evaluation;
import org.guichet.api.observatory.ObservatoryService;
import org.guichet.api.scheme.EvaluationService;
import org.guichet.api.scheme.InvalidAnswersException;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.api.scheme.SchemeInfo;
import org.guichet.api.scheme.SchemeNotFoundException;
import org.guichet.api.scheme.SchemeRegistry;
import org.guichet.api.scheme.SchemeUnavailableException;

/** Schemes and the simulator: no account needed; the deployment history only for the region's staff. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class SchemeResource {
    private final Supplier<SchemeRegistry> registry;
    private final Supplier<EvaluationService> evaluation;
    private final Supplier<SchemeEventStore> events;
    private final Authenticator auth;
    private final Supplier<ObservatoryService> observatory;

    SchemeResource(Supplier<SchemeRegistry> registry, Supplier<EvaluationService> evaluation,
            Supplier<SchemeEventStore> events, Authenticator auth) {
        this(registry, evaluation, events, auth, () -> null);
    }

    SchemeResource(Supplier<SchemeRegistry> registry, Supplier<EvaluationService> evaluation,
            Supplier<SchemeEventStore> events, Authenticator auth, Supplier<ObservatoryService> observatory) {
        this.registry = registry;
        this.evaluation = evaluation;
        this.events = events;
        this.auth = auth;
        this.observatory = observatory;
    }

    /** The body of a simulation: the form's answers, keyed by field name. */
    public record SimulationRequest(Map<String, Object> answers) { }

    @GET
    @Path("schemes")
    public List<SchemeInfo> list() {
        return require(registry.get()).list();
    }

    @GET
    @Path("schemes/{id}")
    public SchemeDescriptor descriptor(@PathParam("id") String id, @QueryParam("version") String version)
            throws SchemeNotFoundException, SchemeUnavailableException {
        SchemeRegistry r = require(registry.get());
        String v = blankToNull(version);
        Optional<SchemeDescriptor> active = r.activeDescriptor(id, v);
        if (active.isPresent()) {
            return active.get();
        }
        Optional<SchemeInfo> installed = r.info(id, v);
        if (installed.isPresent()) {
            SchemeInfo i = installed.get();
            throw new SchemeUnavailableException(i.id(), i.version(), i.state(), i.errors());
        }
        throw new SchemeNotFoundException(id, v);
    }

    @POST
    @Path("schemes/{id}/simulate")
    @Consumes(MediaType.APPLICATION_JSON)
    public Evaluation simulate(@PathParam("id") String id, @QueryParam("version") String version,
            @QueryParam("lang") String lang, @HeaderParam("Accept-Language") String acceptLanguage,
            SimulationRequest request)
            throws SchemeNotFoundException, SchemeUnavailableException, InvalidAnswersException {
        Map<String, Object> answers = request == null || request.answers() == null ? Map.of() : request.answers();
        Evaluation result = require(evaluation.get()).evaluate(id, blankToNull(version), answers,
                locale(lang, acceptLanguage));
        Simulations.count(observatory.get(), id);
        return result;
    }

    @GET
    @Path("scheme-events")
    public List<SchemeEvent> events(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("scheme") String scheme, @QueryParam("limit") Integer limit) {
        requireStaff(auth.caller(authorization));
        SchemeEventStore store = require(events.get());
        return scheme == null || scheme.isBlank() ? store.recent(limit == null ? 100 : limit) : store.forScheme(scheme);
    }

    /** The deployment history (file names, errors, who deployed) is the region's staff's business. */
    static void requireStaff(Caller c) {
        if (c.assistance() != null || !(c.has(Role.AGENT) || c.has(Role.SUPERVISOR) || c.has(Role.ADMIN))) {
            throw GuichetException.forbidden("STAFF_ONLY", "Réservé aux agents de la Région.");
        }
    }

    static Locale locale(String lang, String acceptLanguage) {
        String l = lang != null && !lang.isBlank() ? lang
                : acceptLanguage != null && !acceptLanguage.isBlank() ? acceptLanguage.split("[,;-]")[0].trim() : "fr";
        return "en".equalsIgnoreCase(l) ? Locale.ENGLISH : Locale.FRENCH;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static <T> T require(T service) {
        if (service == null) {
            throw new ServiceNotReadyException();
        }
        return service;
    }
}
