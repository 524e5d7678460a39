package org.guichet.rest.internal;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
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
import org.guichet.api.error.GuichetException;
import org.guichet.api.partners.EnrolmentReport;
import org.guichet.api.partners.Organisation;
import org.guichet.api.partners.PartnerService;
import org.guichet.api.payments.AttendanceReport;
import org.guichet.api.payments.PaymentService;

/**
 * For partner organisations' systems, with their API key: enrolments and attendance (JSON, or the organisation's
 * spreadsheet — CSV or xlsx — as the body or a file upload, read by the one reader the web pages use too) and
 * training entry certificates. Good rows are kept, bad rows reported one by one; if no row is good, 400.
 */
@Path("/partners")
@Produces(MediaType.APPLICATION_JSON)
public class PartnerResource {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private final Supplier<PartnerService> partners;
    private final Supplier<PaymentService> payments;
    private final Authenticator auth;

    PartnerResource(Supplier<PartnerService> partners, Supplier<PaymentService> payments, Authenticator auth) {
        this.partners = partners;
        this.payments = payments;
        this.auth = auth;
    }

    public record Attendance(List<Map<String, Object>> attendance) { }

    /** Monthly attendance: traineeEmail, month (YYYY-MM), attendedHours, scheduledHours. */
    @POST
    @Path("attendance")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response attendance(@HeaderParam("X-Api-Key") String key, @HeaderParam(HttpHeaders.AUTHORIZATION) String authz,
            Attendance body) {
        Organisation o = auth.partner(key, authz);
        return attendanceReport(Services.require(payments.get()).reportAttendance(o, AccountResource.body(body).attendance()));
    }

    /** The file as the body: CSV (its encoding detected strictly, whatever the charset parameter says) or xlsx. */
    @POST
    @Path("attendance")
    @Consumes({"text/csv", XLSX})
    public Response attendanceCsv(@HeaderParam("X-Api-Key") String key,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authz, byte[] file) {
        Organisation o = auth.partner(key, authz);
        return attendanceReport(Services.require(payments.get()).importAttendanceSpreadsheet(o,
                new ByteArrayInputStream(file == null ? new byte[0] : file)));
    }

    @POST
    @Path("attendance")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response attendanceUpload(@HeaderParam("X-Api-Key") String key,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authz, MultipartBody body) {
        Organisation o = auth.partner(key, authz);
        Attachment file = Multipart.file(body, "file");
        return attendanceReport(Services.require(payments.get()).importAttendanceSpreadsheet(o, Multipart.stream(file)));
    }

    private static Response attendanceReport(AttendanceReport r) {
        if (r.accepted() == 0) {
            throw new GuichetException(GuichetException.Kind.INVALID, "ATTENDANCE_REJECTED", null,
                    "Aucune ligne de présence n'a pu être prise en compte : voir chaque ligne.", r.rejected(),
                    Map.of("received", r.received()));
        }
        return Response.ok(r).build();
    }

    public record Enrolments(List<Map<String, Object>> enrolments) { }

    public record CertificateStored(long enrolmentId, long documentId) { }

    @GET
    @Path("me")
    public Organisation me(@HeaderParam("X-Api-Key") String key, @HeaderParam(HttpHeaders.AUTHORIZATION) String authz) {
        return auth.partner(key, authz);
    }

    @POST
    @Path("enrolments")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response enrolments(@HeaderParam("X-Api-Key") String key,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authz, Enrolments body) {
        Organisation o = auth.partner(key, authz);
        return report(service().submitEnrolments(o, AccountResource.body(body).enrolments()));
    }

    /** The file as the body: CSV (its encoding detected strictly, whatever the charset parameter says) or xlsx. */
    @POST
    @Path("enrolments")
    @Consumes({"text/csv", XLSX})
    public Response csvBody(@HeaderParam("X-Api-Key") String key, @HeaderParam(HttpHeaders.AUTHORIZATION) String authz,
            byte[] file) {
        Organisation o = auth.partner(key, authz);
        return report(service().importSpreadsheet(o, new ByteArrayInputStream(file == null ? new byte[0] : file)));
    }

    /** multipart/form-data with the file (CSV or xlsx) in the part "file". */
    @POST
    @Path("enrolments")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response csvUpload(@HeaderParam("X-Api-Key") String key, @HeaderParam(HttpHeaders.AUTHORIZATION) String authz,
            MultipartBody body) {
        Organisation o = auth.partner(key, authz);
        Attachment file = Multipart.file(body, "file");
        return report(service().importSpreadsheet(o, Multipart.stream(file)));
    }

    @POST
    @Path("enrolments/{id}/certificate")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response certificate(@HeaderParam("X-Api-Key") String key,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authz, @PathParam("id") long id, MultipartBody body) {
        Organisation o = auth.partner(key, authz);
        Attachment file = Multipart.file(body, "file");
        long doc = service().attachCertificate(o, id, Multipart.fileName(file), Multipart.stream(file));
        return Response.status(201).entity(new CertificateStored(id, doc)).build();
    }

    private static Response report(EnrolmentReport r) {
        if (r.accepted() == 0) {
            throw new GuichetException(GuichetException.Kind.INVALID, "ENROLMENTS_REJECTED", null,
                    "Aucune inscription n'a pu être gardée : voir chaque ligne.", r.rejected(),
                    Map.of("received", r.received()));
        }
        return Response.ok(r).build();
    }

    private PartnerService service() {
        return Services.require(partners.get());
    }
}
