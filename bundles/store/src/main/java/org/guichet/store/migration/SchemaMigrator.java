package org.guichet.store.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * A small versioned SQL migrator (Flyway's ServiceLoader use breaks in OSGi, see DESIGN.md).
 *
 * <p>Migrations are resources {@code V1.sql}, {@code V2.sql} … read in order until the first missing number. Each
 * runs in one transaction together with its row in {@code GUICHET_SCHEMA_HISTORY}, so a failed migration leaves
 * nothing half-applied (on databases with transactional DDL: PostgreSQL and Derby both are). An applied migration
 * whose file changed afterwards is refused: history is never rewritten silently.
 */
public final class SchemaMigrator {
    static final String HISTORY = "GUICHET_SCHEMA_HISTORY";

    private final DataSource dataSource;
    private final Function<String, InputStream> resources;

    /** @param resources opens a migration by file name (e.g. {@code V1.sql}), null when absent */
    public SchemaMigrator(DataSource dataSource, Function<String, InputStream> resources) {
        this.dataSource = dataSource;
        this.resources = resources;
    }

    /** Applies what is missing; returns the versions applied by this call. */
    public List<Integer> migrate() throws SQLException {
        Map<Integer, String> available = available();
        List<Integer> applied = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            ensureHistoryTable(c);
            Map<Integer, String> done = appliedChecksums(c);
            for (Map.Entry<Integer, String> m : available.entrySet()) {
                int version = m.getKey();
                String sql = m.getValue();
                String checksum = sha256(sql);
                if (done.containsKey(version)) {
                    if (!done.get(version).equals(checksum)) {
                        throw new SQLException("migration V" + version + ".sql was changed after it was applied"
                                + " (checksum " + done.get(version) + " in the database, " + checksum + " now)");
                    }
                    continue;
                }
                apply(c, version, sql, checksum);
                applied.add(version);
            }
            for (Integer v : done.keySet()) {
                if (!available.containsKey(v)) {
                    throw new SQLException("the database has migration V" + v
                            + " that this version of Guichet does not know: it was written by a newer version");
                }
            }
        }
        return applied;
    }

    /** The highest applied version, 0 when none. */
    public int currentVersion() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return currentVersion(c);
        }
    }

    /**
     * The same on a connection the caller already holds: a health check must never wait for a second pooled
     * connection while it holds one (under load the pool deadlocks).
     */
    public int currentVersion(Connection c) throws SQLException {
        ensureHistoryTable(c);
        return appliedChecksums(c).keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /** The highest version this code ships. */
    public int latestVersion() {
        return available().keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    private Map<Integer, String> available() {
        Map<Integer, String> out = new TreeMap<>();
        for (int v = 1; ; v++) {
            try (InputStream in = resources.apply("V" + v + ".sql")) {
                if (in == null) {
                    return out;
                }
                out.put(v, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read migration V" + v + ".sql", e);
            }
        }
    }

    private static void ensureHistoryTable(Connection c) throws SQLException {
        // only the connection's own schema: another schema of the same database may hold another Guichet's history
        try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), null, new String[] {"TABLE"})) {
            while (rs.next()) {
                if (HISTORY.equalsIgnoreCase(rs.getString("TABLE_NAME"))) {
                    return;
                }
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + HISTORY + " (VERSION INT NOT NULL PRIMARY KEY, CHECKSUM VARCHAR(64) NOT NULL,"
                    + " APPLIED_AT TIMESTAMP NOT NULL)");
        }
    }

    private static Map<Integer, String> appliedChecksums(Connection c) throws SQLException {
        Map<Integer, String> done = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT VERSION, CHECKSUM FROM " + HISTORY)) {
            while (rs.next()) {
                done.put(rs.getInt(1), rs.getString(2));
            }
        }
        return done;
    }

    private static void apply(Connection c, int version, String sql, String checksum) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (Statement s = c.createStatement()) {
                for (String statement : statements(sql)) {
                    s.execute(statement);
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + HISTORY + " VALUES (?, ?, ?)")) {
                p.setInt(1, version);
                p.setString(2, checksum);
                p.setTimestamp(3, Timestamp.from(Instant.now()));
                p.executeUpdate();
            }
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw new SQLException("migration V" + version + ".sql failed: " + e.getMessage(), e.getSQLState(), e);
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** Splits on semicolons that end a line; drops comment lines. Migrations keep to that simple form. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\\R")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("--")) {
                continue;
            }
            if (t.endsWith(";")) {
                current.append(t, 0, t.length() - 1);
                out.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(t).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
