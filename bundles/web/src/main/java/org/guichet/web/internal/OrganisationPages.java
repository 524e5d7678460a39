package org.guichet.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.servlet.ServletException;
import javax.servlet.http.Part;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.error.GuichetException;
import org.guichet.api.partners.EnrolmentReport;
import org.guichet.api.partners.Organisation;
import org.guichet.api.partners.OrganisationCreated;
import org.guichet.api.partners.RowError;
import org.guichet.api.payments.AttendanceReport;

/**
 * The organisation's space (/organisation), for the staff of a training organisation or a Mission locale (a MEDIATOR
 * account of an organisation): its trainees and where each dossier stands, enrolling a class from the sheet it
 * already has, a month's attendance, answering what an agent asked the organisation (the training entry
 * certificate), its API key, its colleagues. The services decide who sees what (an organisation's staff reach only
 * their organisation's enrolments and the dossiers that name it); this class only turns pages into calls.
 */
public final class OrganisationPages {
    static final String PATH = "/organisation";
    /** the row errors a report page shows (a sheet of 5,000 wrong rows would make a page nobody reads) */
    static final int SHOWN_ROWS = 500;

    private final Portal portal;

    OrganisationPages(Portal portal) {
        this.portal = portal;
    }

    /** A report as the pages show it: counts, and each refused row with its line in the sheet. */
    public record Report(int received, int accepted, List<RowError> rejected, int hidden) {
        static Report of(int received, int accepted, List<RowError> rejected) {
            return new Report(received, accepted, rejected.subList(0, Math.min(SHOWN_ROWS, rejected.size())),
                    Math.max(0, rejected.size() - SHOWN_ROWS));
        }
    }

    void home(Exchange x) throws IOException {
        Caller c = staff(x);
        if (c == null) {
            return;
        }
        String done = x.param("fait");
        String notice = done != null && done.matches("attestation") ? x.ui().t("org.done." + done) : null;
        x.render(200, "organisation/home.jte", "organisation", own(c), "trainees", portal.partners().trainees(c),
                "done", notice, "errors", Map.of());
    }

    void enrolmentsForm(Exchange x) throws IOException {
        Caller c = staff(x);
        if (c == null) {
            return;
        }
        x.render(200, "organisation/enrolments.jte", "organisation", own(c), "report", null, "errors", Map.of());
    }

    void enrolments(Exchange x) throws IOException {
        upload(x, "organisation/enrolments.jte", (o, in) -> {
            EnrolmentReport r = portal.partners().importSpreadsheet(o, in);
            return Report.of(r.received(), r.accepted(), r.rejected());
        });
    }

    /** What reading an uploaded sheet gave: rows read, kept and refused. */
    private interface SheetImport {
        Report read(Organisation o, InputStream in) throws IOException;
    }

    /**
     * An uploaded sheet (enrolments or attendance) read by the service, then the page again with its report row by
     * row; a file that cannot be read at all has its reason at the file field.
     */
    private void upload(Exchange x, String template, SheetImport reader) throws IOException {
        Caller c = staff(x);
        if (c == null) {
            return;
        }
        Organisation o = own(c);
        Part part = file(x);
        if (part == null) {
            x.render(400, template, "organisation", o, "report", null, "errors",
                    Map.of("file", x.ui().t("org.file.choose")));
            return;
        }
        try (InputStream in = part.getInputStream()) {
            Report r = reader.read(o, in);
            boolean noneKept = r.accepted() == 0;
            x.render(noneKept ? 400 : 200, template, "organisation", o, "report", r, "errors", noneKept
                    ? Map.of("lignes", x.ui().t("org.report.noneKept")) : Map.of());
        } catch (GuichetException e) {
            if (!"file".equals(e.field()) && e.kind() != GuichetException.Kind.INVALID) {
                throw e;
            }
            x.render(400, template, "organisation", o, "report", null, "errors", Map.of("file", x.ui().error(e)));
        } finally {
            part.delete();
        }
    }

    void attendanceForm(Exchange x) throws IOException {
        Caller c = staff(x);
        if (c == null) {
            return;
        }
        x.render(200, "organisation/attendance.jte", "organisation", own(c), "report", null, "errors", Map.of());
    }

    void attendance(Exchange x) throws IOException {
        upload(x, "organisation/attendance.jte", (o, in) -> {
            AttendanceReport r = portal.payments().importAttendanceSpreadsheet(o, in);
            return Report.of(r.received(), r.accepted(), r.rejected());
        });
    }

    /** The training entry certificate for one enrolment: it answers the complements an agent addressed to us. */
    void certificate(Exchange x) throws IOException {
        Caller c = staff(x);
        if (c == null) {
            return;
        }
        Organisation o = own(c);
        long enrolment = x.id("inscription");
        Part part = file(x);
        String fid = "attestation-" + enrolment;
        if (part == null) {
            x.render(400, "organisation/home.jte", "organisation", o, "trainees", portal.partners().trainees(c),
                    "done", null, "errors", Map.of(fid, x.ui().t("org.file.choose")));
            return;
        }
        try (InputStream in = part.getInputStream()) {
            portal.partners().attachCertificate(o, enrolment, part.getSubmittedFileName(), in);
            x.redirect(PATH + "?fait=attestation#fait");
        } catch (GuichetException e) {
            if (e.kind() == GuichetException.Kind.NOT_FOUND) {
                throw e;
            }
            x.render(e.kind().status(), "organisation/home.jte", "organisation", o, "trainees",
                    portal.partners().trainees(c), "done", null, "errors", Map.of(fid, x.ui().error(e)));
        } finally {
            part.delete();
        }
    }

