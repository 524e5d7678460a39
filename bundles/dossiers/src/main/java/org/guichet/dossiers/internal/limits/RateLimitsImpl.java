package org.guichet.dossiers.internal.limits;

import java.lang.reflect.Method;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.persistence.EntityManagerFactory;
import org.guichet.api.error.GuichetException;
import org.guichet.api.error.GuichetException.Kind;
import org.guichet.api.limits.RateLimits;
import org.guichet.api.store.Database;
import org.guichet.dossiers.internal.Tx;
import org.guichet.dossiers.internal.accounts.Secrets;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Fixed-window counters in RATE_BUCKET (migration V7). A hit is counted in a transaction of its own, committed
 * before the request's work and kept even when the request is then refused: {@code UPDATE ... SET HITS = HITS + 1}
 * on the window's row, or the INSERT of its first hit; when two nodes insert the same row at once, the loser's
 * duplicate key makes {@link Tx} replay it, and the replay updates. The count is the database's, so concurrent
 * requests, on one node or several, are each counted.
 */
@Component(service = RateLimits.class, configurationPid = RateLimitConfig.PID)
@Designate(ocd = RateLimitConfig.class)
public class RateLimitsImpl implements RateLimits {
    private final Tx tx;
    private final Clock clock;
    private volatile RateLimitConfig config;
    private volatile TrustedProxies proxies = TrustedProxies.NONE;

    @Activate
    public RateLimitsImpl(@Reference(target = "(osgi.unit.name=guichet-dossiers)") EntityManagerFactory emf,
            @Reference Database database, RateLimitConfig config) {
        this(emf, config, Clock.systemUTC());
    }

    /** For tests: the same with a clock of one's own. */
    public RateLimitsImpl(EntityManagerFactory emf, RateLimitConfig config, Clock clock) {
        this.tx = new Tx(emf);
        this.clock = clock;
        modified(config);
    }

    @Modified
    void modified(RateLimitConfig c) {
        this.config = c;
        this.proxies = TrustedProxies.parse(c.trusted_proxies());
    }

    @Override
    public void hit(String action, Scope scope, String subject) {
        if (subject == null || subject.isBlank() || action == null || scope == null) {
            return;
        }
        int limit = limit(config, action, scope);
        if (limit <= 0) {
            return;
        }
        long window = Math.max(1, config.window_seconds());
        long now = clock.millis() / 1000;
        long start = now - now % window;
        String key = action + ":" + scope.name().toLowerCase(Locale.ROOT) + ":"
                + Secrets.sha256(subject.strip().toLowerCase(Locale.ROOT));
        int hits = tx.call(em -> {
            int updated = em.createNativeQuery("UPDATE RATE_BUCKET SET HITS = HITS + 1 WHERE BUCKET_KEY = ? AND"
                    + " WINDOW_START = ?").setParameter(1, key).setParameter(2, start).executeUpdate();
            if (updated == 0) {
                // the window's first hit; a concurrent first hit makes this a duplicate key, and Tx replays
                em.createNativeQuery("INSERT INTO RATE_BUCKET (BUCKET_KEY, WINDOW_START, HITS) VALUES (?, ?, 1)")
                        .setParameter(1, key).setParameter(2, start).executeUpdate();
            }
            if (ThreadLocalRandom.current().nextInt(500) == 0) {
                em.createNativeQuery("DELETE FROM RATE_BUCKET WHERE WINDOW_START < ?").setParameter(1, start - window)
                        .executeUpdate();
            }
            Object n = em.createNativeQuery("SELECT HITS FROM RATE_BUCKET WHERE BUCKET_KEY = ? AND WINDOW_START = ?")
                    .setParameter(1, key).setParameter(2, start).getSingleResult();
            return ((Number) n).intValue();
        });
        if (hits > limit) {
            throw tooMany(Math.max(1, start + window - now));
        }
    }

    static GuichetException tooMany(long retryAfterSeconds) {
        long minutes = Math.max(1, (retryAfterSeconds + 59) / 60);
        return new GuichetException(Kind.TOO_MANY_ATTEMPTS, "RATE_LIMITED", null, "Trop de demandes en peu de temps :"
                + " réessayez dans " + minutes + (minutes == 1 ? " minute." : " minutes."), null,
                Map.of("retryAfterSeconds", retryAfterSeconds));
    }

    /** The configured limit of {@code <action>_per_<scope>}, 0 when there is none. */
    static int limit(RateLimitConfig c, String action, Scope scope) {
        String name = action + "_per_" + scope.name().toLowerCase(Locale.ROOT);
        try {
            Method m = RateLimitConfig.class.getMethod(name);
            return ((Number) m.invoke(c)).intValue();
        } catch (NoSuchMethodException e) {
            return 0;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("rate limit " + name, e);
        }
    }

    @Override
    public boolean fromTrustedProxy(String remoteAddr) {
        return proxies.trusts(remoteAddr);
    }

    @Override
    public String clientAddress(String remoteAddr, String forwardedFor) {
        if (remoteAddr == null || !proxies.trusts(remoteAddr.strip()) || forwardedFor == null
                || forwardedFor.isBlank()) {
            return remoteAddr;
        }
        // X-Forwarded-For: client, proxy1, proxy2; each proxy appends the address it saw, so the right-most entry
        // that is not one of ours is the first one we cannot vouch for: that is the client
        List<String> hops = new ArrayList<>(Arrays.asList(forwardedFor.split(",")));
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i).strip();
            if (!hop.isEmpty() && !proxies.trusts(hop)) {
                return hop;
            }
        }
        return remoteAddr;
    }
}
