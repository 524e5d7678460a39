package org.guichet.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.guichet.api.accounts.IdentityProvider;
import org.guichet.api.error.GuichetException;
import org.guichet.web.internal.OrganisationPagesRefusalTest.Answer;
import org.junit.jupiter.api.Test;

/**
 * The FranceConnect pages through the portal's servlet: absent (404) while FranceConnect is off; a callback the client
 * refuses gets its page in words with the refusal's status, and nobody is signed in (the account service is not even
 * asked: it is absent here).
 */
class FranceConnectPagesTest {
    /** A provider whose every callback is refused with {@code code}. */
    static IdentityProvider refusing(String code) {
        return new IdentityProvider() {
            @Override
            public String id() {
                return "FRANCECONNECT";
            }

            @Override
            public Start begin() {
                return new Start(URI.create("https://fc.example/authorize?state=s"), "binding");
            }

            @Override
            public Completion complete(Map<String, String> callback, String browserBinding) {
                throw new GuichetException(GuichetException.Kind.UNAUTHENTICATED, code, null, "refused");
            }

            @Override
            public URI logout(String idToken) {
                return null;
            }
        };
    }

    @Test
    void theSimulatorOffersFranceConnectOnlyWhileItIsConfigured() {
        Portal portal = new Portal();
        SimulatorPage simulator = new SimulatorPage(portal);
        assertEquals(java.util.Set.of(), simulator.offered(), "FranceConnect off: no button, nothing to promise");
        portal.bindFranceConnectForTest(refusing("ANY"));
        assertEquals(java.util.Set.of(org.guichet.api.scheme.AnswerSource.FRANCECONNECT), simulator.offered());
    }

    @Test
    void whileOffThePagesDoNotExist() throws Exception {
        for (String path : new String[] {FranceConnectPages.START, FranceConnectPages.CALLBACK}) {
            Answer a = OrganisationPagesRefusalTest.get(new Portal(), path, null, Map.of("code", "c", "state", "s"));
            assertEquals(404, a.status(), path);
        }
    }

    @Test
    void aRefusedCallbackHasItsPageAndSignsNobodyIn() throws Exception {
        for (String code : new String[] {"OIDC_TOKEN_INVALID", "OIDC_NONCE_MISMATCH", "OIDC_STATE_UNKNOWN",
                "OIDC_TOKEN_EXPIRED"}) {
            Portal portal = new Portal();
            portal.bindFranceConnectForTest(refusing(code));
            Answer a = OrganisationPagesRefusalTest.get(portal, FranceConnectPages.CALLBACK, null,
                    Map.of("code", "c", "state", "s"));
            assertEquals(401, a.status(), code + ": " + a.body());
            assertTrue(a.body().contains("Connexion avec FranceConnect impossible")
                    && a.body().contains("data-code=\"" + code + "\""), a.body());
        }
    }
}
