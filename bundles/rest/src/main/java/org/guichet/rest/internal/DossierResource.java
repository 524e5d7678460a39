package org.guichet.rest.internal;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.PATCH;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;
import org.apache.cxf.jaxrs.ext.multipart.Attachment;
import org.apache.cxf.jaxrs.ext.multipart.MultipartBody;
import org.guichet.api.accounts.Caller;
import org.guichet.api.dossiers.DocumentContent;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.dossiers.DossierDocument;
import org.guichet.api.dossiers.DossierService;
import org.guichet.api.dossiers.DossierSummary;
import org.guichet.api.dossiers.EnrolmentOffer;
import org.guichet.api.dossiers.Receipt;
import org.guichet.api.instruction.ComplementRequest;
import org.guichet.api.instruction.Decision;
import org.guichet.api.instruction.InstructionService;
import org.guichet.api.instruction.ThreadMessage;
import org.guichet.api.payments.Payment;
import org.guichet.api.payments.PaymentService;

/** Dossiers: create, answer (saved at once), documents, submit; for the applicant and her mandated mediator. */
@Path("/dossiers")
@Produces(MediaType.APPLICATION_JSON)
public class DossierResource {
    /** an agent on a call with the applicant sends its id to act for her */
    static final String PHONE_CALL = "X-Phone-Call";
    private final Supplier<DossierService> dossiers;
    private final Supplier<InstructionService> instruction;
    private final Supplier<PaymentService> payments;
    private final Authenticator auth;

    DossierResource(Supplier<DossierService> dossiers, Supplier<InstructionService> instruction,
            Supplier<PaymentService> payments, Authenticator auth) {
        this.dossiers = dossiers;
        this.instruction = instruction;
        this.payments = payments;
        this.auth = auth;
    }

    public record Text(String body) { }

    public record ComplementAnswer(String message) { }

    /**
     * @param applicantId the applicant a mediator files for; absent for oneself
     * @param test        a test dossier (the region's staff only) on the version the staff are served
     */
    public record NewDossier(String schemeId, Long applicantId, Boolean test) { }

