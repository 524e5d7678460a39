package org.guichet.web.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.guichet.api.error.GuichetException;

/**
 * Four eyes on money (/instruction/approbations): the decisions other agents proposed that wait for a second agent in
 * the caller's schemes, each with why, and « Approuver ». The instruction service refuses one's own proposal and
 * makes one decision when two agents approve at once; its refusals come back here in words.
 */
final class AgentApprovalsPage {
    static final String PATH = "/instruction/approbations";

    private final Portal portal;

    AgentApprovalsPage(Portal portal) {
        this.portal = portal;
    }

    void show(Exchange x) throws IOException {
        page(x, 200, new LinkedHashMap<>());
    }

    void approve(Exchange x) throws IOException {
        long proposal = x.id("proposition");
        try {
            portal.instruction().approveDecision(x.caller(), proposal);
            x.redirect(PATH + "?fait=approuvee#fait");
        } catch (GuichetException e) {
            if (e.kind() == GuichetException.Kind.NOT_FOUND) {
                throw e;
            }
            Map<String, String> errors = new LinkedHashMap<>();
            errors.put("", x.ui().error(e));
            page(x, e.kind().status(), errors);
        }
    }

    /** A second agent turns a proposal down with her reason, or its proposer withdraws it. */
    void reject(Exchange x) throws IOException {
        long proposal = x.id("proposition");
        String reason = x.param("raison");
        try {
            var p = portal.instruction().rejectDecision(x.caller(), proposal, reason);
            x.redirect(PATH + "?fait=" + ("WITHDRAWN".equals(p.status()) ? "retiree" : "refusee") + "#fait");
        } catch (GuichetException e) {
            if (e.kind() == GuichetException.Kind.NOT_FOUND) {
                throw e;
            }
            // the error at the proposal's reason field, what she typed kept
            String field = "reason".equals(e.field()) ? "raison-" + proposal : "";
            Map<String, String> errors = new LinkedHashMap<>();
            errors.put(field, x.ui().error(e));
            Map<String, String> typed = new LinkedHashMap<>();
            typed.put("raison-" + proposal, reason == null ? "" : reason);
            page(x, e.kind().status(), errors, typed);
        }
    }

    private void page(Exchange x, int status, Map<String, String> errors) throws IOException {
        page(x, status, errors, Map.of());
    }

    private void page(Exchange x, int status, Map<String, String> errors, Map<String, String> typed)
            throws IOException {
        x.render(status, "agent/approvals.jte", "pending", portal.instruction().pendingDecisions(x.caller()), "me",
                x.caller().accountId(), "errors", errors, "typed", typed, "done",
                errors.isEmpty() ? AgentPage.done(x) : null);
    }
}
