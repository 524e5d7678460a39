package org.guichet.web.internal;

import static org.guichet.web.internal.CommonTemplatesTest.render;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.guichet.api.partners.KeyState;
import org.guichet.api.partners.Member;
import org.guichet.api.partners.Organisation;
import org.guichet.api.partners.OrganisationCreated;
import org.guichet.api.partners.OrganisationOverview;
import org.guichet.api.partners.RowError;
import org.guichet.api.partners.Trainee;
import org.junit.jupiter.api.Test;

/** The organisation's space and the admins' organisations page, rendered: words, escaping, forms, the row report. */
class OrganisationTemplatesTest {
    static final Ui FR = Samples.ui(Locale.FRENCH);
    static final Ui EN = Samples.ui(Locale.ENGLISH);
    static final Instant AT = Instant.parse("2026-09-14T07:30:00Z");
    static final Organisation SCHOOL = new Organisation(1001, "Centre <Bretagne>", "TRAINING_ORGANISATION", AT);

    static List<Trainee> trainees() {
        return List.of(
                new Trainee(2001, "lea@exemple.fr", "Léa", "Martin", LocalDate.of(2026, 9, 14), LocalDate.of(2027, 2, 26),
                        "QUALIF", AT, false, List.of(new Trainee.TraineeDossier(3001, "VT-2026-000042", "vocational-training",
                                "WAITING_COMPLEMENT", "ORGANISATION", LocalDate.of(2026, 10, 1), 4001L,
                                "Merci d'envoyer l'attestation <vite>", List.of("TRAINING_ENTRY_CERTIFICATE")))),
                new Trainee(2002, "zoe@exemple.fr", null, null, LocalDate.of(2026, 9, 14), null, "QUALIF", AT, true,
                        List.of()));
    }

    static OrganisationOverview overview(KeyState key) {
        return new OrganisationOverview(SCHOOL, List.of(new Member(5001, "Sylvie <Secrétaire>", "sylvie@centre.example",
                "ACTIVE"), new Member(5002, "Paul", "paul@centre.example", "PENDING")), key);
    }

    @Test
    void theSpaceShowsEachTraineesDossiersInWordsAndWhatIsAskedWithItsForm() {
        String fr = render("organisation/home.jte", "ui", FR, "organisation", SCHOOL, "trainees", trainees(), "errors", Map.of());
        assertTrue(fr.contains("<title>Espace de l'organisation : Centre &lt;Bretagne&gt; — Guichet</title>"), fr);
        assertTrue(fr.contains("VT-2026-000042 : en attente d'un complément, en attente de l'organisme (jusqu'au 1 octobre 2026)"), fr);
        assertTrue(fr.contains("« Merci d'envoyer l'attestation &lt;vite&gt; »"), "escaped: " + fr);
        assertTrue(fr.contains("Pièce attendue : attestation d'entrée en formation."), fr);
        assertTrue(fr.contains("enctype=\"multipart/form-data\" action=\"/organisation/inscriptions/2001/attestation#suite\""), fr);
        assertTrue(fr.contains("<label for=\"attestation-2001\">Attestation d'entrée en formation de Léa Martin"), fr);
        assertTrue(fr.contains("Envoyer l'attestation de Léa Martin"), "the trainee's name in the button: " + fr);
        assertTrue(fr.contains("zoe@exemple.fr</span>") && fr.contains("Attestation reçue"), fr);
        assertTrue(fr.contains("aria-current=\"page\""), "the space's menu says where one is");
        assertFalse(fr.contains("WAITING_COMPLEMENT") || fr.contains(">ORGANISATION"), "no codes: " + fr);
        String en = render("organisation/home.jte", "ui", EN, "organisation", SCHOOL, "trainees", trainees(),
                "errors", Map.of("attestation-2001", "Too big"));
        assertTrue(en.contains("<title>Error — Organisation's space: Centre &lt;Bretagne&gt; — Guichet</title>"), en);
        assertTrue(en.contains("<a href=\"#attestation-2001\">Too big</a>") && en.contains("id=\"attestation-2001-erreur\""), en);
    }

