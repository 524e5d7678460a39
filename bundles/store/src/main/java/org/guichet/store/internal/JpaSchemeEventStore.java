package org.guichet.store.internal;

import java.io.InputStream;
import java.net.URL;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.guichet.api.events.SchemeEvent;
import org.guichet.api.events.SchemeEventStore;
import org.guichet.api.health.HealthIndicator;
import org.guichet.api.health.HealthStatus;
import org.guichet.api.store.Database;
import org.guichet.store.migration.SchemaMigrator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database as the portal sees it: migrates the schema on start, then serves the scheme event store.
 * Also the "database" health indicator: up only once the migrations are applied and a query answers.
 */
@Component(service = {SchemeEventStore.class, HealthIndicator.class})
public class JpaSchemeEventStore implements SchemeEventStore, HealthIndicator {
    private static final Logger LOG = LoggerFactory.getLogger(JpaSchemeEventStore.class);

    private final JpaTemplate jpa;
    private final DataSource dataSource;
    private final SchemaMigrator migrator;
    private volatile String migrationError;
    private ServiceRegistration<Database> database;

    @Activate
    public JpaSchemeEventStore(BundleContext context,
            @Reference(target = "(osgi.unit.name=guichet)") JpaTemplate jpa,
            @Reference(target = "(osgi.jndi.service.name=guichet)") DataSource dataSource) {
        this.jpa = jpa;
        this.dataSource = dataSource;
        this.migrator = new SchemaMigrator(dataSource, name -> open(context, "db/migration/" + name));
        try {
            List<Integer> applied = migrator.migrate();
            LOG.info("Database schema at version {} (applied now: {})", migrator.latestVersion(), applied);
            String product;
            try (Connection c = dataSource.getConnection()) {
                product = c.getMetaData().getDatabaseProductName();
                String unsafe = ConnectionSafety.warning(c.getMetaData().getURL());
                if (unsafe != null) {
                    LOG.warn(unsafe);
                }
            }
            int version = migrator.latestVersion();
            // only now may the components whose entities live in these tables start
            database = context.registerService(Database.class, new Database() {
                @Override public int schemaVersion() { return version; }
                @Override public String productName() { return product; }
            }, null);
        } catch (SQLException e) {
            migrationError = e.getMessage();
            LOG.error("Database migration failed: {}", e.getMessage(), e);
        }
    }

    @Deactivate
    void deactivate() {
        if (database != null) {
            try {
                database.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping and the framework unregistered it first
            }
            database = null;
        }
    }

    private static InputStream open(BundleContext context, String path) {
        URL url = context.getBundle().getEntry(path);
        try {
            return url == null ? null : url.openStream();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public SchemeEvent record(SchemeEvent event) {
        return jpa.txExpr(TransactionType.Required, em -> {
            SchemeEventEntity e = SchemeEventEntity.from(event);
            em.persist(e);
            em.flush();
            return e.toEvent();
        });
    }

    @Override
    public List<SchemeEvent> recent(int limit) {
        return jpa.txExpr(TransactionType.Required, em -> em
                .createQuery("select e from SchemeEventEntity e order by e.id desc", SchemeEventEntity.class)
                .setMaxResults(Math.max(1, Math.min(limit, 1000)))
                .getResultList().stream().map(SchemeEventEntity::toEvent).collect(Collectors.toList()));
    }

    @Override
    public List<SchemeEvent> forScheme(String schemeId) {
        return jpa.txExpr(TransactionType.Required, em -> em
                .createQuery("select e from SchemeEventEntity e where e.schemeId = :id order by e.id", SchemeEventEntity.class)
                .setParameter("id", schemeId)
                .getResultList().stream().map(SchemeEventEntity::toEvent).collect(Collectors.toList()));
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public HealthStatus check() {
        if (migrationError != null) {
            return HealthStatus.down("schema migration failed: " + migrationError);
        }
        try (Connection c = dataSource.getConnection()) {
            if (!c.isValid(2)) {
                return HealthStatus.down("connection is not valid");
            }
            int current = migrator.currentVersion(c);
            if (current != migrator.latestVersion()) {
                return HealthStatus.down("schema at version " + current + ", expected " + migrator.latestVersion());
            }
            return HealthStatus.up(c.getMetaData().getDatabaseProductName() + ", schema version " + current);
        } catch (SQLException | RuntimeException e) {
            return HealthStatus.down(e.getMessage());
        }
    }
}
