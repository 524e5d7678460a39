package org.guichet.dossiers.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.EntityTransaction;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.letters.LetterRenderer;
import org.guichet.api.letters.SepaWriter;
import org.guichet.api.scheme.EvaluationService;
import org.guichet.api.scheme.SchemeRegistry;
import org.guichet.api.store.Database;
import org.guichet.dossiers.internal.PortalConfig;
import org.guichet.dossiers.internal.payments.PaymentConfig;
import org.guichet.letters.internal.PdfLetterRenderer;
import org.guichet.letters.internal.SepaCreditTransferWriter;
import org.guichet.store.migration.SchemaMigrator;

/**
 * The portal below the Karaf distribution, for service and use-case tests of this bundle: what the services'
 * constructors take, real wherever it can be.
 *
 * <ul>
 * <li>a fresh in-memory Derby database per instance, migrated by the store's own {@link SchemaMigrator} and
 *     {@code V<n>.sql} files (see {@link #migrations()}), every identity column restarted at 1000 so that
 *     {@code Long != Long} bugs show (the Long cache ends at 127); Derby's lock timeouts are its defaults, as in
 *     the distribution (a lock wait gives up after 60 s, a deadlock is detected after 20 s);</li>
 * <li>the {@code guichet-dossiers} persistence unit of this bundle's persistence.xml, on EclipseLink (the provider
 *     of the distribution), with the OSGi JNDI data source replaced by that database;</li>
 * <li>the real rules engine on the real schemes ({@link TestSchemes#standard()}, compiled once per JVM);</li>
 * <li>a {@link RecordingMailService}, the real letter renderer and SEPA writer, a temporary files folder.</li>
 * </ul>
 *
 * <pre>{@code
 * try (TestPortal p = new TestPortal()) {
 *     DossierService dossiers = new DossierServiceImpl(p.emf(), p.database(), p.registry(), p.evaluation(), p.mail(),
 *             p.config(Map.of()));
 *     ...
 * }
 * }</pre>
 *
 * Starting the first in a JVM takes about 1.5 s (Derby, EclipseLink), the next ones about 0.5 s; the first call to
 * {@link #registry()} or {@link #evaluation()} compiles the schemes and runs their test packs (2-3 s, once per JVM).
 * Closing it closes the factory, drops the database and deletes the files folder. One per test class
 * ({@code @BeforeAll}) is the usual choice; one per test when a test needs an empty database.
 */
