package org.guichet.dossiers.internal.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.guichet.api.mail.MailService;
import org.guichet.api.mail.OutgoingMail;
import org.guichet.dossiers.testing.Guichet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A request about a mailbox answers alike for an address with an account and one without, and the mail leaves after
 * the answer: a slow mail server (here 400 ms a mail) no longer tells them apart. The times are printed, never
 * asserted (the machine is shared).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KnownOrUnknownAddressTest {
    static final long SMTP_MILLIS = 400;
    Guichet g;
    ExecutorService background;
    AccountServiceImpl accounts;
    final List<OutgoingMail> sent = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    void start() {
        // the per-address limits (RateLimitsTest) opened wide: what is measured here is the work of each answer
        g = new Guichet(org.guichet.dossiers.testing.TestPortal.Kind.DERBY, java.util.Map.of("code.request.per.address",
                1000, "reset.request.per.address", 1000));
        background = Executors.newSingleThreadExecutor();
        accounts = new AccountServiceImpl(g.portal.emf(), slowMail(), g.limits, config(), background);
        g.accounts.signUp("connue@example.fr", "la mer est calme ce matin", "Connue");
    }

    @AfterAll
    void stop() throws InterruptedException {
        background.shutdown();
        background.awaitTermination(10, TimeUnit.SECONDS);
        g.close();
    }

    /** Without the hourly cap on codes (5), which would stop the mails measured here. */
    org.guichet.dossiers.internal.PortalConfig config() {
        return g.portal.config(java.util.Map.of("code.max.per.hour", 1000));
    }

    MailService slowMail() {
        return slowMail(sent);
    }

    static MailService slowMail(List<OutgoingMail> sent) {
        return mail -> {
            try {
                Thread.sleep(SMTP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sent.add(mail);
            return "sent";
        };
    }

    /** The median time of a few calls, in milliseconds. */
    static long median(Consumer<Integer> call) {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            long t0 = System.nanoTime();
            call.accept(i);
            times.add((System.nanoTime() - t0) / 1_000_000);
        }
        Collections.sort(times);
        return times.get(times.size() / 2);
    }

    @Test
    void codeAndResetRequestsAnswerAlikeAndTheMailLeavesAfterTheAnswer() throws Exception {
        long known = median(i -> accounts.sendSignInCode("connue@example.fr"));
        long unknown = median(i -> accounts.sendSignInCode("inconnue" + i + "@example.fr"));
        long knownReset = median(i -> accounts.requestPasswordReset("connue@example.fr"));
        long unknownReset = median(i -> accounts.requestPasswordReset("inconnue.reset" + i + "@example.fr"));
        // as before this change: the mail sent inside the request
        AccountServiceImpl inline = new AccountServiceImpl(g.portal.emf(), slowMail(), g.limits, config(), Runnable::run);
        long inlineKnown = median(i -> inline.sendSignInCode("connue@example.fr"));
        long inlineUnknown = median(i -> inline.sendSignInCode("inconnue.avant" + i + "@example.fr"));
        System.out.printf("mail sent inside the request (before): known %d ms, unknown %d ms%n", inlineKnown,
                inlineUnknown);
        System.out.printf("mail sent after the answer: sign-in code request: known %d ms, unknown %d ms; reset request: known %d ms, unknown %d ms"
                + " (a mail takes %d ms to send)%n", known, unknown, knownReset, unknownReset, SMTP_MILLIS);
        waitFor(12);
        assertEquals(12, sent.size(), "4 codes and 4 reset links mailed to the known address after the answers, and"
                + " 4 codes inline");
        assertTrue(sent.stream().allMatch(m -> m.to().equals("connue@example.fr")));
    }

    private void waitFor(int mails) throws InterruptedException {
        for (int i = 0; i < 100 && sent.size() < mails; i++) {
            Thread.sleep(100);
        }
    }

    @Test
    void aMandateRequestAnswersBeforeItsMailLeaves() throws Exception {
        List<OutgoingMail> mailed = Collections.synchronizedList(new ArrayList<>());
        var mandates = new org.guichet.dossiers.internal.mandates.MandateServiceImpl(g.portal.emf(), slowMail(mailed),
                g.limits, config(), java.time.Clock.systemUTC(), background);
        var mediator = g.mediator("Camille", g.organisation("Mission locale du Val").id());
        mandates.request(mediator, "echauffement@example.fr", "Échauffement"); // the first call's warm-up, not measured
        for (int i = 0; i < 100 && mailed.isEmpty(); i++) {
            Thread.sleep(100);
        }
        mailed.clear();
        long t0 = System.nanoTime();
        mandates.request(mediator, "connue@example.fr", "Connue");
        long known = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, mailed.size(), "answered before the mail (a mail takes " + SMTP_MILLIS + " ms) left");
        t0 = System.nanoTime();
        mandates.request(mediator, "pas.encore.inscrite@example.fr", "Pas Encore");
        long unknown = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("mandate request: person with an account %d ms, without %d ms (mail after the answer)%n", known,
                unknown);
        for (int i = 0; i < 100 && mailed.size() < 2; i++) {
            Thread.sleep(100);
        }
        assertEquals(List.of("connue@example.fr", "pas.encore.inscrite@example.fr"),
                mailed.stream().map(OutgoingMail::to).toList());
    }

    @Test
    void theAnswersThemselvesAreIdentical() {
        // both return normally with nothing: the REST API answers 202 with the same SENT_IF_ACCOUNT body
        accounts.sendSignInCode("connue@example.fr");
        accounts.sendSignInCode("personne.du.tout@example.fr");
        accounts.requestPasswordReset("connue@example.fr");
        accounts.requestPasswordReset("personne.du.tout@example.fr");
    }
}