    /** @param version the dossier version last read, to refuse a change made on stale data (optional) */
    public record Answers(Map<String, Object> answers, Long version) { }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(PHONE_CALL) String call, NewDossier body) {
        Caller c = auth.caller(authorization, call);
        NewDossier b = AccountResource.body(body);
        Dossier d = Boolean.TRUE.equals(b.test()) ? service().openTest(c, b.schemeId())
                : service().create(c, b.schemeId(), b.applicantId());
        return Response.created(URI.create("dossiers/" + d.id())).entity(d).build();
    }

    @GET
    public List<DossierSummary> list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(PHONE_CALL) String call) {
        return service().list(auth.caller(authorization, call));
    }

    @GET
    @Path("{id}")
    public Dossier get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(PHONE_CALL) String call, @PathParam("id") long id) {
        return service().get(auth.caller(authorization, call), id);
    }

    @PATCH
    @Path("{id}/answers")
    @Consumes(MediaType.APPLICATION_JSON)
    public Dossier answer(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(PHONE_CALL) String call, @PathParam("id") long id,
            Answers body) {
        Caller c = auth.caller(authorization, call);
        Answers b = AccountResource.body(body);
        return service().saveAnswers(c, id, b.answers(), b.version());
    }

    /** multipart/form-data: documentType, file, and replaces (a document id) to replace one. */
    @POST
    @Path("{id}/documents")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(PHONE_CALL) String call, @PathParam("id") long id,
            MultipartBody body) {
        Caller c = auth.caller(authorization, call);
        String type = Multipart.text(body, "documentType", true);
        Long replaces = Multipart.number(Multipart.text(body, "replaces", false), "replaces");
        Attachment file = Multipart.file(body, "file");
        DossierDocument doc = service().addDocument(c, id, type, Multipart.fileName(file), Multipart.stream(file),
                replaces);
        return Response.created(URI.create("dossiers/" + id + "/documents/" + doc.id() + "/content")).entity(doc).build();
    }

    @DELETE
    @Path("{id}/documents/{documentId}")
    public Response delete(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(PHONE_CALL) String call, @PathParam("id") long id,
            @PathParam("documentId") long documentId) {
        service().deleteDocument(auth.caller(authorization, call), id, documentId);
        return Response.noContent().build();
    }

    /** The file itself; {@code ?inline=true} to show it in the browser (preview) rather than download it. */
    @GET
    @Path("{id}/documents/{documentId}/content")
    @Produces(MediaType.WILDCARD)
    public Response content(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(PHONE_CALL) String call, @PathParam("id") long id,
            @PathParam("documentId") long documentId, @QueryParam("inline") boolean inline) {
        return file(service().document(auth.caller(authorization, call), id, documentId), inline);
    }

    @POST
    @Path("{id}/submit")
    public Receipt submit(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(PHONE_CALL) String call, @PathParam("id") long id) {
        return service().submit(auth.caller(authorization, call), id);
    }

    /** @param reason why, in the person's words (optional) */
    public record Withdrawal(String reason) { }

    /** @param mandateId the ACTIVE mandate of the mediator who may then reach this dossier; null to stop sharing */
    public record Sharing(Long mandateId) { }

    @POST
    @Path("{id}/withdrawal")
    @Consumes(MediaType.APPLICATION_JSON)
    public Dossier withdraw(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(PHONE_CALL) String call, @PathParam("id") long id, Withdrawal body) {
        return service().withdraw(auth.caller(authorization, call), id, body == null ? null : body.reason());
    }

    @PUT
    @Path("{id}/sharing")
    @Consumes(MediaType.APPLICATION_JSON)
    public Dossier share(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id,
            Sharing body) {
        return service().share(auth.caller(authorization), id, AccountResource.body(body).mandateId());
    }

    @GET
    @Path("{id}/offers")
    public List<EnrolmentOffer> offers(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(PHONE_CALL) String call, @PathParam("id") long id) {
        return service().offers(auth.caller(authorization, call), id);
    }

    @POST
    @Path("{id}/offers/{enrolmentId}/acceptance")
    public Dossier acceptOffer(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(PHONE_CALL) String call, @PathParam("id") long id, @PathParam("enrolmentId") long enrolmentId) {
        return service().acceptOffer(auth.caller(authorization, call), id, enrolmentId);
    }

    // ---- after submission: the thread, complement requests, decisions, payments (applicant, mediator, agent)

    @GET
    @Path("{id}/messages")
    public List<ThreadMessage> messages(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(PHONE_CALL) String call, @PathParam("id") long id) {
        return instruction().messages(auth.caller(authorization, call), id);
    }

    @POST
    @Path("{id}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response post(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(PHONE_CALL) String call, @PathParam("id") long id, Text body) {
        ThreadMessage m = instruction().postMessage(auth.caller(authorization, call), id, AccountResource.body(body).body());
        return Response.status(201).entity(m).build();
    }

    @GET
    @Path("{id}/complement-requests")
    public List<ComplementRequest> complements(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(PHONE_CALL) String call, @PathParam("id") long id) {
        return instruction().complements(auth.caller(authorization, call), id);
    }

    @POST
    @Path("{id}/complement-requests/{requestId}/answer")
    @Consumes(MediaType.APPLICATION_JSON)
    public ComplementRequest answer(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(PHONE_CALL) String call, @PathParam("id") long id, @PathParam("requestId") long requestId,
            ComplementAnswer body) {
        return instruction().answerComplement(auth.caller(authorization, call), id, requestId,
                body == null ? null : body.message());
    }

    @GET
    @Path("{id}/decisions")
    public List<Decision> decisions(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(PHONE_CALL) String call, @PathParam("id") long id) {
        return instruction().decisions(auth.caller(authorization, call), id);
    }

    @GET
    @Path("{id}/decisions/{decisionId}/letter")
    @Produces({"application/pdf", MediaType.APPLICATION_JSON})
    public Response letter(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(PHONE_CALL) String call, @PathParam("id") long id, @PathParam("decisionId") long decisionId,
            @QueryParam("inline") boolean inline) {
        return file(instruction().decisionLetter(auth.caller(authorization, call), id, decisionId), inline);
    }

    @GET
    @Path("{id}/payments")
    public List<Payment> payments(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @HeaderParam(PHONE_CALL) String call, @PathParam("id") long id) {
        return Services.require(payments.get()).payments(auth.caller(authorization, call), id);
    }

    static Response file(DocumentContent content, boolean inline) {
        StreamingOutput out = os -> {
            try (InputStream in = Files.newInputStream(content.path())) {
                in.transferTo(os);
            }
        };
        String name = content.document().fileName().replaceAll("[^\\p{L}\\p{N}._ -]", "_");
        return Response.ok(out, content.document().mediaType())
                .header("Content-Length", content.document().size())
                .header("Content-Disposition", (inline ? "inline" : "attachment") + "; filename=\"" + name + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "private, no-store")
                .build();
    }

    private InstructionService instruction() {
        return Services.require(instruction.get());
    }

    private DossierService service() {
        return Services.require(dossiers.get());
    }
}