public final class TestPortal implements AutoCloseable {
    public static final String PERSISTENCE_UNIT = "guichet-dossiers";
    /** The first value of every identity column: above the Long cache (-128..127). */
    public static final long FIRST_ID = 1000;
    /** System property: where the migrations are read from (a folder, or {@code classpath} for the store's jar). */
    public static final String MIGRATIONS_DIR = "guichet.migrations.dir";
    private static final String STORE_MIGRATIONS = "bundles/store/src/main/resources/db/migration";

    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        // Derby writes derby.log into the working directory (the module folder) unless told otherwise
        if (System.getProperty("derby.stream.error.file") == null && System.getProperty("derby.stream.error.field") == null
                && System.getProperty("derby.stream.error.method") == null) {
            System.setProperty("derby.stream.error.file", buildFolder().resolve("derby.log").toString());
        }
        // the same lock settings as the distribution's bin/setenv (see there why)
        System.setProperty("derby.locks.waitTimeout", System.getProperty("derby.locks.waitTimeout", "10"));
        System.setProperty("derby.locks.deadlockTimeout", System.getProperty("derby.locks.deadlockTimeout", "2"));
    }

    /** the PostgreSQL database to use instead of an in-memory Derby, from the environment (.ci/run sets it) */
    public static final String POSTGRES_URL = "GUICHET_TEST_POSTGRES_URL";

    /** Which database a portal runs on. */
    public enum Kind { DERBY, POSTGRESQL }

    private final Kind kind;
    private final String databaseName;
    private final DataSource dataSource;
    private final Database database;
    private final EntityManagerFactory emf;
    private final Path filesRoot;
    private final Path documentsDir;
    private final Path paymentsDir;
    private final RecordingMailService mail = new RecordingMailService();
    private final LetterRenderer letters = new PdfLetterRenderer();
    private final SepaWriter sepa = new SepaCreditTransferWriter();

    public TestPortal() {
        this(Kind.DERBY);
    }

    /** Whether PostgreSQL is configured for tests (GUICHET_TEST_POSTGRES_URL), as on CI. */
    public static boolean postgresAvailable() {
        String url = System.getenv(POSTGRES_URL);
        return url != null && url.startsWith("jdbc:postgresql:");
    }

    /**
     * A portal on embedded Derby (in memory, a database per instance) or on the PostgreSQL database of
     * GUICHET_TEST_POSTGRES_URL (_USER, _PASSWORD), in a schema of its own dropped on close.
     */
    public TestPortal(Kind kind) {
        this.kind = kind;
        databaseName = "guichet_test_" + INSTANCES.incrementAndGet() + "_" + Long.toHexString(RANDOM.nextLong() >>> 1);
        try {
            createDatabase();
            dataSource = kind == Kind.DERBY ? derby() : postgres();
            SchemaMigrator migrator = new SchemaMigrator(dataSource, migrations());
            migrator.migrate();
            restartIdentities(FIRST_ID);
            int version = migrator.currentVersion();
            String product;
            try (Connection c = dataSource.getConnection()) {
                product = c.getMetaData().getDatabaseProductName();
            }
            database = new StaticDatabase(version, product);

            filesRoot = Files.createTempDirectory("guichet-test-files-");
            documentsDir = Files.createDirectories(filesRoot.resolve("documents"));
            paymentsDir = Files.createDirectories(filesRoot.resolve("payments"));
        } catch (SQLException | IOException e) {
            dropDatabase();
            throw new IllegalStateException("cannot start the test portal: " + e, e);
        }
        try {
            emf = createEntityManagerFactory();
        } catch (RuntimeException e) {
            dropDatabase();
            deleteFiles();
            throw e;
        }
    }

    /**
     * The store's migrations from its source folder when this runs inside the repository, else from the guichet-store
     * jar. With {@code mvn -pl bundles/dossiers}, the jar is the one last installed in ~/.m2, which lags behind a
     * migration just added next to the entities that need it; the source folder never does.
     * {@code -D}{@value #MIGRATIONS_DIR}{@code =classpath} forces the jar, {@code =<folder>} another folder.
     */
    static Function<String, InputStream> migrations() {
        String configured = System.getProperty(MIGRATIONS_DIR, "");
        Path folder = null;
        if (configured.isBlank()) {
            folder = TestSchemes.repositoryRoot().map(r -> r.resolve(STORE_MIGRATIONS))
                    .filter(f -> Files.isRegularFile(f.resolve("V1.sql"))).orElse(null);
        } else if (!configured.equals("classpath")) {
            folder = Paths.get(configured);
            if (!Files.isRegularFile(folder.resolve("V1.sql"))) {
                throw new IllegalStateException("-D" + MIGRATIONS_DIR + "=" + configured + ": no V1.sql in that folder");
            }
        }
        if (folder == null) {
            return file -> SchemaMigrator.class.getResourceAsStream("/db/migration/" + file);
        }
        Path dir = folder;
        return file -> {
            Path f = dir.resolve(file);
            try {
                return Files.isRegularFile(f) ? Files.newInputStream(f) : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    public Kind kind() {
        return kind;
    }

    private DataSource derby() {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName("memory:" + databaseName);
        return ds;
    }

    private DataSource postgres() {
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setURL(System.getenv(POSTGRES_URL));
        ds.setUser(System.getenv().getOrDefault(POSTGRES_URL.replace("_URL", "_USER"), "guichet"));
        ds.setPassword(System.getenv().getOrDefault(POSTGRES_URL.replace("_URL", "_PASSWORD"), "guichet"));
        ds.setCurrentSchema(databaseName);
        return ds;
    }

    private void createDatabase() throws SQLException {
        if (kind == Kind.DERBY) {
            try (Connection ignored = DriverManager.getConnection(jdbcUrl() + ";create=true")) {
                // created
            }
            return;
        }
        if (!postgresAvailable()) {
            throw new IllegalStateException(POSTGRES_URL + " is not set: no PostgreSQL to test on");
        }
        try (Connection c = postgres().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + databaseName);
        }
    }

    /** The JDBC address of this instance's database, e.g. for a second, independent DataSource. */
    public String jdbcUrl() {
        return kind == Kind.DERBY ? "jdbc:derby:memory:" + databaseName
                : System.getenv(POSTGRES_URL) + (System.getenv(POSTGRES_URL).contains("?") ? "&" : "?")
                        + "currentSchema=" + databaseName;
    }

    private EntityManagerFactory createEntityManagerFactory() {
        Map<String, Object> props = new HashMap<>();
        // the DataSource object itself replaces persistence.xml's osgi:service/... JNDI name
        props.put(PersistenceUnitProperties.NON_JTA_DATASOURCE, dataSource);
        props.put(PersistenceUnitProperties.TRANSACTION_TYPE, "RESOURCE_LOCAL");
        // EclipseLink registers deployed sessions JVM-wide by name: one name per database, so that two portals open
        // at once (or one after a closed one) never share a session
        props.put(PersistenceUnitProperties.SESSION_NAME, PERSISTENCE_UNIT + "@" + databaseName);
        props.put(PersistenceUnitProperties.WEAVING, "false");
        props.put(PersistenceUnitProperties.DDL_GENERATION, PersistenceUnitProperties.NONE);
        props.put(PersistenceUnitProperties.CLASSLOADER, TestPortal.class.getClassLoader());
        EntityManagerFactory f = new PersistenceProvider().createEntityManagerFactory(PERSISTENCE_UNIT, props);
        if (f == null) {
            throw new IllegalStateException("EclipseLink found no persistence unit " + PERSISTENCE_UNIT
                    + " (META-INF/persistence.xml of target/classes)");
        }
        // deploy now: a mapping error shows here rather than in the first service call
        f.createEntityManager().close();
        return f;
    }

    private void restartIdentities(long first) throws SQLException {
        if (kind == Kind.POSTGRESQL) {
            List<String[]> identities = new ArrayList<>();
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT table_name, column_name FROM information_schema.columns"
                        + " WHERE table_schema = '" + databaseName + "' AND is_identity = 'YES'")) {
                    while (rs.next()) {
                        identities.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
                for (String[] col : identities) {
                    s.execute("ALTER TABLE " + col[0] + " ALTER COLUMN " + col[1] + " RESTART WITH " + first);
                }
            }
            if (identities.isEmpty()) {
                throw new IllegalStateException("no identity column found after the migrations");
            }
            return;
        }
        List<String[]> columns = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT s.SCHEMANAME, t.TABLENAME, c.COLUMNNAME FROM SYS.SYSCOLUMNS c"
                        + " JOIN SYS.SYSTABLES t ON c.REFERENCEID = t.TABLEID"
                        + " JOIN SYS.SYSSCHEMAS s ON t.SCHEMAID = s.SCHEMAID"
                        + " WHERE c.AUTOINCREMENTINC IS NOT NULL AND t.TABLETYPE = 'T'")) {
            while (rs.next()) {
                columns.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
            for (String[] col : columns) {
                try (Statement alter = c.createStatement()) {
                    alter.execute("ALTER TABLE \"" + col[0] + "\".\"" + col[1] + "\" ALTER COLUMN \"" + col[2]
                            + "\" RESTART WITH " + first);
                }
            }
        }
        if (columns.isEmpty()) {
            throw new IllegalStateException("no identity column found after the migrations");
        }
    }

    // ---- what the services take

    public EntityManagerFactory emf() {
        return emf;
    }

    /** Each getConnection is a new embedded connection: no pool limit, as many as concurrency tests need. */
    public DataSource dataSource() {
        return dataSource;
    }

    public Database database() {
        return database;
    }

    /** The real schemes (vocational-training, driving-licence), compiled and tested once per JVM. */
    public SchemeRegistry registry() {
        return TestSchemes.standard();
    }

    public EvaluationService evaluation() {
        return TestSchemes.standard();
    }

    public RecordingMailService mail() {
        return mail;
    }

    public LetterRenderer letters() {
        return letters;
    }

    public SepaWriter sepa() {
        return sepa;
    }

    /** A temporary folder for document files, deleted on close. */
    public Path documentsDir() {
        return documentsDir;
    }

    /** A temporary folder for SEPA files, deleted on close. */
    public Path paymentsDir() {
        return paymentsDir;
    }

    /** The bundle's configuration with its defaults, documents in {@link #documentsDir()}, and these overrides. */
    public PortalConfig config(Map<String, ?> overrides) {
        Map<String, Object> all = new HashMap<>();
        all.put("documents_dir", documentsDir.toString());
        overrides.forEach((k, v) -> all.put(k.replace('.', '_'), v));
        return config(PortalConfig.class, all);
    }

    /** The payments configuration with its defaults, files in {@link #paymentsDir()}, and these overrides. */
    public PaymentConfig paymentConfig(Map<String, ?> overrides) {
        Map<String, Object> all = new HashMap<>();
        all.put("files_dir", paymentsDir.toString());
        overrides.forEach((k, v) -> all.put(k.replace('.', '_'), v));
        return config(PaymentConfig.class, all);
    }

    /**
     * An instance of a DS configuration annotation: the override for each method when given (by method name,
     * {@code documents_dir}, or property name, {@code documents.dir}), else its default. See {@link Configs}.
     */
    public static <A> A config(Class<A> annotationType, Map<String, ?> overrides) {
        return Configs.config(annotationType, overrides);
    }

    // ---- rows for a test's starting point (plain JDBC, independent of the services under test)

    /** An ACTIVE account without password; the address is stored lower-cased, as the services store it. */
    public long insertAccount(String email, String name, Set<Role> roles, Set<String> schemes, Long organisationId) {
        Timestamp now = Timestamp.from(Instant.now());
        return insert("INSERT INTO ACCOUNT (EMAIL, DISPLAY_NAME, PASSWORD_HASH, STATE, ROLES, ORGANISATION_ID, SCHEMES,"
                + " FAILED_SIGN_INS, LOCKED_UNTIL, CREATED_AT, ACTIVATED_AT, VERSION)"
                + " VALUES (?, ?, NULL, 'ACTIVE', ?, ?, ?, 0, NULL, ?, ?, 1)",
                email.strip().toLowerCase(java.util.Locale.ROOT), name,
                roles.stream().map(Role::name).sorted().collect(Collectors.joining(",")),
                organisationId,
                schemes == null || schemes.isEmpty() ? null : schemes.stream().sorted().collect(Collectors.joining(",")),
                now, now);
    }

    /** The language of an account's mails and letters ({@code fr}, {@code en}). */
    public void setLanguage(long accountId, String language) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement("UPDATE ACCOUNT SET LANGUAGE_CODE = ? WHERE ID = ?")) {
            p.setString(1, language);
            p.setLong(2, accountId);
            if (p.executeUpdate() != 1) {
                throw new IllegalArgumentException("no account " + accountId);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An organisation (kind e.g. TRAINING_ORGANISATION, MISSION_LOCALE) with a random API key hash. */
    public long insertOrganisation(String name, String kind) {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return insert("INSERT INTO ORGANISATION (NAME, KIND, API_KEY_HASH, CREATED_AT) VALUES (?, ?, ?, ?)",
                name, kind, HexFormat.of().formatHex(key), Timestamp.from(Instant.now()));
    }

    /** The caller an account's session would give, from its row as it is now. */
    public Caller caller(long accountId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement(
                        "SELECT EMAIL, DISPLAY_NAME, ROLES, ORGANISATION_ID, SCHEMES FROM ACCOUNT WHERE ID = ?")) {
            p.setLong(1, accountId);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no account " + accountId);
                }
                Set<Role> roles = EnumSet.noneOf(Role.class);
                for (String r : split(rs.getString(3))) {
                    roles.add(Role.valueOf(r));
                }
                long org = rs.getLong(4);
                Long organisationId = rs.wasNull() ? null : Long.valueOf(org);
                return new Caller(accountId, rs.getString(1), rs.getString(2), Collections.unmodifiableSet(roles),
                        organisationId, Collections.unmodifiableSet(new LinkedHashSet<>(split(rs.getString(5)))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> split(String column) {
        return column == null ? List.of()
                : Arrays.stream(column.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Runs an INSERT and returns the generated id. */
    public long insert(String sql, Object... params) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(p, params);
            p.executeUpdate();
            try (ResultSet keys = p.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new IllegalStateException("no generated key for " + sql);
                }
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Runs an UPDATE or DELETE (e.g. to move a deadline into the past); returns the row count. */
    public int update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            bind(p, params);
            return p.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The first column of the first row as a long (e.g. {@code SELECT COUNT(*) FROM DOSSIER WHERE ...}), -1 if none. */
    public long queryLong(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            bind(p, params);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement p, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object v = params[i];
            if (v == null) {
                p.setNull(i + 1, p.getParameterMetaData().getParameterType(i + 1));
            } else if (v instanceof Instant instant) {
                p.setTimestamp(i + 1, Timestamp.from(instant));
            } else {
                p.setObject(i + 1, v);
            }
        }
    }

    /** One resource-local transaction on {@link #emf()}, committed unless the work throws. */
    public <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result = work.apply(em);
            tx.commit();
            return result;
        } finally {
            if (tx.isActive()) {
                tx.rollback();
            }
            em.close();
        }
    }

    // ---- concurrency

    /** What one of {@link #race}'s threads ended with: a value or a throwable. */
    public record Outcome<T>(T value, Throwable failure) {
        public boolean ok() {
            return failure == null;
        }
    }

    /** The work one thread of a {@link #race} does; {@code index} is 0..threads-1. */
    @FunctionalInterface
    public interface RaceWork<T> {
        T run(int index) throws Exception;
    }

    /**
     * Runs {@code work} on {@code threads} threads released at the same instant (the house rule: every write path
     * people hit at once is tried with N threads doing the same write), and returns each outcome, in index order.
     * Fails if a thread has not finished within a minute (a hang is a bug too).
     */
    public static <T> List<Outcome<T>> race(int threads, RaceWork<T> work) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Outcome<T>>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    try {
                        return new Outcome<>(work.run(index), null);
                    } catch (Throwable t) {
                        return new Outcome<T>(null, t);
                    }
                }));
            }
            ready.await(30, TimeUnit.SECONDS);
            go.countDown();
            List<Outcome<T>> out = new ArrayList<>();
            for (Future<Outcome<T>> f : futures) {
                out.add(f.get(60, TimeUnit.SECONDS));
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("race of " + threads + " threads did not finish: " + e, e);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- end

    @Override
    public void close() {
        try {
            if (emf != null && emf.isOpen()) {
                emf.close();
            }
        } finally {
            dropDatabase();
            deleteFiles();
        }
    }

    private void dropDatabase() {
        if (kind == Kind.POSTGRESQL) {
            try (Connection c = postgres().getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + databaseName + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("could not drop the test schema " + databaseName, e);
            }
            return;
        }
        try {
            DriverManager.getConnection(jdbcUrl() + ";drop=true").close();
        } catch (SQLException expected) {
            // Derby reports a dropped database with SQLState 08006; anything else is left to the JVM's end
        }
    }

    private void deleteFiles() {
        if (filesRoot == null || !Files.exists(filesRoot)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(filesRoot)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + filesRoot, e);
        }
    }

    /** target/ of this module (from target/test-classes), or the temporary folder. */
    private static Path buildFolder() {
        try {
            Path classes = Paths.get(TestPortal.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = classes.getParent();
            if (target != null && Files.isDirectory(target) && target.getFileName().toString().equals("target")) {
                return target;
            }
        } catch (Exception ignored) {
            // fall through
        }
        return Paths.get(System.getProperty("java.io.tmpdir"));
    }

    private record StaticDatabase(int schemaVersion, String productName) implements Database { }
}
