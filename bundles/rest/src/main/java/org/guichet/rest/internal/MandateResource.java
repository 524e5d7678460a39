package org.guichet.rest.internal;

import java.net.URI;
import java.util.List;
import java.util.function.Supplier;
import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import org.apache.cxf.jaxrs.ext.multipart.Attachment;
import org.apache.cxf.jaxrs.ext.multipart.MultipartBody;
import org.guichet.api.accounts.Caller;
import org.guichet.api.mandates.Mandate;
import org.guichet.api.mandates.MandateService;

/** Mandates: a mediator asks, the applicant accepts (link or code) and may revoke; or a signed consent is recorded. */
@Path("/mandates")
@Produces(MediaType.APPLICATION_JSON)
public class MandateResource {
    private final Supplier<MandateService> mandates;
    private final Authenticator auth;

    MandateResource(Supplier<MandateService> mandates, Authenticator auth) {
        this.mandates = mandates;
        this.auth = auth;
    }

    public record MandateRequest(String applicantEmail, String applicantName) { }

    public record TokenAcceptance(String token) { }

    public record CodeAcceptance(String code) { }

    /** @param valid whether the signed form is what it should be; @param comment why not (required then) */
    public record ConsentCheck(Boolean valid, String comment) { }

    @GET
    @Path("consent-checks")
    public List<Mandate> consentsToCheck(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return service().consentsToCheck(auth.caller(authorization));
    }

    @POST
    @Path("{id}/consent-check")
    @Consumes(MediaType.APPLICATION_JSON)
    public Mandate checkConsent(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id,
            ConsentCheck body) {
        ConsentCheck b = AccountResource.body(body);
        if (b.valid() == null) {
            throw org.guichet.api.error.GuichetException.invalid("VALID_REQUIRED", "valid",
                    "Dites si le formulaire est valable (true) ou non (false).");
        }
        return service().checkConsent(auth.caller(authorization), id, b.valid(), b.comment());
    }

    @GET
    @Path("{id}/consent-form")
    public javax.ws.rs.core.Response consentForm(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("id") long id) {
        return DossierResource.file(service().consentForm(auth.caller(authorization), id), false);
    }

    @GET
    public List<Mandate> list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return service().list(auth.caller(authorization));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response request(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, MandateRequest body) {
        Caller c = auth.caller(authorization);
        MandateRequest b = AccountResource.body(body);
        Mandate m = service().request(c, b.applicantEmail(), b.applicantName());
        return Response.created(URI.create("mandates/" + m.id())).entity(m).build();
    }

    /** multipart/form-data: applicantEmail, applicantName, file (the consent form the applicant signed). */
    @POST
    @Path("signed-consent")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response signedConsent(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, MultipartBody body) {
        Caller c = auth.caller(authorization);
        String email = Multipart.text(body, "applicantEmail", true);
        String name = Multipart.text(body, "applicantName", false);
        Attachment file = Multipart.file(body, "file");
        Mandate m = service().recordSignedConsent(c, email, name, Multipart.fileName(file), Multipart.stream(file));
        return Response.created(URI.create("mandates/" + m.id())).entity(m).build();
    }

    /** The link in the mail: its token alone proves the applicant's mailbox, no session needed. */
    @POST
    @Path("acceptance")
    @Consumes(MediaType.APPLICATION_JSON)
    public Mandate acceptWithToken(TokenAcceptance body) {
        return service().acceptWithToken(AccountResource.body(body).token());
    }

    @POST
    @Path("{id}/acceptance")
    @Consumes(MediaType.APPLICATION_JSON)
    public Mandate acceptWithCode(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("id") long id, CodeAcceptance body) {
        Caller c = auth.caller(authorization);
        return service().acceptWithCode(c, id, AccountResource.body(body).code());
    }

    @POST
    @Path("{id}/revocation")
    public Mandate revoke(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id) {
        return service().revoke(auth.caller(authorization), id);
    }

    private MandateService service() {
        return Services.require(mandates.get());
    }
}
