package org.guichet.dossiers.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.mail.MailException;
import org.guichet.api.mail.OutgoingMail;
import org.guichet.api.scheme.Evaluation;
import org.guichet.api.scheme.SchemeInfo;
import org.guichet.api.scheme.SchemeNotFoundException;
import org.guichet.api.scheme.SchemeState;
import org.guichet.dossiers.internal.PortalConfig;
import org.guichet.dossiers.internal.jpa.OrganisationEntity;
import org.guichet.dossiers.internal.payments.PaymentConfig;
import org.guichet.rules.engine.DirectorySchemeSource;
import org.guichet.rules.engine.TestPackRunner;
import org.guichet.rules.engine.testpack.TestCase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The harness itself: real migrations, ids from 1000, the real schemes, the mail recorder, configurations. */
class TestPortalTest {
    private static TestPortal portal;

    @BeforeAll
    static void start() {
        portal = new TestPortal();
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    @Test
    void theMigrationsRan() {
        assertEquals(1, portal.queryLong("SELECT COUNT(*) FROM SYS.SYSTABLES WHERE TABLENAME = 'DOSSIER'"));
        assertEquals(0, portal.queryLong("SELECT COUNT(*) FROM DOSSIER"));
        assertTrue(portal.database().schemaVersion() >= 3, "schema version " + portal.database().schemaVersion());
        assertEquals("Apache Derby", portal.database().productName());
    }

    @Test
    void aPersistedEntityGetsAnIdFrom1000() {
        Long id = portal.inTransaction(em -> {
            OrganisationEntity o = new OrganisationEntity();
            o.name = "Organisme de formation du Val";
            o.kind = "TRAINING_ORGANISATION";
            o.apiKeyHash = "0".repeat(63) + "1";
            o.createdAt = Timestamp.from(Instant.now());
            em.persist(o);
            em.flush();
            return o.id;
        });
        assertTrue(id >= TestPortal.FIRST_ID, "id " + id);
        OrganisationEntity read = portal.emf().createEntityManager().find(OrganisationEntity.class, id);
        assertEquals("Organisme de formation du Val", read.name);
    }

    @Test
    void accountsAndCallersFromRows() {
        long org = portal.insertOrganisation("Mission locale du Littoral", "MISSION_LOCALE");
        long agent = portal.insertAccount("Agent.Un@Region.example", "Agent Un", Set.of(Role.AGENT, Role.SUPERVISOR),
                Set.of("vocational-training"), null);
        long mediator = portal.insertAccount("mediatrice@ml.example", "Médiatrice", Set.of(Role.MEDIATOR), Set.of(), org);
        assertTrue(org >= TestPortal.FIRST_ID && agent >= TestPortal.FIRST_ID && mediator > agent);

        Caller a = portal.caller(agent);
        assertEquals("agent.un@region.example", a.email());
        assertEquals(Set.of(Role.AGENT, Role.SUPERVISOR), a.roles());
        assertEquals(Set.of("vocational-training"), a.schemes());
        assertEquals(null, a.organisationId());
        Caller m = portal.caller(mediator);
        assertEquals(Long.valueOf(org), m.organisationId());
        assertTrue(m.has(Role.MEDIATOR) && m.schemes().isEmpty());
    }

    @Test
    void twoPortalsHaveTwoDatabases() {
        try (TestPortal other = new TestPortal()) {
            assertEquals(TestPortal.FIRST_ID, other.insertOrganisation("Autre", "TRAINING_ORGANISATION"));
            // each factory reads its own database: EclipseLink must not hand the second the first one's session
            assertEquals(1, countByName(other, "Autre"));
            assertEquals(0, countByName(portal, "Autre"));
            other.inTransaction(em -> {
                OrganisationEntity o = new OrganisationEntity();
                o.name = "Autre encore";
                o.kind = "MISSION_LOCALE";
                o.apiKeyHash = "f".repeat(64);
                o.createdAt = Timestamp.from(Instant.now());
                em.persist(o);
                return null;
            });
            assertEquals(1, other.queryLong("SELECT COUNT(*) FROM ORGANISATION WHERE NAME = ?", "Autre encore"));
            assertEquals(0, portal.queryLong("SELECT COUNT(*) FROM ORGANISATION WHERE NAME = ?", "Autre encore"));
            assertTrue(Files.isDirectory(other.documentsDir()));
            assertFalse(other.documentsDir().equals(portal.documentsDir()));
        }
    }

    private static long countByName(TestPortal p, String name) {
        return p.inTransaction(em -> em.createQuery("select count(o) from OrganisationEntity o where o.name = :n",
                Long.class).setParameter("n", name).getSingleResult());
    }

    @Test
    void theRealSchemesAreActive() {
        List<SchemeInfo> schemes = portal.registry().list();
        assertEquals(List.of("digital-equipment", "driving-licence", "vocational-training"), schemes.stream().map(SchemeInfo::id).toList());
        for (SchemeInfo s : schemes) {
            assertEquals(SchemeState.ACTIVE, s.state(), s.id() + ": " + s.errors());
            assertTrue(s.testsPassed() > 0 && s.testsPassed() == s.testResults().size(), s.id());
            assertTrue(portal.registry().activeDescriptor(s.id(), null).isPresent(), s.id());
        }
        assertEquals("driving-licence", portal.registry().activeDescriptor("driving-licence", null).orElseThrow().id());
        assertFalse(portal.registry().activeDescriptor("vocational-training", null).orElseThrow().fields().isEmpty());
        assertTrue(portal.registry().info("no-such-scheme", null).isEmpty());
        assertThrows(SchemeNotFoundException.class,
                () -> portal.evaluation().evaluate("no-such-scheme", null, Map.of(), Locale.FRENCH));
    }

    @Test
    void anEvaluationGivesWhatTheTestPackExpects() throws Exception {
        Path folder = TestSchemes.rulesFolder().resolve("vocational-training");
        TestCase example = TestPackRunner.load(new DirectorySchemeSource(folder)).cases().stream()
                .filter(c -> c.name().equals("specification example")).findFirst().orElseThrow();

        Evaluation e = portal.evaluation().evaluate("vocational-training", null, example.answers(), Locale.FRENCH);

        assertEquals(example.expect().eligible(), e.eligible());
        assertTrue(e.eligible());
        assertEquals(0, example.expect().monthly().compareTo(e.amount().monthly()), "monthly " + e.amount().monthly());
        assertEquals(0, example.expect().total().compareTo(e.amount().total()), "total " + e.amount().total());
        assertEquals(example.expect().documents(), e.requiredDocuments().stream().map(d -> d.id()).toList());
    }

    @Test
    void theMailRecorderRecords() {
        RecordingMailService mail = new RecordingMailService();
        mail.send(new OutgoingMail("lea@example.fr", "Confirmez votre adresse",
                "Bonjour,\n\nouvrez ce lien :\n\nhttp://127.0.0.1:8181/compte/activer?jeton=abc123456def.\n\nÀ bientôt", "ACTIVATION"));
        mail.send(new OutgoingMail("autre@example.fr", "Code", "Votre code : 000042", "SIGN_IN_CODE"));
        mail.send(new OutgoingMail("Lea@Example.fr", "Votre code pour vous connecter : 012345",
                "Bonjour,\n\nVoici votre code, valable 15 minutes :\n\n    012345\n\nhttps://guichet.example/aide", "SIGN_IN_CODE"));

        assertEquals(2, mail.to("lea@example.fr").size());
        assertEquals(1, mail.to("LEA@example.fr", "ACTIVATION").size());
        assertEquals(Optional.of("012345"), mail.lastCode("lea@example.fr"));
        assertEquals(Optional.of("https://guichet.example/aide"), mail.lastLink("lea@example.fr"));
        assertEquals(Optional.of("000042"), mail.lastCode("autre@example.fr"));
        assertEquals(Optional.empty(), mail.lastLink("autre@example.fr"));
        assertEquals(Optional.of("http://127.0.0.1:8181/compte/activer?jeton=abc123456def"),
                RecordingMailService.firstLink(mail.to("lea@example.fr").get(0).text()));

        mail.failing(true);
        assertThrows(MailException.class, () -> mail.send(new OutgoingMail("x@example.fr", "s", "t", "T")));
        mail.failing(false);
        mail.clear();
        assertTrue(mail.all().isEmpty() && mail.lastLink("lea@example.fr").isEmpty());
        assertTrue(portal.mail().all().isEmpty());
    }

    @Test
    void configurationsHaveTheirDefaultsAndOverrides() {
        PortalConfig defaults = portal.config(Map.of());
        assertEquals("http://127.0.0.1:8181", defaults.portal_url());
        assertEquals(30, defaults.session_idle_minutes());
        assertEquals(portal.documentsDir().toString(), defaults.documents_dir());

        PortalConfig c = portal.config(Map.of("session.idle.minutes", 1, "code_max_attempts", "2",
                "portal.url", "https://aides.region.example"));
        assertEquals(1, c.session_idle_minutes());
        assertEquals(2, c.code_max_attempts());
        assertEquals("https://aides.region.example", c.portal_url());
        assertEquals(PortalConfig.class, ((java.lang.annotation.Annotation) c).annotationType());

        PaymentConfig pay = TestPortal.config(PaymentConfig.class, Map.of("debtor.iban", "FR7630006000011234567890189"));
        assertEquals("FR7630006000011234567890189", pay.debtor_iban());
        assertEquals("", pay.files_dir());
        assertEquals(portal.paymentsDir().toString(), portal.paymentConfig(Map.of()).files_dir());

        assertThrows(IllegalArgumentException.class, () -> portal.config(Map.of("session.idle.minute", 1)));
    }

    @Test
    void lettersAndSepaAreTheRealOnes() {
        assertEquals("FR7630006000011234567890189", portal.sepa().normaliseIban("fr76 3000 6000 0112 3456 7890 189"));
        assertNotNull(portal.letters());
    }
}
