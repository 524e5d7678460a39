package org.guichet.web.internal;

import static org.guichet.web.internal.CommonTemplatesTest.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.guichet.api.scheme.LocalizedText;
import org.guichet.api.scheme.SchemeInfo;
import org.guichet.api.scheme.SchemeProblem;
import org.guichet.api.scheme.SchemeState;
import org.guichet.api.scheme.TestCaseResult;
import org.junit.jupiter.api.Test;

/** The schemes page (/admin/dispositifs): states and dates in words, the table in its own region, the deploy form. */
class AdminTemplatesTest {
    static final Ui FR = Samples.ui(Locale.FRENCH);
    static final Ui EN = Samples.ui(Locale.ENGLISH);
    static final Instant SINCE = Instant.parse("2026-09-14T07:30:00Z");

    static List<SchemeInfo> schemes() {
        return List.of(
                new SchemeInfo("driving-licence", "1.7.0", SchemeState.ACTIVE, new LocalizedText("Aide au permis <B>", null),
                        12, "org.guichet.dl", "1.7.0", SINCE, 300L, List.of(), List.of()),
                new SchemeInfo("driving-licence", "1.8.0", SchemeState.FAILED, new LocalizedText("Aide au permis <B>", null),
                        13, "org.guichet.dl", "1.8.0", SINCE, 200L,
                        List.of(new SchemeProblem("RULES", "rules/eligibility.drl", 42, "Unexpected <token>"),
                                new SchemeProblem("INTERNAL", null, null, "Boom")), List.of()),
                new SchemeInfo("vocational-training", "2.0.0", SchemeState.TESTING,
                        new LocalizedText("Formation", "Training"), 14, "org.guichet.vt", "2.0.0", null, null, List.of(),
                        List.of()));
    }

    @Test
    void statesAndDatesInWordsTheTableInItsOwnRegion() {
        String fr = render("admin/schemes.jte", "ui", FR, "schemes", schemes(), "admin", false, "errors", Map.of());
        assertTrue(fr.contains("<title>Les dispositifs d'aide — Guichet</title>"), fr);
        assertTrue(fr.contains("class=\"table-scroll\" role=\"region\" aria-labelledby=\"versions\""), fr);
        assertTrue(fr.contains("En service") && fr.contains("En échec") && fr.contains("Cas de test en cours"), fr);
        assertFalse(fr.contains(">ACTIVE") || fr.contains("FAILED") || fr.contains("TESTING"), "no state codes: " + fr);
        assertTrue(fr.contains("depuis le 14 septembre 2026 à 09:30"), "dates in words, Paris time: " + fr);
        assertTrue(fr.contains("rules/eligibility.drl:42</span> — Unexpected &lt;token&gt;"), fr);
        assertTrue(fr.contains("<li>Boom</li>"), fr);
        assertTrue(fr.contains("Aide au permis &lt;B&gt;"), "escaped: " + fr);
        assertFalse(fr.contains("type=\"file\""), "only admins deploy");
        assertFalse(fr.contains("<span lang=\"fr\">"), "no French marking on a French page");
        String en = render("admin/schemes.jte", "ui", EN, "schemes", schemes(), "admin", false, "errors", Map.of());
        assertTrue(en.contains("In service") && en.contains("Failed") && en.contains("since 14 September 2026 at 09:30"), en);
        assertTrue(en.contains("<span lang=\"fr\">Aide au permis &lt;B&gt;</span>"), "French text marked on an English page: " + en);
        assertTrue(en.contains("<span>Training</span>") || en.contains("Training</span>"), en);
    }

    @Test
    void testResultsInWords() {
        SchemeInfo tested = new SchemeInfo("x", "1.0.0", SchemeState.ACTIVE, new LocalizedText("X", "X"), 1, "b", "1",
                SINCE, 1L, List.of(), List.of(new TestCaseResult("a", true, List.of()), new TestCaseResult("b", false,
                        List.of())));
        String fr = render("admin/schemes.jte", "ui", FR, "schemes", List.of(tested), "admin", false, "errors", Map.of());
        assertTrue(fr.contains("Réussis : 1 sur 2"), fr);
        String en = render("admin/schemes.jte", "ui", EN, "schemes", schemes(), "admin", false, "errors", Map.of());
        assertTrue(en.contains("No test case"), en);
    }

    @Test
    void adminsDeployAndLandOnTheOutcome() {
        String fr = render("admin/schemes.jte", "ui", FR, "schemes", schemes(), "admin", true, "secondFactor", true,
                "errors", Map.of(), "done", SchemeAdminPages.installed(FR, schemes(), "driving-licence"));
        assertTrue(fr.contains("enctype=\"multipart/form-data\" action=\"/admin/dispositifs#suite\""), fr);
        assertTrue(fr.contains("name=\"_csrf\" value=\"csrf-value\""));
        assertTrue(fr.contains("id=\"file\" name=\"file\"") && fr.contains("aria-required=\"true\"")
                && fr.contains("(obligatoire)"), fr);
        assertTrue(fr.contains("id=\"fait\"") && fr.contains("« Aide au permis &lt;B&gt; » (driving-licence) est déposé"), fr);
        assertTrue(fr.indexOf("id=\"suite\"") < fr.indexOf("id=\"fait\"") && fr.indexOf("id=\"fait\"") < fr.indexOf("<table"));
        String en = render("admin/schemes.jte", "ui", EN, "schemes", schemes(), "admin", true, "secondFactor", true,
                "errors", Map.of("file", "This file is not a readable .jar."));
        assertTrue(en.contains("<title>Error — The aid schemes — Guichet</title>"), en);
        assertTrue(en.contains("The scheme was not deployed") && en.contains("href=\"#file\""), en);
        assertTrue(en.contains("aria-invalid=\"true\"") && en.contains("aria-describedby=\"file-erreur\""), en);
        assertTrue(en.contains("action=\"/admin/dispositifs?lang=en#suite\""), en);
    }

