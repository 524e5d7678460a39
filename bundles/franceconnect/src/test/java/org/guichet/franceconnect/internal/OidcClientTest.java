package org.guichet.franceconnect.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Map;
import java.util.function.UnaryOperator;
import net.minidev.json.JSONObject;
import org.guichet.api.accounts.IdentityProvider.Completion;
import org.guichet.api.accounts.IdentityProvider.Start;
import org.guichet.api.accounts.IdentityProvider;
import org.guichet.api.accounts.VerifiedIdentity;
import org.guichet.api.error.GuichetException;
import org.guichet.franceconnect.testing.TestProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The FranceConnect client against a real OpenID Provider (Spring Authorization Server, started by the test in its
 * own JVM): the whole authorization code flow with state, nonce and PKCE, and each refusal a client must make —
 * tampered ID token, wrong nonce, replayed state, another browser, expired token, weak acr, cancel, provider down.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcClientTest {
    TestProvider op;
    OidcClient client;

    @BeforeAll
    void start() throws Exception {
        op = new TestProvider();
        client = new OidcClient(op.config(Map.of()));
    }

    @AfterAll
    void stop() {
        if (op != null) {
            op.close();
        }
    }

    static String code(Runnable r) {
        return assertThrows(GuichetException.class, r::run).code();
    }

    @Test
    void signsInThroughTheProviderWithStateNoncePkceAndGivesTheVerifiedIdentity() throws Exception {
        long t0 = System.nanoTime();
        Start start = client.begin();
        Map<String, String> asked = TestProvider.query(start.location());
        assertEquals("S256", asked.get("code_challenge_method"));
        assertNotNull(asked.get("code_challenge"));
        assertNotNull(asked.get("nonce"));
        assertNotNull(asked.get("state"));
        assertEquals("eidas1", asked.get("acr_values"));
        assertEquals("openid given_name family_name birthdate email", asked.get("scope"));
        assertTrue(!start.location().toString().contains("code_verifier"), "the verifier never leaves the server");

        URI callback = op.browser().signIn(start.location(), "angela");
        Completion done = client.complete(TestProvider.query(callback), start.browserBinding());
        System.out.printf("a whole sign-in (begin, provider's login, code exchange, ID token and userinfo checked) took"
                + " %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        VerifiedIdentity who = done.identity();
        assertEquals(VerifiedIdentity.FRANCECONNECT, who.provider());
        assertEquals("angela", who.subject());
        assertEquals("Angela Claire", who.givenNames());
        assertEquals("DUBOIS", who.familyName());
        assertEquals(LocalDate.of(1962, 8, 24), who.birthDate());
        assertEquals("angela@example.fr", who.email());
        assertEquals("eidas1", who.acr());

        URI logout = client.logout(done.idToken());
        Map<String, String> q = TestProvider.query(logout);
        assertEquals(done.idToken(), q.get("id_token_hint"));
        assertEquals(op.logoutUri, q.get("post_logout_redirect_uri"));
        assertTrue(logout.toString().startsWith(op.issuer + "/connect/logout"), logout.toString());
    }

    @Test
    void aReplayedStateIsRefused() throws Exception {
        Start start = client.begin();
        Map<String, String> callback = TestProvider.query(op.browser().signIn(start.location(), "rejoue"));
        client.complete(callback, start.browserBinding());
        assertEquals("OIDC_STATE_UNKNOWN", code(() -> client.complete(callback, start.browserBinding())));
    }

    @Test
    void aCallbackInAnotherBrowserIsRefused() throws Exception {
        Start start = client.begin();
        Map<String, String> callback = TestProvider.query(op.browser().signIn(start.location(), "victime"));
        // login CSRF: someone's callback opened in a browser that did not start this sign-in
        assertEquals("OIDC_STATE_UNKNOWN", code(() -> client.complete(callback, "another-browser")));
        assertEquals("OIDC_STATE_UNKNOWN", code(() -> client.complete(callback, start.browserBinding())),
                "and the state is spent");
    }

    @Test
    void aTamperedIdTokenIsRefused() throws Exception {
        // the ID token's payload changed on its way (another person's address), its signature left as it was
        UnaryOperator<HTTPResponse> tamper = response -> {
            try {
                JSONObject body = response.getBodyAsJSONObject();
                String[] parts = ((String) body.get("id_token")).split("\\.");
                String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
                String changed = payload.replace("angela.tampered@example.fr", "attacker@example.fr");
                if (changed.equals(payload)) {
                    throw new AssertionError("nothing tampered: " + payload);
                }
                body.put("id_token", parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(changed.getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);
                HTTPResponse out = new HTTPResponse(response.getStatusCode());
                out.setContentType("application/json");
                out.setBody(body.toJSONString());
                return out;
            } catch (com.nimbusds.oauth2.sdk.ParseException e) {
                throw new IllegalStateException(e);
            }
        };
        OidcClient tampered = new OidcClient(op.config(Map.of()), tamper);
        Start start = tampered.begin();
        Map<String, String> callback = TestProvider.query(op.browser().signIn(start.location(), "angela.tampered"));
        assertEquals("OIDC_TOKEN_INVALID", code(() -> tampered.complete(callback, start.browserBinding())));
    }

    @Test
    void anIdTokenWithAnotherNonceIsRefused() throws Exception {
        Start start = client.begin();
        // the nonce replaced on the way to the provider: its token carries a nonce this sign-in never made
        URI changed = TestProvider.withParameter(start.location(), "nonce", "a-nonce-of-someone-else");
        Map<String, String> callback = TestProvider.query(op.browser().signIn(changed, "noncer"));
        assertEquals("OIDC_NONCE_MISMATCH", code(() -> client.complete(callback, start.browserBinding())));
    }

    @Test
    void anExpiredIdTokenIsRefused() throws Exception {
        Start start = client.begin();
        Map<String, String> callback = TestProvider.query(op.browser().signIn(start.location(), "expired-eve"));
        assertEquals("OIDC_TOKEN_EXPIRED", code(() -> client.complete(callback, start.browserBinding())));
    }

    @Test
    void aWeakerAcrThanConfiguredIsRefused() throws Exception {
        Start start = client.begin();
        Map<String, String> callback = TestProvider.query(op.browser().signIn(start.location(), "weak-walter"));
        assertEquals("OIDC_ACR_INSUFFICIENT", code(() -> client.complete(callback, start.browserBinding())));
    }

    @Test
    void aCancelAtTheProviderIsSaidSo() {
        Start start = client.begin();
        String state = TestProvider.query(start.location()).get("state");
        assertEquals("OIDC_CANCELLED", code(() -> client.complete(Map.of("error", "access_denied", "state", state,
                "error_description", "User auth aborted"), start.browserBinding())));
        assertEquals("OIDC_STATE_UNKNOWN", code(() -> client.complete(Map.of("code", "x", "state", state),
                start.browserBinding())), "an error answer spends the state too");
        assertEquals("OIDC_STATE_UNKNOWN", code(() -> client.complete(Map.of("code", "x"), start.browserBinding())),
                "no state at all");
    }

    @Test
    void aProviderThatDoesNotAnswerIsSaidSo() {
        OidcClient down = new OidcClient(op.config(Map.of("issuer", "http://127.0.0.1:" + TestProvider.freePort(),
                "timeout_seconds", 2)));
        assertEquals("OIDC_UNAVAILABLE", code(down::begin));
    }

    @Test
    void withoutConfigurationThereIsNoClient() {
        assertEquals("issuer", FranceConnectComponent.missing(op.config(Map.of("issuer", ""))));
        assertEquals("client.secret", FranceConnectComponent.missing(op.config(Map.of("client_secret", " "))));
        assertEquals(null, FranceConnectComponent.missing(op.config(Map.of())));
    }

    // ---- data access (API Particulier's FranceConnect mode)

    @Test
    void aDataAccessGivesHerAccessTokenForTheDataScopesWithoutASecondLoginAndTheProviderSaysItIsActive()
            throws Exception {
        TestProvider.Browser browser = op.browser();
        Start signIn = client.begin();
        Completion done = client.complete(TestProvider.query(browser.signIn(signIn.location(), "lea")),
                signIn.browserBinding());
        assertEquals(1, browser.logins);

        Start start = client.beginDataAccess(java.util.List.of("dgfip_rfr", "dgfip_nbpart"), "source:7:1000:2:DGFIP");
        Map<String, String> asked = TestProvider.query(start.location());
        assertEquals("openid dgfip_rfr dgfip_nbpart", asked.get("scope"));
        assertEquals("S256", asked.get("code_challenge_method"));
        assertNotNull(asked.get("nonce"));
        Map<String, String> callback = TestProvider.query(browser.signIn(start.location(), "lea"));
        assertEquals(1, browser.logins, "the provider still has her session: no login page the second time");
        assertTrue(client.isDataAccess(callback));
        IdentityProvider.DataAccess access = client.completeDataAccess(callback, start.browserBinding());
        assertEquals(done.identity().subject(), access.subject());
        assertEquals("source:7:1000:2:DGFIP", access.purpose());
        assertTrue(access.scopes().containsAll(java.util.List.of("dgfip_rfr", "dgfip_nbpart")), access.scopes().toString());
        assertTrue(!access.toString().contains(access.accessToken()), "the token is never shown: " + access);

        // the administrations' stand-in checks it at the provider (RFC 7662), with its own credentials
        java.net.http.HttpResponse<String> introspected = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(URI.create(op.introspectionEndpoint()))
                        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                                (TestProvider.RESOURCE_CLIENT_ID + ":" + TestProvider.RESOURCE_CLIENT_SECRET).getBytes()))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("token=" + TestProvider.enc(
                                access.accessToken()))).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, introspected.statusCode(), introspected.body());
        assertTrue(introspected.body().contains("\"active\":true") && introspected.body().contains("\"sub\":\"lea\"")
                && introspected.body().contains("dgfip_rfr"), introspected.body());

        // used once: the same callback again is refused; a sign-in cannot take a data access's state, nor the reverse
        assertEquals("OIDC_STATE_UNKNOWN", code(() -> client.completeDataAccess(callback, start.browserBinding())));
        Start again = client.beginDataAccess(java.util.List.of("dgfip_rfr"), "source:7:1000:2:DGFIP");
        Map<String, String> back = TestProvider.query(browser.signIn(again.location(), "lea"));
        assertEquals("OIDC_STATE_UNKNOWN", code(() -> client.complete(back, again.browserBinding())));
        Start login = client.begin();
        Map<String, String> signedIn = TestProvider.query(browser.signIn(login.location(), "lea"));
        assertTrue(!client.isDataAccess(signedIn));
        assertEquals("OIDC_STATE_UNKNOWN", code(() -> client.completeDataAccess(signedIn, login.browserBinding())));
    }

    @Test
    void aDataAccessFromAnotherBrowserIsRefused() throws Exception {
        TestProvider.Browser browser = op.browser();
        Start start = client.beginDataAccess(java.util.List.of("statut_demandeur_emploi"), "source:7:1000:3:FRANCE_TRAVAIL");
        Map<String, String> callback = TestProvider.query(browser.signIn(start.location(), "lea"));
        assertEquals("OIDC_STATE_UNKNOWN", code(() -> client.completeDataAccess(callback, "another-browser")));
        assertTrue(!client.isDataAccess(callback), "used up by the refusal");

        // cancelled at the provider: refused, and the refusal says which data access it ends (the portal's purpose)
        Start cancel = client.beginDataAccess(java.util.List.of("dgfip_rfr"), "source:7:1000:2:DGFIP");
        Map<String, String> denied = Map.of("error", "access_denied", "state", TestProvider.query(cancel.location())
                .get("state"));
        assertTrue(client.isDataAccess(denied));
        GuichetException e = assertThrows(GuichetException.class, () -> client.completeDataAccess(denied,
                cancel.browserBinding()));
        assertEquals("OIDC_CANCELLED", e.code());
        assertEquals("source:7:1000:2:DGFIP", e.details().get("purpose"));
    }
}
