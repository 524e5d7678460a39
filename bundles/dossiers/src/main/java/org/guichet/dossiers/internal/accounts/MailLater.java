package org.guichet.dossiers.internal.accounts;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One background thread that sends the mails of requests about a mailbox (sign-in code, reset link, activation, a
 * mediator's mandate request) after
 * the answer: a slow mail server then no longer makes an address with an account answer slower than one without.
 * The mails are those of committed transactions; one that cannot be queued (10,000 waiting) is sent in the request
 * instead, never lost. On stop, what is queued is still sent (10 seconds at most).
 */
public final class MailLater {
    private static final Logger LOG = LoggerFactory.getLogger(MailLater.class);

    private MailLater() { }

    public static Executor start() {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(10_000), r -> {
            Thread t = new Thread(r, "guichet-mail-after-answer");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    public static void stop(Executor executor) {
        if (executor instanceof ExecutorService s) {
            s.shutdown();
            try {
                if (!s.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("{} mail(s) still queued at stop were not sent", s.shutdownNow().size());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
