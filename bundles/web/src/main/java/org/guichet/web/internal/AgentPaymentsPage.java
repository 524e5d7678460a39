package org.guichet.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.guichet.api.accounts.Caller;
import org.guichet.api.error.GuichetException;
import org.guichet.api.payments.PaymentService;

/**
 * The payments an agent sends: what is due on a day across her schemes, the SEPA transfer file to prepare and
 * download for the bank, and the bank's execution to record. Each action lands back on what happened.
 */
final class AgentPaymentsPage {
    private final Portal portal;

    AgentPaymentsPage(Portal portal) {
        this.portal = portal;
    }

    void show(Exchange x) throws IOException {
        page(x, 200, new LinkedHashMap<>(), AgentForm.NONE);
    }

    private void page(Exchange x, int status, Map<String, String> errors, AgentForm sent) throws IOException {
        Caller agent = x.caller();
        PaymentService payments = portal.payments();
        LocalDate day = LocalDate.now(Ui.PARIS);
        String asOf = x.param("asOf");
        if (asOf != null) {
            try {
                day = LocalDate.parse(FrenchDates.toIso(asOf));
            } catch (DateTimeParseException e) {
                errors.put("", x.ui().t("agent.error.date", x.ui().t("agent.payments.asOf")));
                status = 400;
            }
        }
        x.render(status, "agent/payments.jte", "day", day, "due", payments.due(agent, day), "batches",
                payments.batches(agent), "errors", errors, "done", errors.isEmpty() ? AgentPage.done(x) : null,
                "sent", sent);
    }

    void issue(Exchange x) throws IOException {
        Map<String, String> errors = new LinkedHashMap<>();
        int status = 400;
        try {
            LocalDate execution = AgentPage.date(x, "executionDate", "agent.payments.executionDate", errors);
            LocalDate asOf = null;
            try {
                asOf = x.param("asOf") == null ? LocalDate.now(Ui.PARIS) : LocalDate.parse(x.param("asOf"));
            } catch (DateTimeParseException e) {
                errors.put("", x.ui().t("agent.error.date", x.ui().t("agent.payments.asOf")));
            }
            if (errors.isEmpty()) {
                portal.payments().issue(x.caller(), asOf, execution);
                x.redirect("/instruction/paiements?fait=virements#fait");
                return;
            }
        } catch (GuichetException e) {
            errors.put("executionDate".equals(e.field()) ? "executionDate" : "", x.ui().error(e));
            status = e.kind().status();
        }
        page(x, status, errors, AgentForm.of("virements", x));
    }

    void paid(Exchange x) throws IOException {
        long batch = x.id("batch");
        try {
            portal.payments().confirmPaid(x.caller(), batch, null);
            x.redirect("/instruction/paiements?fait=paye#fait");
        } catch (GuichetException e) {
            if (e.kind() == GuichetException.Kind.NOT_FOUND) {
                throw e;
            }
            Map<String, String> errors = new LinkedHashMap<>();
            errors.put("", x.ui().error(e));
            page(x, e.kind().status(), errors, AgentForm.NONE);
        }
    }

    /** The SEPA file (pain.001.001.03) for the bank. */
    void file(Exchange x) throws IOException {
        Path file = portal.payments().batchFile(x.caller(), x.id("batch"));
        x.resp().setContentType("application/xml;charset=UTF-8");
        x.resp().setHeader("Content-Disposition", "attachment; filename=\"" + file.getFileName().toString()
                .replaceAll("[^\\p{L}\\p{N}._-]", "_") + "\"");
        x.resp().setHeader("Cache-Control", "private, no-store");
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(x.resp().getOutputStream());
        }
    }
}
