package org.guichet.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.guichet.franceconnect.testing.TestProvider;
import org.guichet.itests.support.Distribution;
import org.guichet.itests.support.Mailbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Sign in with FranceConnect through the distribution, against a real OpenID Provider (Spring Authorization Server,
 * testing/oidc-provider) started by the test: etc/org.guichet.franceconnect.cfg points the portal at it, a browser
 * (cookies, no JavaScript) clicks the button, signs in at the provider, comes back signed in with an ACTIVE account
 * and no activation mail; the same callback replayed is refused with its page; an existing account with the same
 * address is linked only after the mailed code; signing out ends the session at the provider too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FranceConnectJourneyTest {
    Distribution dist;
    TestProvider op;
    Mailbox mail;

    @BeforeAll
    void start() throws Exception {
        dist = Distribution.unpack("franceconnect");
        op = new TestProvider(dist.url("/compte/franceconnect/retour"), dist.url("/"));
        pointAt(dist, op);
        Duration started = dist.start(Duration.ofMinutes(4));
        System.out.println("distribution started in " + started.toMillis() + " ms; provider in " + op.startMillis + " ms");
        mail = new Mailbox(dist);
    }

    /** etc/org.guichet.franceconnect.cfg of the distribution, pointed at the test's provider. */
    static void pointAt(Distribution dist, TestProvider op) throws Exception {
        String cfg = "org.guichet.franceconnect.cfg";
        dist.setConfig(cfg, "issuer", op.issuer);
        dist.setConfig(cfg, "client.id", TestProvider.CLIENT_ID);
        dist.setConfig(cfg, "client.secret", TestProvider.CLIENT_SECRET);
        dist.setConfig(cfg, "redirect.uri", op.redirectUri);
        dist.setConfig(cfg, "post.logout.redirect.uri", op.logoutUri);
    }

    @AfterAll
    void stop() throws Exception {
        if (dist != null) {
            dist.close();
        }
        if (op != null) {
            op.close();
        }
    }

    /** Button → provider's login → back: the callback the provider sent the browser to, not yet opened. */
    URI throughTheProvider(TestProvider.Browser browser, String user) throws Exception {
        HttpResponse<String> page = browser.get(URI.create(dist.url("/compte/connexion")));
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("href=\"/compte/franceconnect\""), "the button is there: " + page.body());
        HttpResponse<String> toProvider = browser.get(URI.create(dist.url("/compte/franceconnect")));
        assertEquals(302, toProvider.statusCode(), toProvider.body());
        URI authorize = URI.create(toProvider.headers().firstValue("Location").orElseThrow());
        assertTrue(authorize.toString().startsWith(op.issuer), authorize.toString());
        return browser.signIn(authorize, user);
    }

    @Test
    void aFirstSignInCreatesAnActiveAccountWithoutAnyMailAndAReplayedCallbackIsRefused() throws Exception {
        long t0 = System.nanoTime();
        TestProvider.Browser browser = op.browser();
        URI callback = throughTheProvider(browser, "camille");
        HttpResponse<String> back = browser.get(callback);
        assertEquals(302, back.statusCode(), back.body());
        assertEquals("/mes-demandes#contenu", URI.create(back.headers().firstValue("Location").orElseThrow()).getPath()
                + "#" + URI.create(back.headers().firstValue("Location").orElseThrow()).getFragment());
        assertNotNull(browser.cookie("guichet_session"), "signed in");
        HttpResponse<String> home = browser.get(URI.create(dist.url("/mes-demandes")));
        assertEquals(200, home.statusCode(), "an ACTIVE account's session: " + home.body());
        System.out.printf("button to signed in through the distribution: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertEquals(0, mail.count("camille@example.fr", "ACTIVATION"), "no activation mail");

        // the same callback again (a replayed state): refused with its own page, not signed in anew
        TestProvider.Browser other = op.browser();
        HttpResponse<String> replay = other.get(callback);
        assertEquals(401, replay.statusCode(), replay.body());
        assertTrue(replay.body().contains("Connexion avec FranceConnect impossible")
                && replay.body().contains("data-code=\"OIDC_STATE_UNKNOWN\""), replay.body());
        assertEquals(null, other.cookie("guichet_session"));

        // signing out ends the session here and at the provider (end_session with id_token_hint)
        String csrf = csrf(home.body());
        HttpResponse<String> out = browser.post(URI.create(dist.url("/compte/deconnexion")), "_csrf=" + csrf);
        String atProvider = out.headers().firstValue("Location").orElseThrow();
        assertTrue(atProvider.startsWith(op.issuer + "/connect/logout") && atProvider.contains("id_token_hint="),
                atProvider);
        assertEquals(302, browser.get(URI.create(dist.url("/mes-demandes"))).statusCode(), "signed out here");
        HttpResponse<String> providerOut = browser.get(URI.create(atProvider));
        assertTrue(providerOut.headers().firstValue("Location").orElse("").startsWith(op.logoutUri),
                "the provider signs out and sends her back: " + providerOut.statusCode() + " " + providerOut.headers());
    }

    @Test
    void anExistingAccountIsLinkedOnlyAfterTheMailedCode() throws Exception {
        // Dora signed up with a password and never opened her activation link (or someone else used her address)
        TestProvider.Browser browser = op.browser();
        HttpResponse<String> form = browser.get(URI.create(dist.url("/compte/code")));
        browser.post(URI.create(dist.url("/compte/inscription")), "_csrf=" + csrf(form.body())
                + "&displayName=Dora&email=dora%40example.fr&password=" + TestProvider.enc("un mot de passe bien long 42"));
        mail.latest("dora@example.fr", "ACTIVATION");

        URI callback = throughTheProvider(browser, "dora");
        HttpResponse<String> back = browser.get(callback);
        assertEquals(200, back.statusCode(), back.body());
        assertTrue(back.body().contains("prouvez que cette adresse est bien la vôtre"), back.body());
        assertEquals(null, browser.cookie("guichet_session"), "not signed in before the mailbox is proven");
        String code = mail.latest("dora@example.fr", "SIGN_IN_CODE").code();
        Matcher ticket = Pattern.compile("name=\"ticket\" value=\"([^\"]+)\"").matcher(back.body());
        assertTrue(ticket.find(), back.body());
        HttpResponse<String> wrong = browser.post(URI.create(dist.url("/compte/franceconnect/lien")), "_csrf="
                + csrf(back.body()) + "&ticket=" + TestProvider.enc(ticket.group(1)) + "&code="
                + (code.equals("000000") ? "111111" : "000000"));
        assertEquals(400, wrong.statusCode(), wrong.body());
        HttpResponse<String> linked = browser.post(URI.create(dist.url("/compte/franceconnect/lien")), "_csrf="
                + csrf(back.body()) + "&ticket=" + TestProvider.enc(ticket.group(1)) + "&code=" + code);
        assertEquals(302, linked.statusCode(), linked.body());
        assertNotNull(browser.cookie("guichet_session"));
        assertEquals(200, browser.get(URI.create(dist.url("/mes-demandes"))).statusCode());

        // next time, straight in
        TestProvider.Browser later = op.browser();
        HttpResponse<String> again = later.get(throughTheProvider(later, "dora"));
        assertEquals(302, again.statusCode(), again.body());
        assertFalse(again.headers().firstValue("Location").orElse("").contains("franceconnect"));
        assertNotNull(later.cookie("guichet_session"));
    }

    static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        if (!m.find()) {
            throw new AssertionError("no CSRF field in " + html);
        }
        return TestProvider.enc(m.group(1));
    }
}
