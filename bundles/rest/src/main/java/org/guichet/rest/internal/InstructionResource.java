package org.guichet.rest.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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
import org.guichet.api.error.GuichetException;
import org.guichet.api.instruction.CaseFile;
import org.guichet.api.instruction.ComplementRequest;
import org.guichet.api.instruction.Decision;
import org.guichet.api.instruction.DecisionRequest;
import org.guichet.api.instruction.PendingDecision;
import org.guichet.api.instruction.DocumentCheck;
import org.guichet.api.instruction.InstructionService;
import org.guichet.api.instruction.InternalNote;
import org.guichet.api.instruction.PhoneCall;
import org.guichet.api.instruction.Queue;
import org.guichet.api.instruction.QueueFilter;
import org.guichet.api.instruction.Reason;
import org.guichet.api.instruction.Reevaluation;
import org.guichet.api.instruction.Workload;

/** The back office, for agents and supervisors of the schemes assigned to them. */
@Path("/instruction")
@Produces(MediaType.APPLICATION_JSON)
public class InstructionResource {
    private final Supplier<InstructionService> instruction;
    private final Authenticator auth;

    InstructionResource(Supplier<InstructionService> instruction, Authenticator auth) {
        this.instruction = instruction;
        this.auth = auth;
    }

    public record Assignment(Long agentId) { }

    public record Check(String status, String reasonCode, String comment) { }

    public record Complement(String message, List<String> documentTypes, List<String> fields, String deadline,
            String addressee) { }

    public record Text(String body) { }

    public record NewCall(Long applicantId, Long dossierId, String reason) { }

    public record EndCall(String outcome) { }

    public record VersionChange(String version, String justification) { }

    @GET
    @Path("queue")
    public Queue queue(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @QueryParam("scheme") String scheme,
            @QueryParam("state") String state, @QueryParam("assignee") Long assignee,
            @QueryParam("unassigned") Boolean unassigned, @QueryParam("waitingOn") String waitingOn,
            @QueryParam("minAgeDays") Integer minAgeDays, @QueryParam("deadlineBefore") String deadlineBefore) {
        return service().queue(auth.caller(authorization), new QueueFilter(blank(scheme), blank(state), assignee,
                unassigned, blank(waitingOn), minAgeDays, date(deadlineBefore, "deadlineBefore")));
    }

    @GET
    @Path("workloads")
    public List<Workload> workloads(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return service().workloads(auth.caller(authorization));
    }

    @GET
    @Path("rejection-reasons")
    public List<Reason> reasons() {
        return service().rejectionReasons();
    }

    @GET
    @Path("dossiers/{id}")
    public CaseFile caseFile(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id) {
        return service().caseFile(auth.caller(authorization), id);
    }

    /** {@code ?version=} the dossier version the agent read, to refuse taking a dossier that changed meanwhile. */
    @POST
    @Path("dossiers/{id}/take")
    public CaseFile take(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id,
            @QueryParam("version") Long version) {
        return service().take(auth.caller(authorization), id, version);
    }

    @POST
    @Path("dossiers/{id}/release")
    public CaseFile release(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id) {
        return service().release(auth.caller(authorization), id);
    }

    /**
     * {@code ?from=} the holder the supervisor saw (an agent's id, or {@code none}): when given, the dossier is
     * reassigned only if it is still hers (409 ASSIGNMENT_CHANGED otherwise); without it, given whoever holds it.
     */
    @POST
    @Path("dossiers/{id}/assignment")
    @Consumes(MediaType.APPLICATION_JSON)
    public CaseFile assign(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id,
            @QueryParam("from") String from, Assignment body) {
        Assignment b = AccountResource.body(body);
        if (b.agentId() == null) {
            throw GuichetException.invalid("AGENT_REQUIRED", "agentId", "Indiquez l'agent.");
        }
        if (from == null) {
            return service().assign(auth.caller(authorization), id, b.agentId());
        }
        if (!"none".equals(from) && !from.matches("\\d{1,18}")) {
            throw GuichetException.invalid("FROM_INVALID", "from", "Indiquez l'agent qui tient le dossier, ou none.");
        }
        return service().reassign(auth.caller(authorization), id, "none".equals(from) ? null : Long.valueOf(from),
                b.agentId());
    }

