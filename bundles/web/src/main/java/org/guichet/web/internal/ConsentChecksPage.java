package org.guichet.web.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.guichet.api.error.GuichetException;

/**
 * The signed consent forms mediators recorded, for an agent to check: valid (the mandate is in place) or not (the
 * mediator is told what is wrong). Each check lands back on what happened.
 */
final class ConsentChecksPage {
    private final Portal portal;

    ConsentChecksPage(Portal portal) {
        this.portal = portal;
    }

    void show(Exchange x) throws IOException {
        page(x, 200, Map.of(), AgentForm.NONE);
    }

    private void page(Exchange x, int status, Map<String, String> errors, AgentForm sent) throws IOException {
        x.render(status, "agent/consents.jte", "pending", portal.mandates().consentsToCheck(x.caller()),
                "errors", errors, "done", errors.isEmpty() ? AgentPage.done(x) : null, "sent", sent);
    }

    void check(Exchange x) throws IOException {
        long mandate = x.id("mandate");
        String valid = x.param("valid");
        Map<String, String> errors = new LinkedHashMap<>();
        int status = 400;
        if (!"oui".equals(valid) && !"non".equals(valid)) {
            errors.put("valid-yes-" + mandate, x.ui().t("agent.consents.sayValid"));
        } else {
            try {
                portal.mandates().checkConsent(x.caller(), mandate, "oui".equals(valid), x.param("comment"));
                x.redirect("/instruction/consentements?fait=" + ("oui".equals(valid) ? "consentement"
                        : "consentement-refuse") + "#fait");
                return;
            } catch (GuichetException e) {
                if (e.kind() == GuichetException.Kind.NOT_FOUND) {
                    throw e;
                }
                errors.put("comment".equals(e.field()) ? "comment-" + mandate : "", x.ui().error(e));
                status = e.kind().status();
            }
        }
        page(x, status, errors, AgentForm.of("consent-" + mandate, x));
    }

    /** The signed form's file. */
    void form(Exchange x) throws IOException {
        x.send(portal.mandates().consentForm(x.caller(), x.id("mandate")));
    }
}
