package org.guichet.itests;

import static org.guichet.itests.support.Distribution.map;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.guichet.itests.support.Api;
import org.guichet.itests.support.Api.Reply;
import org.guichet.itests.support.Distribution;
import org.guichet.itests.support.Mailbox;
import org.guichet.itests.support.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The impact API in the distribution (issue 17, point 6): the service is wired (a real answer, not 503), and only
 * administrators and the scheme's supervisors reach it. The distribution ships one version of each scheme, so there is
 * no candidate here: the replay itself is tested below the distribution (bundles/dossiers ImpactRunTest).
 */
class ImpactJourneyTest {
    static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    static final String ADMIN = "admin." + RUN + "@region.example";
    static final String ALEX = "alex." + RUN + "@region.example";
    static final String IMPACT = "/schemes/vocational-training/versions/1.0.0/impact";

    static Distribution dist;
    static Api api;
    static Scenario scenario;

    @BeforeAll
    static void unpack() throws Exception {
        dist = Distribution.unpack("impact");
        api = new Api(dist);
        scenario = new Scenario(api, new Mailbox(dist));
    }

    @AfterAll
    static void stop() throws Exception {
        if (dist != null) {
            dist.close();
        }
    }

    @Test
    void onlyAdminsAndSupervisorsReachTheImpactAndTheServiceAnswers() throws Exception {
        dist.setConfig("org.guichet.accounts.cfg", "admin.email", ADMIN);
        dist.start(Duration.ofMinutes(4));
        String admin = scenario.activateAndSignIn(ADMIN, "INVITATION", "la region mesure avant de changer");
        scenario.invite(admin, ALEX, "Alex Agent", "AGENT", null, "vocational-training");
        String alex = scenario.activateAndSignIn(ALEX, "INVITATION", "alex instruit les dossiers de formation");
        Object period = map("from", "2026-09-01", "to", "2026-12-31");
        // health UP does not wait for the impact service (optional for the API): wait for it to answer, 90 s at most;
        // a service that never comes still fails below (503 instead of 404)
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (api.get(IMPACT, admin).status() == 503 && System.nanoTime() < until) {
            Thread.sleep(500);
        }

        assertEquals(401, api.post(IMPACT, period, null).status());
        Reply agent = api.post(IMPACT, period, alex);
        assertEquals(403, agent.status(), agent.toString());
        assertEquals("IMPACT_FORBIDDEN", agent.code());
        assertEquals(403, api.get(IMPACT, alex).status());
        // the version new dossiers get is no candidate: the service itself answers (503 would mean it is missing)
        Reply served = api.post(IMPACT, period, admin);
        assertEquals(404, served.status(), served.toString());
        assertEquals("IMPACT_CANDIDATE_NOT_FOUND", served.code());
        Reply none = api.get(IMPACT, admin);
        assertEquals(404, none.status(), none.toString());
        assertEquals("IMPACT_RUN_NOT_FOUND", none.code());
        Reply reversed = api.post("/schemes/vocational-training/versions/0.0.1/impact", map("from", "2026-12-31",
                "to", "2026-09-01"), admin);
        assertEquals(404, reversed.status(), "an unknown version is refused before the period: " + reversed);
    }
}
