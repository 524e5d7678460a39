package org.guichet.web.internal;

import java.io.IOException;
import java.util.Map;
import org.guichet.api.error.GuichetException;
import org.guichet.api.mandates.Mandate;

/**
 * The page the mandate mail links to: the person says yes with one button (the link itself proves her mailbox; no
 * account or password needed). Opening the link changes nothing; only the button does.
 */
final class MandatePage {
    private final Portal portal;

    MandatePage(Portal portal) {
        this.portal = portal;
    }

    void show(Exchange x) throws IOException {
        x.render(200, "mandate/accept.jte", "token", x.param("jeton"), "errors", Map.of());
    }

    void accept(Exchange x) throws IOException {
        String token = x.param("jeton");
        portal.limit(x.req(), org.guichet.api.limits.RateLimits.LINK);
        try {
            Mandate mandate = portal.mandates().acceptWithToken(token);
            x.render(200, "mandate/accepted.jte", "mediator", mandate.mediator().displayName(), "organisation",
                    mandate.organisationName());
        } catch (GuichetException e) {
            x.render(e.kind().status(), "mandate/accept.jte", "token", token, "errors", Map.of("", x.ui().error(e)));
        }
    }
}
