package org.guichet.dossiers.internal.concurrency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import javax.persistence.EntityManagerFactory;
import org.apache.commons.dbcp2.BasicDataSource;
import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.guichet.api.error.GuichetException;
import org.guichet.dossiers.internal.Tx;
import org.guichet.dossiers.testing.TestPortal;
import org.junit.jupiter.api.Test;

/**
 * A request that cannot get a pooled connection in time is answered 503 BUSY with Retry-After, never left hanging:
 * the same DBCP2 pool as the distribution's, starved on purpose (one connection, held by someone else).
 */
class PoolStarvationTest {
    @Test
    void aStarvedRequestIsBusyWithRetryAfterThenServedOnceAConnectionIsFree() throws Exception {
        try (TestPortal portal = new TestPortal(); BasicDataSource pool = new BasicDataSource()) {
            pool.setUrl(portal.jdbcUrl());
            pool.setMaxTotal(1);
            pool.setMaxWaitMillis(300);
            Map<String, Object> props = new HashMap<>();
            props.put(PersistenceUnitProperties.NON_JTA_DATASOURCE, pool);
            props.put(PersistenceUnitProperties.SESSION_NAME, "guichet-dossiers@starved");
            props.put(PersistenceUnitProperties.WEAVING, "false");
            props.put(PersistenceUnitProperties.CLASSLOADER, PoolStarvationTest.class.getClassLoader());
            EntityManagerFactory emf = new PersistenceProvider().createEntityManagerFactory("guichet-dossiers", props);
            try {
                Tx tx = new Tx(emf);
                Long accounts;
                try (Connection held = pool.getConnection()) {
                    long start = System.nanoTime();
                    GuichetException busy = org.junit.jupiter.api.Assertions.assertThrows(GuichetException.class,
                            () -> tx.call(em -> em.createQuery("select count(a) from AccountEntity a", Long.class)
                                    .getSingleResult()));
                    long waited = (System.nanoTime() - start) / 1_000_000;
                    assertEquals("BUSY", busy.code());
                    assertEquals(503, busy.kind().status());
                    assertEquals(2, busy.details().get("retryAfterSeconds"));
                    assertTrue(waited < 5_000, "answered after the pool's wait, not left hanging: " + waited + " ms");
                    assertTrue(held.isValid(1));
                }
                accounts = tx.call(em -> em.createQuery("select count(a) from AccountEntity a", Long.class)
                        .getSingleResult());
                assertEquals(0L, accounts.longValue(), "served once the connection is back");
            } finally {
                emf.close();
            }
        }
    }
}
