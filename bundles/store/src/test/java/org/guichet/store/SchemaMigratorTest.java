package org.guichet.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.guichet.store.migration.SchemaMigrator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migrator against a real embedded Derby database. */
class SchemaMigratorTest {
    @TempDir Path dir;
    EmbeddedDataSource ds;
    Map<String, String> files = new HashMap<>();

    @BeforeEach
    void setUp() {
        System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
        ds = new EmbeddedDataSource();
        ds.setDatabaseName(dir.resolve("db").toString());
        ds.setCreateDatabase("create");
    }

    SchemaMigrator migrator() {
        return new SchemaMigrator(ds, name -> files.containsKey(name)
                ? new ByteArrayInputStream(files.get(name).getBytes(StandardCharsets.UTF_8)) : null);
    }

    @Test
    void appliesShippedMigrationsOnceInOrder() throws Exception {
        SchemaMigrator real = new SchemaMigrator(ds, name -> getClass().getResourceAsStream("/db/migration/" + name));
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14), real.migrate());
        assertEquals(List.of(), real.migrate(), "second run applies nothing");
        assertEquals(14, real.currentVersion());
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            // V2's tables, with their generated keys and defaults as the JPA entities use them
            s.executeUpdate("INSERT INTO ACCOUNT (EMAIL, DISPLAY_NAME, STATE, ROLES, FAILED_SIGN_INS, CREATED_AT, VERSION)"
                    + " VALUES ('a@b.fr', 'A', 'PENDING', 'APPLICANT', 0, CURRENT_TIMESTAMP, 0)");
            s.executeUpdate("INSERT INTO REFERENCE_COUNTER VALUES ('VT', 2026, 1)");
            s.executeUpdate("INSERT INTO SCHEME_EVENT (OCCURRED_AT, SCHEME_ID, EVENT_TYPE) VALUES (CURRENT_TIMESTAMP, 'x', 'ACTIVE')");
            // V8: a decision proposal waiting for a second agent, and an organisation's previous key
            s.executeUpdate("INSERT INTO ORGANISATION (NAME, KIND, API_KEY_HASH, CREATED_AT, PREVIOUS_KEY_HASH,"
                    + " PREVIOUS_KEY_UNTIL, KEY_CHANGED_AT) VALUES ('O', 'TRAINING', 'h', CURRENT_TIMESTAMP, 'p',"
                    + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM DECISION_PROPOSAL WHERE STATUS = 'PENDING'")) {
                rs.next();
                assertEquals(0, rs.getInt(1));
            }
            // V9: a staff member's second factor, her recovery codes and a second step of sign-in
            s.executeUpdate("INSERT INTO SECOND_FACTOR (ACCOUNT_ID, SECRET, ENROLLED_AT, LAST_STEP, FAILURES)"
                    + " SELECT ID, 'JBSWY3DPEHPK3PXP', CURRENT_TIMESTAMP, 0, 0 FROM ACCOUNT");
            s.executeUpdate("INSERT INTO RECOVERY_CODE (ACCOUNT_ID, CODE_HASH, CREATED_AT) SELECT ID, 'h', CURRENT_TIMESTAMP"
                    + " FROM ACCOUNT");
            s.executeUpdate("INSERT INTO SECOND_STEP (TOKEN_HASH, ACCOUNT_ID, METHOD, ATTEMPTS, CREATED_AT, EXPIRES_AT)"
                    + " SELECT 't', ID, 'PASSWORD', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM ACCOUNT");
            // V12: an identity verified by FranceConnect on the account, and its link, unique per provider and subject
            s.executeUpdate("UPDATE ACCOUNT SET GIVEN_NAMES = 'Angela Claire', FAMILY_NAME = 'Dubois', BIRTH_DATE ="
                    + " DATE('1962-08-24'), IDENTITY_PROVIDER = 'FRANCECONNECT', IDENTITY_ACR = 'eidas1',"
                    + " IDENTITY_VERIFIED_AT = CURRENT_TIMESTAMP");
            s.executeUpdate("INSERT INTO IDENTITY_LINK (PROVIDER, SUBJECT, ACCOUNT_ID, CREATED_AT) SELECT 'FRANCECONNECT',"
                    + " 'sub-1', ID, CURRENT_TIMESTAMP FROM ACCOUNT");
            assertEquals("23505", assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO IDENTITY_LINK"
                    + " (PROVIDER, SUBJECT, ACCOUNT_ID, CREATED_AT) SELECT 'FRANCECONNECT', 'sub-1', ID, CURRENT_TIMESTAMP"
                    + " FROM ACCOUNT")).getSQLState(), "one account per provider and subject");
            // V14: a dossier is no test dossier unless marked so when it is opened
            s.executeUpdate("INSERT INTO DOSSIER (REFERENCE, SCHEME_ID, SCHEME_VERSION, STATE, APPLICANT_ID, CREATED_BY,"
                    + " ANSWERS, ANSWER_SOURCES, CREATED_AT, UPDATED_AT, VERSION) SELECT 'VT-2026-000001', 'vt', '1.0.0', 'DRAFT',"
                    + " ID, ID, '{}', '{}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0 FROM ACCOUNT");
            s.executeUpdate("INSERT INTO DOSSIER (REFERENCE, SCHEME_ID, SCHEME_VERSION, STATE, APPLICANT_ID, CREATED_BY,"
                    + " ANSWERS, ANSWER_SOURCES, CREATED_AT, UPDATED_AT, VERSION, TEST_DOSSIER) SELECT 'ESSAI-2026-000001',"
                    + " 'vt', '1.1.0', 'DRAFT', ID, ID, '{}', '{}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0, 1 FROM ACCOUNT");
            try (ResultSet rs = s.executeQuery("SELECT REFERENCE, TEST_DOSSIER FROM DOSSIER ORDER BY ID")) {
                rs.next();
                assertEquals(0, rs.getInt(2));
                rs.next();
                assertEquals(1, rs.getInt(2));
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM SCHEME_EVENT")) {
                rs.next();
                assertEquals(1, rs.getInt(1));
            }
            // V7: one row per bucket and window, its key unique (the duplicate of a concurrent first hit is refused)
            s.executeUpdate("INSERT INTO RATE_BUCKET (BUCKET_KEY, WINDOW_START, HITS) VALUES ('sign_in:ip:x', 1800, 1)");
            s.executeUpdate("UPDATE RATE_BUCKET SET HITS = HITS + 1 WHERE BUCKET_KEY = 'sign_in:ip:x' AND WINDOW_START = 1800");
            java.sql.SQLException duplicate = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    () -> s.executeUpdate("INSERT INTO RATE_BUCKET (BUCKET_KEY, WINDOW_START, HITS) VALUES ('sign_in:ip:x', 1800, 1)"));
            assertEquals("23505", duplicate.getSQLState());
            try (ResultSet rs = s.executeQuery("SELECT HITS FROM RATE_BUCKET")) {
                rs.next();
                assertEquals(2, rs.getInt(1));
            }
        }
    }

    @Test
    void v6GivesEveryAccountALanguageFrenchForThoseBefore() throws Exception {
        for (int v = 1; v <= 5; v++) {
            try (var in = getClass().getResourceAsStream("/db/migration/V" + v + ".sql")) {
                files.put("V" + v + ".sql", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        migrator().migrate();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO ACCOUNT (EMAIL, DISPLAY_NAME, STATE, ROLES, FAILED_SIGN_INS, CREATED_AT, VERSION)"
                    + " VALUES ('avant@b.fr', 'A', 'ACTIVE', 'APPLICANT', 0, CURRENT_TIMESTAMP, 0)");
        }
        try (var in = getClass().getResourceAsStream("/db/migration/V6.sql")) {
            files.put("V6.sql", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(List.of(6), migrator().migrate());
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO ACCOUNT (EMAIL, DISPLAY_NAME, STATE, ROLES, FAILED_SIGN_INS, CREATED_AT, VERSION,"
                    + " LANGUAGE_CODE) VALUES ('after@b.fr', 'B', 'PENDING', 'APPLICANT', 0, CURRENT_TIMESTAMP, 0, 'en')");
            s.executeUpdate("INSERT INTO ACCOUNT (EMAIL, DISPLAY_NAME, STATE, ROLES, FAILED_SIGN_INS, CREATED_AT, VERSION)"
                    + " VALUES ('default@b.fr', 'C', 'PENDING', 'APPLICANT', 0, CURRENT_TIMESTAMP, 0)");
            Map<String, String> languages = new HashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT EMAIL, LANGUAGE_CODE FROM ACCOUNT")) {
                while (rs.next()) {
                    languages.put(rs.getString(1), rs.getString(2));
                }
            }
            assertEquals(Map.of("avant@b.fr", "fr", "after@b.fr", "en", "default@b.fr", "fr"), languages);
            assertThrows(SQLException.class, () -> s.executeUpdate("UPDATE ACCOUNT SET LANGUAGE_CODE = NULL"),
                    "every account has a language");
        }
    }

    @Test
    void failedMigrationLeavesNothingHalfApplied() throws Exception {
        files.put("V1.sql", "CREATE TABLE A (X INT);\n");
        files.put("V2.sql", "CREATE TABLE B (X INT);\nCREATE TABLE BROKEN (;\n");
        SQLException e = assertThrows(SQLException.class, () -> migrator().migrate());
        assertTrue(e.getMessage().contains("V2.sql"), e.getMessage());
        assertEquals(1, migrator().currentVersion());
        try (Connection c = ds.getConnection(); ResultSet rs = c.getMetaData().getTables(null, null, "B", null)) {
            assertTrue(!rs.next(), "table B of the failed migration must not exist");
        }
    }

    @Test
    void refusesAnAppliedMigrationThatWasEdited() throws Exception {
        files.put("V1.sql", "CREATE TABLE A (X INT);\n");
        migrator().migrate();
        files.put("V1.sql", "CREATE TABLE A (X INT, Y INT);\n");
        SQLException e = assertThrows(SQLException.class, () -> migrator().migrate());
        assertTrue(e.getMessage().contains("changed after it was applied"), e.getMessage());
    }

    @Test
    void refusesADatabaseWrittenByANewerVersion() throws Exception {
        files.put("V1.sql", "CREATE TABLE A (X INT);\n");
        files.put("V2.sql", "CREATE TABLE B (X INT);\n");
        migrator().migrate();
        files.remove("V2.sql");
        SQLException e = assertThrows(SQLException.class, () -> migrator().migrate());
        assertTrue(e.getMessage().contains("newer version"), e.getMessage());
    }
}
