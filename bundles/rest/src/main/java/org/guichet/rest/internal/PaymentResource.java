package org.guichet.rest.internal;

import java.io.InputStream;
import java.nio.file.Files;
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
import org.guichet.api.payments.Payment;
import org.guichet.api.payments.PaymentBatch;
import org.guichet.api.payments.PaymentService;

/** Payments due, SEPA credit-transfer files, and their execution by the bank; for agents. */
@Path("/payments")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentResource {
    private final Supplier<PaymentService> payments;
    private final Authenticator auth;

    PaymentResource(Supplier<PaymentService> payments, Authenticator auth) {
        this.payments = payments;
        this.auth = auth;
    }

    public record Issue(String asOf, String executionDate) { }

    public record Paid(String paidOn) { }

    @GET
    @Path("due")
    public List<Payment> due(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @QueryParam("asOf") String asOf) {
        return service().due(auth.caller(authorization), InstructionResource.date(asOf, "asOf"));
    }

    @GET
    @Path("batches")
    public List<PaymentBatch> batches(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return service().batches(auth.caller(authorization));
    }

    @POST
    @Path("batches")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response issue(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, Issue body) {
        Issue b = body == null ? new Issue(null, null) : body;
        PaymentBatch batch = service().issue(auth.caller(authorization), InstructionResource.date(b.asOf(), "asOf"),
                InstructionResource.date(b.executionDate(), "executionDate"));
        return Response.status(201).entity(batch).build();
    }

    /** The pain.001.001.03 XML file, to send to the bank. */
    @GET
    @Path("batches/{id}/file")
    @Produces({MediaType.APPLICATION_XML, MediaType.APPLICATION_JSON})
    public Response file(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id) {
        java.nio.file.Path path = service().batchFile(auth.caller(authorization), id);
        StreamingOutput out = os -> {
            try (InputStream in = Files.newInputStream(path)) {
                in.transferTo(os);
            }
        };
        return Response.ok(out, MediaType.APPLICATION_XML_TYPE.withCharset("UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"" + path.getFileName() + "\"")
                .header("Cache-Control", "private, no-store").build();
    }

    @POST
    @Path("batches/{id}/paid")
    @Consumes(MediaType.APPLICATION_JSON)
    public PaymentBatch paid(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("id") long id,
            Paid body) {
        return service().confirmPaid(auth.caller(authorization), id,
                InstructionResource.date(body == null ? null : body.paidOn(), "paidOn"));
    }

    private PaymentService service() {
        return Services.require(payments.get());
    }
}