    void key(Exchange x) throws IOException {
        Caller c = staff(x);
        if (c == null) {
            return;
        }
        String done = x.param("fait");
        String notice = done != null && done.matches("revoquee") ? x.ui().t("org.key.done." + done) : null;
        renderKey(x, 200, c, null, notice, Map.of());
    }

    private void renderKey(Exchange x, int status, Caller c, String newKey, String notice, Map<String, String> errors)
            throws IOException {
        if (newKey != null) {
            x.resp().setHeader("Cache-Control", "no-store");
        }
        x.render(status, "organisation/key.jte", "overview", portal.partners().overview(c, c.organisationId()),
                "newKey", newKey, "done", notice, "errors", errors);
    }

    /** A new key, shown on this answer only (never stored in clear, never in a redirect's address). */
    void rotate(Exchange x) throws IOException {
        Caller c = staff(x);
        if (c == null) {
            return;
        }
        try {
            OrganisationCreated created = portal.partners().rotateKey(c, c.organisationId(), x.param("version"));
            renderKey(x, 200, c, created.apiKey(), x.ui().t("org.key.done.nouvelle"), Map.of());
        } catch (GuichetException e) {
            if (e.kind() != GuichetException.Kind.CONFLICT) {
                throw e;
            }
            renderKey(x, 409, c, null, null, Map.of("", x.ui().error(e)));
        }
    }

    void revoke(Exchange x) throws IOException {
        Caller c = staff(x);
        if (c == null) {
            return;
        }
        try {
            portal.partners().revokeKey(c, c.organisationId(), x.param("version"));
            x.redirect(PATH + "/cle?fait=revoquee#fait");
        } catch (GuichetException e) {
            if (e.kind() != GuichetException.Kind.CONFLICT) {
                throw e;
            }
            renderKey(x, 409, c, null, null, Map.of("", x.ui().error(e)));
        }
    }

    void colleagues(Exchange x) throws IOException {
        Caller c = staff(x);
        if (c == null) {
            return;
        }
        String done = x.param("fait");
        String notice = done != null && done.matches("invite") ? x.ui().t("org.colleagues.done") : null;
        x.render(200, "organisation/colleagues.jte", "overview", portal.partners().overview(c, c.organisationId()),
                "done", notice, "errors", Map.of(), "email", null, "name", null);
    }

    /** Reuses the account service's invitation (and its activation mail): a MEDIATOR of her own organisation only. */
    void invite(Exchange x) throws IOException {
        Caller c = staff(x);
        if (c == null) {
            return;
        }
        String email = x.param("email");
        String name = x.param("name");
        try {
            portal.accounts().invite(c, email, name, Role.MEDIATOR, c.organisationId(), Set.of());
            x.redirect(PATH + "/collegues?fait=invite#fait");
        } catch (GuichetException e) {
            if (e.kind() == GuichetException.Kind.FORBIDDEN || e.kind() == GuichetException.Kind.NOT_FOUND) {
                throw e;
            }
            Map<String, String> errors = new LinkedHashMap<>();
            errors.put("name".equals(e.field()) || "displayName".equals(e.field()) ? "name" : "email", x.ui().error(e));
            x.render(e.kind().status(), "organisation/colleagues.jte", "overview",
                    portal.partners().overview(c, c.organisationId()), "done", null, "errors", errors,
                    "email", email, "name", name);
        }
    }

    /** The file part, or null when none was chosen; a body over the servlet's limit is a refusal in words. */
    private static Part file(Exchange x) throws IOException {
        try {
            Part p = x.req().getPart("file");
            return p == null || p.getSize() == 0 ? null : p;
        } catch (IllegalStateException | ServletException e) {
            throw GuichetException.invalid("SHEET_TOO_LARGE", "file", "Le fichier est trop grand.");
        }
    }

    private Organisation own(Caller c) {
        return portal.partners().organisations(c).stream().filter(o -> o.id() == c.organisationId()).findFirst()
                .orElseThrow(Exchange.NotFound::new);
    }

    /** The staff of an organisation only; anyone else is told whose space this is, nobody signed in signs in. */
    static Caller staff(Exchange x) throws IOException {
        Caller c = x.caller();
        if (!c.has(Role.MEDIATOR) || c.organisationId() == null) {
            x.render(403, "refused.jte", "title", x.ui().t("org.forbidden.title"), "message",
                    x.ui().t("org.forbidden.text"));
            return null;
        }
        return c;
    }

    /** A trainee as the table names her: "Léa Martin", or her address when the sheet gave no name. */
    public static String name(org.guichet.api.partners.Trainee t) {
        String n = ((t.firstName() == null ? "" : t.firstName()) + " " + (t.lastName() == null ? "" : t.lastName())).strip();
        return n.isEmpty() ? t.email() : n;
    }

    /** Document types in words where the portal has them ("attestation d'entrée en formation"). */
    public static String documents(Ui ui, List<String> types) {
        return String.join(", ", types.stream().map(t -> {
            String key = "org.document." + t;
            String words = ui.t(key);
            return key.equals(words) ? t : words;
        }).toList());
    }

    /** A row's column in the words of a French sheet ("Date de naissance"), else the API's name. */
    public static String column(Ui ui, String field) {
        if (field == null) {
            return "";
        }
        String key = "org.column." + field;
        String words = ui.t(key);
        return key.equals(words) ? field : words;
    }
}
