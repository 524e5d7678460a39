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
import org.guichet.api.dossiers.Receipt;

/** Dossiers: create, answer (saved at once), documents, submit; for the applicant and her mandated mediator. */
@Path("/dossiers")
@Produces(MediaType.APPLICATION_JSON)
public class DossierResource {
    private final Supplier<DossierService> dossiers;
    private final Authenticator auth;

    DossierResource(Supplier<DossierService> dossiers, Authenticator auth) {
        this.dossiers = dossiers;
        this.auth = auth;
    }

    /** @param applicantId the applicant a mediator files for; absent for oneself */
    public record NewDossier(String schemeId, Long applicantId) { }

    /** @param version the dossier version last read, to refuse a change made on stale data (optional) */
    public record Answers(Map<String, Object> answers, Long version) { }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, NewDossier body) {
        Caller c = auth.caller(authorization);
        NewDossier b = AccountResource.body(body);
        Dossier d = service().create(c, b.schemeId(), b.applicantId());
        return Response.created(URI.create("dossiers/" + d.id())).entity(d).build();
    }

    @GET
    public List<DossierSummary> list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return service().list(auth.caller(authorization));
    }

    @GET
    @Path("{id}")
    public Dossier get(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id) {
        return service().get(auth.caller(authorization), id);
    }

    @PATCH
    @Path("{id}/answers")
    @Consumes(MediaType.APPLICATION_JSON)
    public Dossier answer(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id,
            Answers body) {
        Caller c = auth.caller(authorization);
        Answers b = AccountResource.body(body);
        return service().saveAnswers(c, id, b.answers(), b.version());
    }

    /** multipart/form-data: documentType, file, and replaces (a document id) to replace one. */
    @POST
    @Path("{id}/documents")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id,
            MultipartBody body) {
        Caller c = auth.caller(authorization);
        String type = Multipart.text(body, "documentType", true);
        Long replaces = Multipart.number(Multipart.text(body, "replaces", false), "replaces");
        Attachment file = Multipart.file(body, "file");
        DossierDocument doc = service().addDocument(c, id, type, Multipart.fileName(file), Multipart.stream(file),
                replaces);
        return Response.created(URI.create("dossiers/" + id + "/documents/" + doc.id() + "/content")).entity(doc).build();
    }

    @DELETE
    @Path("{id}/documents/{documentId}")
    public Response delete(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id,
            @PathParam("documentId") long documentId) {
        service().deleteDocument(auth.caller(authorization), id, documentId);
        return Response.noContent().build();
    }

    /** The file itself; {@code ?inline=true} to show it in the browser (preview) rather than download it. */
    @GET
    @Path("{id}/documents/{documentId}/content")
    @Produces(MediaType.WILDCARD)
    public Response content(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id,
            @PathParam("documentId") long documentId, @QueryParam("inline") boolean inline) {
        DocumentContent content = service().document(auth.caller(authorization), id, documentId);
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

    @POST
    @Path("{id}/submit")
    public Receipt submit(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id) {
        return service().submit(auth.caller(authorization), id);
    }

    private DossierService service() {
        return Services.require(dossiers.get());
    }
}
