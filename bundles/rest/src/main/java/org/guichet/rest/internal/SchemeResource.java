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
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import javax.ws.rs.core.Response;
import org.apache.cxf.jaxrs.ext.multipart.MultipartBody;
import org.guichet.api.error.GuichetException.Kind;
import org.guichet.api.observatory.ObservatoryService;
import org.guichet.api.scheme.Audience;
import org.guichet.api.scheme.Evaluation;
import org.guichet.api.scheme.EvaluationContext;
import org.guichet.api.scheme.NoVersionInForceException;
import org.guichet.api.scheme.SchemeDeployment;
import org.guichet.api.scheme.SchemeRef;
import org.guichet.api.scheme.SchemeState;
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
    private final Supplier<SchemeDeployment> deployment;
    private final Authenticator auth;
    /** Counts simulations anonymously for the observatory (absent: not counted). */
    private final Supplier<ObservatoryService> observatory;

    SchemeResource(Supplier<SchemeRegistry> registry, Supplier<EvaluationService> evaluation,
            Supplier<SchemeEventStore> events, Supplier<SchemeDeployment> deployment, Authenticator auth) {
        this(registry, evaluation, events, deployment, auth, () -> null);
    }

    SchemeResource(Supplier<SchemeRegistry> registry, Supplier<EvaluationService> evaluation,
            Supplier<SchemeEventStore> events, Supplier<SchemeDeployment> deployment, Authenticator auth,
            Supplier<ObservatoryService> observatory) {
        this.registry = registry;
        this.evaluation = evaluation;
        this.events = events;
        this.deployment = deployment;
        this.auth = auth;
        this.observatory = observatory;
    }

    /** What a deployment or a promotion answers: the version, and where to follow its state. */
    public record DeployedVersion(String id, String version, boolean preview, String state, boolean promoted) { }

    /** The body of a simulation: the form's answers, keyed by field name. */
    public record SimulationRequest(Map<String, Object> answers) { }

    /** Every installed version; PREVIEW versions only for the region's staff ({@link Audience}). */
    @GET
    @Path("schemes")
    public List<SchemeInfo> list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        Audience audience = audience(authorization);
        return require(registry.get()).list().stream()
                .filter(i -> audience.knows(i.state())).toList();
    }

    /** The descriptor of the version in force on {@code date} (today by default), or of the version asked. */
    @GET
    @Path("schemes/{id}")
    public SchemeDescriptor descriptor(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("id") String id, @QueryParam("version") String version, @QueryParam("date") String date)
            throws SchemeNotFoundException, SchemeUnavailableException {
        SchemeRegistry r = require(registry.get());
        Audience audience = audience(authorization);
        String v = blankToNull(version);
        LocalDate day = date(date);
        Optional<SchemeDescriptor> served = r.descriptor(id, v, day, audience);
        if (served.isPresent()) {
            return served.get();
        }
        List<SchemeInfo> visible = r.list().stream().filter(i -> i.id().equals(id) && audience.knows(i.state()))
                .toList();
        if (v == null && visible.stream().anyMatch(i -> audience.sees(i.state()))) {
            throw new NoVersionInForceException(id, day == null ? LocalDate.now() : day);
        }
        Optional<SchemeInfo> installed = visible.stream().filter(i -> v == null || i.version().equals(v)).findFirst();
        if (installed.isPresent()) {
            SchemeInfo i = installed.get();
            throw new SchemeUnavailableException(i.id(), i.version(), i.state(), i.errors());
        }
        throw new SchemeNotFoundException(id, v);
    }

    /**
     * Simulates with the version in force on {@code date} (YYYY-MM-DD, today by default) or the version asked; the
     * region's staff (signed in) are served PREVIEW versions too.
     */
    @POST
    @Path("schemes/{id}/simulate")
    @Consumes(MediaType.APPLICATION_JSON)
    public Evaluation simulate(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("id") String id, @QueryParam("version") String version, @QueryParam("date") String date,
            @QueryParam("lang") String lang, @HeaderParam("Accept-Language") String acceptLanguage,
            SimulationRequest request)
            throws SchemeNotFoundException, SchemeUnavailableException, InvalidAnswersException {
        Map<String, Object> answers = request == null || request.answers() == null ? Map.of() : request.answers();
        Evaluation result = require(evaluation.get()).evaluate(id, blankToNull(version), date(date),
                audience(authorization), answers, locale(lang, acceptLanguage), EvaluationContext.ANONYMOUS);
        Simulations.count(observatory.get(), id);
        return result;
    }

    /**
     * Deploys a scheme from the zip of its folder (application/zip body, or multipart/form-data with a part "file"),
     * for admins whose session was opened with the second factor. {@code preview} (default true) deploys it as
     * PREVIEW; {@code scheme} refuses a zip of another scheme. 202: the extender compiles and tests it; follow
     * GET /schemes/{id}?version= or GET /schemes for its state.
     */
    @POST
    @Path("schemes/packages")
    @Consumes({"application/zip", "application/x-zip-compressed", MediaType.APPLICATION_OCTET_STREAM})
    public Response deployZip(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("preview") String preview, @QueryParam("scheme") String scheme, InputStream zip) {
        return deploy(requireDeployer(auth.caller(authorization)), zip, preview, scheme);
    }

    @POST
    @Path("schemes/packages")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response deployMultipart(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("preview") String preview, @QueryParam("scheme") String scheme, MultipartBody body) {
        Caller c = requireDeployer(auth.caller(authorization));
        String p = preview != null ? preview : Multipart.text(body, "preview", false);
        String s = scheme != null ? scheme : Multipart.text(body, "scheme", false);
        return deploy(c, Multipart.stream(Multipart.file(body, "file")), p, s);
    }

    private Response deploy(Caller c, InputStream zip, String preview, String scheme) {
        boolean asPreview = preview == null || preview.isBlank() || Boolean.parseBoolean(preview.strip());
        SchemeDeployment d = require(deployment.get());
        try {
            SchemeRef ref = d.deployPackage(zip, scheme == null || scheme.isBlank() ? null : scheme.strip(), asPreview,
                    "account " + c.accountId());
            return Response.accepted(new DeployedVersion(ref.id(), ref.version(), asPreview, "DISCOVERED", false))
                    .location(java.net.URI.create("schemes/" + ref.id() + "?version=" + ref.version())).build();
        } catch (SchemeDeployment.PackageRefusedException e) {
            Kind kind = switch (e.status()) {
                case 413 -> Kind.TOO_LARGE;
                case 409 -> Kind.CONFLICT;
                default -> Kind.INVALID;
            };
            throw new GuichetException(kind, e.code(), "file", e.getMessage());
        }
    }

    /** Makes a PREVIEW version ACTIVE for everyone (admins with the second factor). Idempotent: promoted says if this call did. */
    @POST
    @Path("schemes/{id}/versions/{version}/promotion")
    public DeployedVersion promote(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("id") String id, @PathParam("version") String version)
            throws SchemeNotFoundException, SchemeUnavailableException {
        Caller c = requireDeployer(auth.caller(authorization));
        boolean promoted = require(deployment.get()).promote(id, version, "account " + c.accountId());
        return new DeployedVersion(id, version, false, SchemeState.ACTIVE.name(), promoted);
    }

    /** Changing what applicants are served runs code on the server: admins, acting as themselves, second factor. */
    static Caller requireDeployer(Caller c) {
        if (c.assistance() != null || !c.has(Role.ADMIN)) {
            throw GuichetException.forbidden("ADMIN_ONLY", "Seul un administrateur peut déployer ou mettre en service"
                    + " un dispositif.");
        }
        if (!c.secondFactor()) {
            throw GuichetException.forbidden("SECOND_FACTOR_REQUIRED", "Déployer ou mettre en service un dispositif"
                    + " demande une session ouverte avec le second facteur.");
        }
        return c;
    }

    /** Anonymous callers, applicants, mediators, organisations: PUBLIC; the region's staff: STAFF. */
    private Audience audience(String authorization) {
        return authorization == null || authorization.isBlank() ? Audience.PUBLIC
                : Audience.of(auth.caller(authorization));
    }

    private static LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            if (!text.strip().matches("\\d{4}-\\d{2}-\\d{2}")) {
                throw new DateTimeParseException("not YYYY-MM-DD", text, 0);
            }
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw GuichetException.invalid("INVALID_DATE", "date", "La date s'écrit AAAA-MM-JJ, par exemple 2027-09-01.");
        }
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
