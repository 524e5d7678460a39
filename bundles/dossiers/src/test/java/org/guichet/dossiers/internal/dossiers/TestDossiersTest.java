package org.guichet.dossiers.internal.dossiers;

import static org.guichet.dossiers.testing.Guichet.VT;
import static org.guichet.dossiers.testing.Guichet.pdf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.dossiers.ChecklistItem;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.dossiers.DossierState;
import org.guichet.api.error.GuichetException;
import org.guichet.api.scheme.SchemeState;
import org.guichet.dossiers.internal.access.AccessPolicy;
import org.guichet.dossiers.testing.Guichet;
import org.guichet.dossiers.testing.TestPortal;
import org.guichet.dossiers.testing.TestSchemes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Test dossiers (issue 17, point 4): the region's staff open a dossier on the version they are served — here a
 * PREVIEW 1.1.0 of vocational-training beside the ACTIVE 1.0.0 applicants get — answer it, attach documents and see
 * the evaluation; it is never submitted, seen by its author alone, counted nowhere, and stays a test dossier after its
 * version is promoted. Nobody else opens one; applicants never reach the PREVIEW by any route.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestDossiersTest {
    static final String PREVIEW = "1.1.0";
    Guichet g;
    TestSchemes withPreview;
    DossierServiceImpl dossiers;

    protected TestPortal.Kind kind() {
        return TestPortal.Kind.DERBY;
    }

    @BeforeAll
    void start() {
        Path rules = TestSchemes.rulesFolder();
        withPreview = TestSchemes.of(rules.resolve("vocational-training"), rules.resolve("driving-licence"),
                rules.resolve("digital-equipment"), previewFolder()).inState(VT, PREVIEW, SchemeState.PREVIEW);
        assertEquals(SchemeState.PREVIEW, withPreview.info(VT, PREVIEW).orElseThrow().state());
        g = new Guichet(kind());
        dossiers = service(withPreview);
    }

    @AfterAll
    void stop() {
        g.close();
    }

    DossierServiceImpl service(TestSchemes schemes) {
        return new DossierServiceImpl(g.portal.emf(), schemes, schemes, g.portal.mail(), g.config, g.clock);
    }

    /** vocational-training 1.0.0 copied as 1.1.0: a new version, deployed in PREVIEW. */
    static synchronized Path previewFolder() {
        Path source = TestSchemes.rulesFolder().resolve("vocational-training");
        Path target = Path.of("target", "test-dossiers", "vocational-training-" + PREVIEW).toAbsolutePath();
        try {
            if (!Files.isDirectory(target)) {
                try (Stream<Path> files = Files.walk(source)) {
                    for (Path p : files.filter(p -> !p.toString().contains("/target")).toList()) {
                        Path t = target.resolve(source.relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(t);
                        } else {
                            Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
                Path yaml = target.resolve("scheme.yaml");
                String s = Files.readString(yaml);
                assertTrue(s.contains("version: 1.0.0"), "the scheme's version line moved: update this test");
                Files.writeString(yaml, s.replace("version: 1.0.0", "version: " + PREVIEW));
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long count(String sql, Object... params) {
        return g.portal.queryLong(sql, params);
    }

    long observatoryRows() {
        return count("SELECT COUNT(*) FROM OBSERVATORY_DOSSIER") + count("SELECT COUNT(*) FROM OBSERVATORY_DAY")
                + count("SELECT COUNT(*) FROM OBSERVATORY_DOCUMENT");
    }

    Caller admin(String name) {
        return g.portal.caller(g.portal.insertAccount(name.toLowerCase() + "@region.example", name, Set.of(Role.ADMIN),
                Set.of(), null));
    }

    @Test
    void staffOpenTestDossiersOnThePreviewApplicantsGetTheActiveVersion() {
        for (Caller staff : List.of(g.agent("Tessa", VT), g.supervisor("Sven", VT), admin("Ada"),
                g.agent("Otto", "driving-licence"))) {
            Dossier t = dossiers.openTest(staff, VT);
            assertTrue(t.test(), staff.email());
            assertEquals(PREVIEW, t.schemeVersion(), "the version the staff are served: the preview");
            assertEquals(DossierState.DRAFT, t.state());
            assertTrue(t.reference().startsWith("ESSAI-"), t.reference());
            assertEquals(staff.accountId(), t.applicant().id(), "her own");
            assertEquals(1, count("SELECT TEST_DOSSIER FROM DOSSIER WHERE ID = ?", t.id()));
        }
        Dossier real = dossiers.create(g.applicant("Alice"), VT, null);
        assertFalse(real.test());
        assertEquals("1.0.0", real.schemeVersion(), "applicants are served the ACTIVE version");
        assertTrue(real.reference().startsWith("VT-"), "no gap in the scheme's numbering: " + real.reference());
        assertEquals(0, count("SELECT TEST_DOSSIER FROM DOSSIER WHERE ID = ?", real.id()));
        // an unknown scheme: the same refusal as for applicants
        assertEquals("SCHEME_NOT_FOUND", assertThrows(GuichetException.class,
                () -> dossiers.openTest(g.agent("Ugo", VT), "no-such-scheme")).code());
    }

    @Test
    void aTestDossierIsAnsweredGetsDocumentsShowsTheEvaluationAndIsNeverSubmitted() {
        Caller agent = g.agent("Tina", VT);
        long before = observatoryRows();
        Dossier t = dossiers.openTest(agent, VT);
        Map<String, Object> answers = new LinkedHashMap<>(Guichet.vocationalTrainingAnswers());
        answers.putAll(Guichet.trainingAnswers());
        t = dossiers.saveAnswers(agent, t.id(), answers, null);
        assertTrue(t.live().complete(), "missing: " + t.live().missing());
        assertEquals(Boolean.TRUE, t.live().eligible());
        assertNotNull(t.live().evaluation().amount(), "the amount staff will see applicants get");
        assertFalse(t.live().checklist().isEmpty());
        for (ChecklistItem item : t.live().checklist()) {
            dossiers.addDocument(agent, t.id(), item.documentType(), item.documentType() + ".pdf",
                    pdf(item.documentType()), null);
        }
        t = dossiers.get(agent, t.id());
        assertTrue(t.live().checklist().stream().allMatch(ChecklistItem::present));
        assertTrue(t.test());
        // counted in no figure of the observatory: opened, answered, documents complete — none of it
        assertEquals(before, observatoryRows());
        long events = count("SELECT COUNT(*) FROM ACTIVITY_EVENT WHERE DOSSIER_ID = ?", t.id());
        g.portal.mail().clear();

        long id = t.id();
        GuichetException refused = assertThrows(GuichetException.class, () -> dossiers.submit(agent, id));
        assertEquals("TEST_DOSSIER_NOT_SUBMITTABLE", refused.code());
        assertEquals(GuichetException.Kind.CONFLICT, refused.kind());
        assertTrue(refused.getMessage().contains("dossier de test"), refused.getMessage());
        Dossier after = dossiers.get(agent, id);
        assertEquals(DossierState.DRAFT, after.state(), "nothing changed");
        assertNull(after.receipt());
        assertNull(after.submitted());
        assertEquals(t.version(), after.version());
        assertEquals(events, count("SELECT COUNT(*) FROM ACTIVITY_EVENT WHERE DOSSIER_ID = ?", id));
        assertTrue(g.portal.mail().to(agent.email(), "RECEIPT").isEmpty(), "no receipt mailed");
        // counted in no figure of the observatory: opened, answered, documents complete — none of it
        assertEquals(before, observatoryRows());
        assertEquals(0, count("SELECT COUNT(*) FROM OBSERVATORY_DOSSIER WHERE DOSSIER_ID = ?", id));
    }

    @Test
    void aSchemeMediatorsFileIsTriedByTheStaffAsWell() {
        Caller agent = g.agent("Dora", "driving-licence");
        Dossier t = dossiers.openTest(agent, "driving-licence");
        assertTrue(t.test());
        // the mediator's part is hers here: she answers as the mediator would
        Dossier answered = dossiers.saveAnswers(agent, t.id(), Map.of("birthDate", "2005-06-01",
                "applicationDate", "2026-11-28", "missionLocaleFollowed", true), null);
        assertEquals("2005-06-01", answered.answers().get("birthDate"));
        assertEquals("FILED_BY_MEDIATOR", assertThrows(GuichetException.class,
                () -> dossiers.create(g.applicant("Dylan"), "driving-licence", null)).code(), "applicants cannot");
    }

    @Test
    void applicantsMediatorsAndOrganisationsOpenNoTestDossierAndNeverReachThePreview() {
        long organisation = g.portal.insertOrganisation("Mission locale de Brest", "MISSION_LOCALE");
        long training = g.portal.insertOrganisation("Centre de formation", "TRAINING_ORGANISATION");
        Caller applicant = g.applicant("Paul");
        Caller mediator = g.mediator("Mona", organisation);
        Caller secretary = g.portal.caller(g.portal.insertAccount("sec@formation.example", "Sécrétaire",
                Set.of(Role.MEDIATOR), Set.of(), training));
        Caller agent = g.agent("Phil", VT);
        Caller onACall = new Caller(applicant.accountId(), applicant.email(), applicant.displayName(), applicant.roles(),
                null, Set.of(), new Caller.Assistance(agent.accountId(), agent.displayName(), 1L, null,
                        Instant.now().plusSeconds(600)));
        long dossiersBefore = count("SELECT COUNT(*) FROM DOSSIER");
        for (Caller c : List.of(applicant, mediator, secretary, onACall)) {
            GuichetException e = assertThrows(GuichetException.class, () -> dossiers.openTest(c, VT), c.email());
            assertEquals("TEST_DOSSIER_STAFF_ONLY", e.code());
            assertEquals(GuichetException.Kind.FORBIDDEN, e.kind());
        }
        assertEquals(dossiersBefore, count("SELECT COUNT(*) FROM DOSSIER"), "nothing created");
        // the one route an applicant has: the version in force, never the preview
        assertEquals("1.0.0", dossiers.create(applicant, VT, null).schemeVersion());
        // a scheme that exists only as a preview does not exist for her
        DossierServiceImpl onlyPreview = service(withPreview.inState(VT, "1.0.0", SchemeState.PREVIEW));
        assertEquals("SCHEME_NOT_FOUND", assertThrows(GuichetException.class,
                () -> onlyPreview.create(g.applicant("Pia"), VT, null)).code());
        assertEquals(PREVIEW, onlyPreview.openTest(agent, VT).schemeVersion(), "staff still try it");
    }

    @Test
    void aTestDossierIsItsAuthorsAloneAndInNoAgentsList() {
        Caller author = g.agent("Anna", VT);
        Caller colleague = g.agent("Carl", VT);
        Caller supervisor = g.supervisor("Sara", VT);
        Caller admin = admin("Adam");
        Caller applicant = g.applicant("Lucie");
        long organisation = g.portal.insertOrganisation("Mission locale de Quimper", "MISSION_LOCALE");
        Caller mediator = g.mediator("Marc", organisation);
        long id = dossiers.openTest(author, VT).id();
        assertTrue(dossiers.get(author, id).test());
        for (Caller c : List.of(colleague, supervisor, admin, applicant, mediator)) {
            GuichetException e = assertThrows(GuichetException.class, () -> dossiers.get(c, id), c.email());
            assertEquals("DOSSIER_NOT_FOUND", e.code(), c.email());
            assertEquals("DOSSIER_NOT_FOUND", assertThrows(GuichetException.class,
                    () -> dossiers.saveAnswers(c, id, Map.of("homeToTrainingKm", 3), null)).code());
            assertEquals("DOSSIER_NOT_FOUND", assertThrows(GuichetException.class, () -> dossiers.submit(c, id))
                    .code());
            assertTrue(dossiers.list(c).stream().noneMatch(s -> s.id() == id), c.email());
        }
        // no phone call on it, no organisation key reaches it (the policy, for every action)
        AccessPolicy.Facts facts = new AccessPolicy.Facts(id, author.accountId(), VT, DossierState.DRAFT, null, false,
                organisation, true, true);
        for (AccessPolicy.Action a : AccessPolicy.Action.values()) {
            assertEquals("DOSSIER_NOT_FOUND", assertThrows(GuichetException.class,
                    () -> AccessPolicy.require(colleague, a, facts, Instant.now())).code(), a.name());
        }
        assertThrows(GuichetException.class, () -> AccessPolicy.requireOrganisation(organisation, facts));
        // the agents' queues and counts hold submitted dossiers only: a test dossier is never one
        assertTrue(g.instruction.queue(colleague, org.guichet.api.instruction.QueueFilter.all()).items().stream()
                .noneMatch(i -> i.id() == id));
    }

    @Test
    void afterPromotionATestDossierStaysATestDossier() {
        Caller agent = g.agent("Pablo", VT);
        long id = dossiers.openTest(agent, VT).id();
        DossierServiceImpl promoted = service(withPreview.inState(VT, PREVIEW, SchemeState.ACTIVE));
        Dossier t = promoted.get(agent, id);
        assertTrue(t.test());
        assertEquals(PREVIEW, t.schemeVersion());
        assertEquals("TEST_DOSSIER_NOT_SUBMITTABLE", assertThrows(GuichetException.class,
                () -> promoted.submit(agent, id)).code());
        Dossier applicants = promoted.create(g.applicant("Rose"), VT, null);
        assertEquals(PREVIEW, applicants.schemeVersion(), "applicants get the promoted version");
        assertFalse(applicants.test());
        assertEquals(1, count("SELECT TEST_DOSSIER FROM DOSSIER WHERE ID = ?", id));
    }

    @Test
    void fiftyStaffOpeningTestDossiersAtOnceGetOneEach() {
        List<Caller> staff = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            staff.add(i % 5 == 0 ? admin("Rush" + i) : g.agent("Rush" + i, VT));
        }
        long before = count("SELECT COUNT(*) FROM DOSSIER WHERE TEST_DOSSIER = 1");
        var opened = TestPortal.race(50, i -> dossiers.openTest(staff.get(i), VT));
        List<String> failures = opened.stream().filter(o -> !o.ok()).map(o -> String.valueOf(o.failure())).toList();
        assertEquals(List.of(), failures);
        Set<String> references = opened.stream().map(o -> o.value().reference()).collect(Collectors.toSet());
        assertEquals(50, references.size(), "unique references");
        assertEquals(before + 50, count("SELECT COUNT(*) FROM DOSSIER WHERE TEST_DOSSIER = 1"));
        for (int i = 0; i < 50; i++) {
            assertEquals(1, count("SELECT COUNT(*) FROM DOSSIER WHERE APPLICANT_ID = ? AND TEST_DOSSIER = 1",
                    staff.get(i).accountId()), "one each");
        }
    }
}
