package org.guichet.rest.internal;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;
import org.guichet.api.accounts.Caller;
import org.guichet.api.error.GuichetException;
import org.guichet.api.impact.ImpactChanges;
import org.guichet.api.impact.ImpactCsv;
import org.guichet.api.impact.ImpactResults;
import org.guichet.api.impact.ImpactRun;
import org.guichet.api.impact.ImpactRunState;
import org.guichet.api.impact.ImpactService;

/**
 * The impact of a candidate scheme version, for administrators and the scheme's supervisors: start a run (202),
 * follow it, read its results and changed dossiers, as JSON or CSV. Without {@code run}, the newest run of the
 * version is meant.
 */
@Path("/schemes/{id}/versions/{version}/impact")
@Produces(MediaType.APPLICATION_JSON)
public class ImpactResource {
    private final Supplier<ImpactService> impact;
    private final Authenticator auth;

    ImpactResource(Supplier<ImpactService> impact, Authenticator auth) {
        this.impact = impact;
        this.auth = auth;
    }

    /** The period of dossiers to replay: submitted from {@code from} to {@code to} (YYYY-MM-DD, inclusive). */
    public record ImpactPeriod(String from, String to) { }

    /** A run, its progress in percent, and its results once DONE (null before). */
    public record ImpactStatus(ImpactRun run, int percent, ImpactResults results) { }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") String id,
            @PathParam("version") String version, ImpactPeriod body) {
        ImpactPeriod p = body == null ? new ImpactPeriod(null, null) : body;
        // who asks first: an anonymous caller is told 401, even while the service is starting (503)
        Caller caller = auth.caller(authorization);
        ImpactRun run = service().start(caller, id, version,
                InstructionResource.date(p.from(), "from"), InstructionResource.date(p.to(), "to"));
        return Response.status(202).entity(new ImpactStatus(run, run.percent(), null)).build();
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, ImpactCsv.MEDIA_TYPE})
    public Response status(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(HttpHeaders.ACCEPT) String accept, @PathParam("id") String id,
            @PathParam("version") String version, @QueryParam("run") Long runId, @QueryParam("format") String format) {
        Caller caller = auth.caller(authorization);
        ImpactRun run = run(caller, id, version, runId);
        boolean csv = "csv".equalsIgnoreCase(format) || (format == null && accept != null
                && accept.contains(ImpactCsv.MEDIA_TYPE) && !accept.contains(MediaType.APPLICATION_JSON));
        if (csv) {
            return csv(caller, run);
        }
        ImpactResults results = run.state() == ImpactRunState.DONE ? service().results(caller, run.id()) : null;
        return Response.ok(new ImpactStatus(run, run.percent(), results), MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "private, no-store").build();
    }

    @GET
    @Path("changes")
    public ImpactChanges changes(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("id") String id, @PathParam("version") String version, @QueryParam("run") Long runId,
            @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        Caller caller = auth.caller(authorization);
        ImpactRun run = run(caller, id, version, runId);
        return service().changes(caller, run.id(), page == null ? 1 : page, size == null ? 100 : size);
    }

    @GET
    @Path("runs")
    public List<ImpactRun> runs(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("id") String id, @PathParam("version") String version) {
        return service().runs(auth.caller(authorization), id, version);
    }

    /** The run asked for, which must be of this scheme version, or the version's newest. */
    private ImpactRun run(Caller caller, String id, String version, Long runId) {
        if (runId == null) {
            return service().latest(caller, id, version).orElseThrow(() -> GuichetException.notFound(
                    "IMPACT_RUN_NOT_FOUND", "Aucun calcul d'impact n'a encore été lancé pour cette version."));
        }
        ImpactRun run = service().run(caller, runId);
        if (!run.schemeId().equals(id) || !run.candidateVersion().equals(version)) {
            throw GuichetException.notFound("IMPACT_RUN_NOT_FOUND", "Ce calcul d'impact n'existe pas.");
        }
        return run;
    }

    private Response csv(Caller caller, ImpactRun run) {
        if (run.state() != ImpactRunState.DONE) {
            // the same refusal as the results: the list is complete only at the end
            service().results(caller, run.id());
        }
        // read before answering, so that a refusal is a JSON error and not a cut file (16,000 changed dossiers of a
        // 100,000-dossier run make about 2 MB)
        StringBuilder body = new StringBuilder(ImpactCsv.HEADER).append("\r\n");
        service().eachChange(caller, run.id(), c -> body.append(ImpactCsv.line(c)).append("\r\n"));
        StreamingOutput out = os -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8));
            w.write(body.toString());
            w.flush();
        };
        return Response.ok(out, MediaType.valueOf(ImpactCsv.MEDIA_TYPE + ";charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"" + ImpactCsv.fileName(run) + "\"")
                .header("Cache-Control", "private, no-store").build();
    }

    private ImpactService service() {
        return Services.require(impact.get());
    }
}