    /** Every document with no check yet, accepted in one action; the checks made (none when nothing remained). */
    @POST
    @Path("dossiers/{id}/documents/acceptance")
    public List<DocumentCheck> acceptRemaining(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("id") long id) {
        return service().acceptRemainingDocuments(auth.caller(authorization), id);
    }

    @POST
    @Path("dossiers/{id}/documents/{documentId}/check")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response check(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id,
            @PathParam("documentId") long documentId, Check body) {
        Check b = AccountResource.body(body);
        DocumentCheck c = service().checkDocument(auth.caller(authorization), id, documentId, b.status(), b.reasonCode(),
                b.comment());
        return Response.status(201).entity(c).build();
    }

    @POST
    @Path("dossiers/{id}/complement-requests")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response complement(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id,
            Complement body) {
        Complement b = AccountResource.body(body);
        ComplementRequest c = service().requestComplement(auth.caller(authorization), id, b.message(), b.documentTypes(),
                b.fields(), date(b.deadline(), "deadline"), b.addressee());
        return Response.status(201).entity(c).build();
    }

    @POST
    @Path("dossiers/{id}/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response note(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id, Text body) {
        InternalNote n = service().addNote(auth.caller(authorization), id, AccountResource.body(body).body());
        return Response.status(201).entity(n).build();
    }

    @POST
    @Path("dossiers/{id}/decisions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response decide(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id,
            DecisionRequest body) {
        Decision d = service().decide(auth.caller(authorization), id, AccountResource.body(body));
        return Response.status(201).entity(d).build();
    }

    @POST
    @Path("dossiers/{id}/decision-proposals")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response propose(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id,
            DecisionRequest body) {
        PendingDecision p = service().proposeDecision(auth.caller(authorization), id, AccountResource.body(body));
        return Response.status(201).entity(p).build();
    }

    @GET
    @Path("pending-decisions")
    public List<PendingDecision> pendingDecisions(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return service().pendingDecisions(auth.caller(authorization));
    }

    @POST
    @Path("pending-decisions/{id}/approval")
    public Response approve(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id) {
        Decision d = service().approveDecision(auth.caller(authorization), id);
        return Response.status(201).entity(d).build();
    }

    /** Why a second agent turns a proposal down (required), or nothing when its proposer withdraws it. */
    public record Rejection(String reason) { }

    @POST
    @Path("pending-decisions/{id}/rejection")
    public PendingDecision reject(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id,
            Rejection body) {
        return service().rejectDecision(auth.caller(authorization), id, body == null ? null : body.reason());
    }

    @GET
    @Path("dossiers/{id}/reevaluation")
    public Reevaluation reevaluate(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id,
            @QueryParam("version") String version) {
        return service().reevaluate(auth.caller(authorization), id, version);
    }

    @POST
    @Path("dossiers/{id}/reevaluation")
    @Consumes(MediaType.APPLICATION_JSON)
    public CaseFile applyVersion(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id,
            VersionChange body) {
        VersionChange b = AccountResource.body(body);
        return service().applyReevaluation(auth.caller(authorization), id, b.version(), b.justification());
    }

    public record Closing(String reason) { }

    @POST
    @Path("dossiers/{id}/closure")
    @Consumes(MediaType.APPLICATION_JSON)
    public CaseFile close(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id,
            Closing body) {
        return service().close(auth.caller(authorization), id, AccountResource.body(body).reason());
    }

    @POST
    @Path("phone-calls")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response startCall(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, NewCall body) {
        NewCall b = AccountResource.body(body);
        if (b.applicantId() == null) {
            throw GuichetException.invalid("APPLICANT_REQUIRED", "applicantId", "Indiquez la personne qui appelle.");
        }
        PhoneCall c = service().startCall(auth.caller(authorization), b.applicantId(), b.dossierId(), b.reason());
        return Response.status(201).entity(c).build();
    }

    @POST
    @Path("phone-calls/{id}/end")
    @Consumes(MediaType.APPLICATION_JSON)
    public PhoneCall endCall(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id,
            EndCall body) {
        return service().endCall(auth.caller(authorization), id, body == null ? null : body.outcome());
    }

    private InstructionService service() {
        return Services.require(instruction.get());
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static LocalDate date(String s, String field) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw GuichetException.invalid("DATE_INVALID", field, "Date attendue au format AAAA-MM-JJ : " + s);
        }
    }
}