    @Test
    void anAdminWithoutTheSecondFactorIsToldWhyAndOfferedNoUpload() {
        String fr = render("admin/schemes.jte", "ui", FR, "schemes", schemes(), "admin", true, "secondFactor", false,
                "errors", Map.of());
        assertFalse(fr.contains("multipart/form-data"), fr);
        assertTrue(fr.contains("second facteur") && fr.contains("Déployer une version"), fr);
        String en = render("admin/schemes.jte", "ui", EN, "schemes", schemes(), "admin", true, "errors", Map.of());
        assertFalse(en.contains("multipart/form-data"), "without saying so, no second factor: " + en);
        assertTrue(en.contains("second factor"), en);
    }

    @Test
    void theNoticeNamesOnlyASchemeTheRegistryKnows() {
        assertTrue(SchemeAdminPages.installed(EN, schemes(), "driving-licence").contains("(driving-licence) is deployed"));
        String unknown = SchemeAdminPages.installed(FR, schemes(), "<script>alert(1)</script>");
        assertFalse(unknown.contains("script"), unknown);
        assertEquals(FR.t("admin.done.installe.new"), unknown);
        assertEquals(FR.t("admin.done.installe.new"), SchemeAdminPages.installed(FR, schemes(), null));
    }

    @Test
    void noSchemeYet() {
        String en = render("admin/schemes.jte", "ui", EN, "schemes", List.of(), "admin", true, "errors", Map.of());
        assertTrue(en.contains("No scheme is installed.") && !en.contains("<table"), en);
    }

    @Test
    void staffAccountsWithTheirRolesAndStateInWordsAndTheirForms() {
        List<org.guichet.api.accounts.Account> accounts = List.of(
                new org.guichet.api.accounts.Account(1001, "ada@region.example", "Ada <Admin>",
                        org.guichet.api.accounts.AccountState.ACTIVE, java.util.Set.of(org.guichet.api.accounts.Role.ADMIN),
                        null, java.util.Set.of(), SINCE),
                new org.guichet.api.accounts.Account(1002, "bea@region.example", "Béa",
                        org.guichet.api.accounts.AccountState.DISABLED, java.util.Set.of(org.guichet.api.accounts.Role.AGENT,
                                org.guichet.api.accounts.Role.SUPERVISOR), null, java.util.Set.of("vocational-training"), SINCE),
                new org.guichet.api.accounts.Account(1003, "cyr@region.example", "Cyril",
                        org.guichet.api.accounts.AccountState.ACTIVE, java.util.Set.of(org.guichet.api.accounts.Role.AGENT),
                        null, java.util.Set.of("driving-licence"), SINCE));
        String fr = render("admin/staff.jte", "ui", FR, "accounts", accounts, "me", 1001L, "done",
                FR.t("staff.done.desactive"));
        assertTrue(fr.contains("<title>Les comptes du personnel — Guichet</title>"), fr);
        assertTrue(fr.contains("Ada &lt;Admin&gt;"), "escaped: " + fr);
        assertTrue(fr.contains("Votre propre compte"), "no form on one's own account: " + fr);
        assertFalse(fr.contains("/admin/comptes/1001/"), fr);
        assertTrue(fr.contains("action=\"/admin/comptes/1002/etat#suite\"") && fr.contains("Réactiver le compte de Béa"), fr);
        assertTrue(fr.contains("Désactiver le compte de Cyril") && fr.contains("value=\"desactiver\""), fr);
        assertTrue(fr.contains("agent instructeur, responsable d'instruction") && fr.contains("Désactivé"), fr);
        assertTrue(fr.contains("id=\"role-1003-AGENT\" name=\"roles\" value=\"AGENT\" checked"), fr);
        assertTrue(fr.contains("name=\"schemes\" value=\"driving-licence\""), fr);
        assertTrue(fr.contains("name=\"_csrf\" value=\"csrf-value\""), fr);
        assertTrue(fr.contains("id=\"fait\"") && fr.contains("ses sessions sont fermées"), fr);
        assertFalse(fr.contains(">DISABLED") || fr.contains(">SUPERVISOR"), "no codes: " + fr);
        String en = render("admin/staff.jte", "ui", EN, "accounts", accounts, "me", 1001L);
        assertTrue(en.contains("Staff accounts") && en.contains("Disabled") && en.contains("case officer, supervisor"), en);
    }
}