    @Test
    void theEnrolmentReportShowsEachRefusedRowWithItsLineInTheSheet() {
        OrganisationPages.Report report = OrganisationPages.Report.of(3, 1, List.of(
                new RowError(1, "birthDate", "INVALID_VALUE", "Valeur incorrecte pour birthDate : 31/02/2001"),
                new RowError(3, "traineeEmail", "DUPLICATE_ROW", "Même stagiaire <même> formation")));
        String fr = render("organisation/enrolments.jte", "ui", FR, "organisation", SCHOOL, "report", report,
                "errors", Map.of());
        assertTrue(fr.contains("3 ligne(s) lue(s) : 1 gardée(s), 2 refusée(s)."), fr);
        assertTrue(fr.contains("<tr><th scope=\"row\">Ligne 2</th><td>Date de naissance</td><td>Valeur incorrecte pour birthDate : 31/02/2001</td></tr>"), fr);
        assertTrue(fr.contains("<th scope=\"row\">Ligne 4</th><td>Courriel</td><td>Même stagiaire &lt;même&gt; formation</td>"), fr);
        assertTrue(fr.contains("role=\"region\" aria-labelledby=\"lignes-refusees\""), fr);
        assertTrue(fr.contains("type=\"file\" id=\"file\" name=\"file\"") && fr.contains("aria-describedby=\"file-aide\""), fr);
        assertTrue(fr.contains("action=\"/organisation/inscriptions#suite\""), fr);
        String refused = render("organisation/enrolments.jte", "ui", FR, "organisation", SCHOOL, "report", null,
                "errors", Map.of("file", "La colonne « Téléphone » n'est pas reconnue."));
        assertTrue(refused.contains("<a href=\"#file\">La colonne « Téléphone » n'est pas reconnue.</a>"), refused);
        assertTrue(refused.contains("aria-describedby=\"file-aide file-erreur\" aria-invalid=\"true\""), refused);
        String en = render("organisation/attendance.jte", "ui", EN, "organisation", SCHOOL, "report", report, "errors", Map.of());
        assertTrue(en.contains("Row 2</th><td>Date de naissance (birth date)</td>"), en);
    }

    @Test
    void theKeyPageShowsTheStateTheNewKeyOnceAndCarriesTheVersion() {
        String fr = render("organisation/key.jte", "ui", FR, "overview", overview(new KeyState("2026-09-14T07:30:00Z", AT,
                AT.plusSeconds(7 * 86400), false)), "newKey", "gk_secret", "errors", Map.of());
        assertTrue(fr.contains("<code class=\"secret\">gk_secret</code>"), fr);
        assertTrue(fr.contains("Clé changée le 14 septembre 2026 à 09:30."), fr);
        assertTrue(fr.contains("jusqu'au 21 septembre 2026 à 09:30"), fr);
        assertTrue(fr.contains("name=\"version\" value=\"2026-09-14T07:30:00Z\""), fr);
        String revoked = render("organisation/key.jte", "ui", FR, "overview", overview(new KeyState("v", AT, null, true)),
                "errors", Map.of());
        assertTrue(revoked.contains("Clé révoquée le 14 septembre 2026 à 09:30") && !revoked.contains("secret"), revoked);
    }

    @Test
    void colleaguesAndTheInvitationForm() {
        String fr = render("organisation/colleagues.jte", "ui", FR, "overview", overview(new KeyState("first", null, null,
                false)), "errors", Map.of("email", "Un compte existe déjà avec cette adresse."), "email", "x@y.fr");
        assertTrue(fr.contains("Sylvie &lt;Secrétaire&gt;") && fr.contains("En attente d'activation"), fr);
        assertTrue(fr.contains("id=\"email\" name=\"email\" value=\"x@y.fr\""), "what was typed is kept: " + fr);
        assertTrue(fr.contains("<a href=\"#email\">Un compte existe déjà avec cette adresse.</a>"), fr);
    }

    @Test
    void theAdminsOrganisationsPage() {
        String fr = render("admin/organisations.jte", "ui", FR, "organisations", List.of(overview(new KeyState("first",
                null, null, false))), "created", new OrganisationCreated(SCHOOL, "gk_first"), "errors", Map.of(),
                "sent", Map.of());
        assertTrue(fr.contains("<code class=\"secret\">gk_first</code>"), fr);
        assertTrue(fr.contains("Organisme de formation") && fr.contains("Sylvie &lt;Secrétaire&gt; (Actif)"), fr);
        assertTrue(fr.contains("action=\"/admin/organisations/1001/membres#suite\""), fr);
        assertTrue(fr.contains("<legend>Nouveau membre de Centre &lt;Bretagne&gt;</legend>"), fr);
        assertTrue(fr.contains("<legend>Type d'organisation"), fr);
        String invalid = render("admin/organisations.jte", "ui", FR, "organisations", List.of(), "errors",
                Map.of("name", "Indiquez le nom"), "sent", Map.of("kind", "MISSION_LOCALE"));
        assertTrue(invalid.contains("value=\"MISSION_LOCALE\" checked"), invalid);
        assertTrue(invalid.contains("Aucune organisation"), invalid);
    }
}
