package org.guichet.dossiers.internal.partners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.error.GuichetException;
import org.guichet.api.partners.EnrolmentReport;
import org.guichet.api.partners.Organisation;
import org.guichet.api.partners.OrganisationCreated;
import org.guichet.api.partners.OrganisationOverview;
import org.guichet.api.partners.Trainee;
import org.guichet.dossiers.internal.shared.Xlsx;
import org.guichet.dossiers.testing.Guichet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The organisation's space below the pages: importing the sheet it has, what its staff see of their trainees and
 * dossiers, keys, colleagues — and what they may not reach (another organisation's trainee, dossier, complement,
 * key; an applicant or an agent asking).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrganisationSpaceTest {
    static final String HEADINGS = "Nom;Prénom;Courriel;Date de naissance;Début;Fin;Heures;Programme;Financement Région\r\n";
    Guichet g;

    @BeforeAll
    void start() {
        g = new Guichet();
    }

    @AfterAll
    void stop() {
        g.close();
    }

    static String code(org.junit.jupiter.api.function.Executable e) {
        return assertThrows(GuichetException.class, e).code();
    }

    static ByteArrayInputStream windows1252(String csv) {
        return new ByteArrayInputStream(csv.getBytes(Charset.forName("windows-1252")));
    }

    @Test
    void aFrenchExcelCsvIsEnrolledWithLeaSpelledRightAndBadRowsSaidAtTheirRow() {
        Organisation school = g.organisation("Centre Windows");
        EnrolmentReport r = g.partners.importSpreadsheet(school, windows1252(HEADINGS
                + "Martin;Léa;lea.w@exemple.fr;03/04/2001;14/09/2026;26/02/2027;600;QUALIF;oui\r\n"
                + ";;;;;;;;\r\n"
                + "Durand;Zoé;zoe.w@exemple.fr;31/02/2001;14/09/2026;26/02/2027;600;QUALIF;oui\r\n"));
        assertEquals(2, r.received());
        assertEquals(1, r.accepted());
        assertEquals(1, r.rejected().size());
        assertEquals(3, r.rejected().get(0).row(), "the row after the blank one: line 4 of the sheet");
        assertEquals("birthDate", r.rejected().get(0).field());
        assertEquals("Léa", g.portal.inTransaction(em -> em.createQuery("select e.firstName from EnrolmentEntity e"
                + " where e.traineeEmail = 'lea.w@exemple.fr'", String.class).getSingleResult()));
    }

    @Test
    void anXlsxIsEnrolledWithItsDateCells() {
        Organisation school = g.organisation("Centre Xlsx");
        byte[] file = Xlsx.of(Arrays.asList(
                List.of("Nom", "Prénom", "Courriel", "Début", "Fin", "Heures", "Programme", "Financement Région"),
                List.of("Martin", "Léa", "lea.x@exemple.fr", LocalDate.of(2026, 9, 14), "26/02/2027", 600, "QUALIF", "oui")));
        EnrolmentReport r = g.partners.importSpreadsheet(school, new ByteArrayInputStream(file));
        assertEquals(1, r.accepted(), r.rejected().toString());
        Caller staff = g.mediator("Secretaire Xlsx", school.id());
        Trainee t = g.partners.trainees(staff).get(0);
        assertEquals(LocalDate.of(2026, 9, 14), t.trainingStart());
        assertEquals(LocalDate.of(2027, 2, 26), t.trainingEnd());
    }

    @Test
    void theSameClassSentAgainUpdatesItsEnrolmentsAndATwiceWrittenRowIsSaid() {
        Organisation school = g.organisation("Centre Deux fois");
        String csv = HEADINGS + "Martin;Léa;lea.d@exemple.fr;03/04/2001;14/09/2026;26/02/2027;600;QUALIF;oui\r\n";
        EnrolmentReport first = g.partners.importSpreadsheet(school, windows1252(csv));
        EnrolmentReport again = g.partners.importSpreadsheet(school, windows1252(csv.replace(";600;", ";620;")
                + "Martin;Léa;lea.d@exemple.fr;03/04/2001;14/09/2026;26/02/2027;600;QUALIF;oui\r\n"));
        assertEquals(first.enrolmentIds(), again.enrolmentIds(), "the same enrolment, updated");
        assertEquals("DUPLICATE_ROW", again.rejected().get(0).code());
        assertEquals(2, again.rejected().get(0).row());
        assertEquals(1, g.portal.queryLong("SELECT COUNT(*) FROM ENROLMENT WHERE ORGANISATION_ID = ?", school.id()));
        assertTrue(g.portal.inTransaction(em -> em.find(org.guichet.dossiers.internal.jpa.EnrolmentEntity.class,
                first.enrolmentIds().get(0)).data).contains("620"));
    }

    @Test
    void staffSeeTheirTraineesAndTheDossiersThatNameTheirOrganisationOnly() {
        Caller lea = g.applicant("LeaSpace");
        Caller agent = g.agent("AgentSpace", Guichet.VT);
        Organisation school = g.organisation("Centre Espace");
        Organisation other = g.organisation("Autre Espace");
        g.partners.submitEnrolments(school, List.of(Guichet.enrolment(lea.email())));
        Dossier d = g.takenDossier(lea, agent);
        g.partners.submitEnrolments(other, List.of(Guichet.enrolment("autre.stagiaire@exemple.fr"),
                Guichet.enrolment(lea.email())));
        g.instruction.requestComplement(agent, d.id(), "Merci d'envoyer l'attestation d'entrée",
                List.of("TRAINING_ENTRY_CERTIFICATE"), List.of(), null, "ORGANISATION");

        Caller staff = g.mediator("Secretaire Espace", school.id());
        List<Trainee> mine = g.partners.trainees(staff);
        assertEquals(1, mine.size());
        assertEquals(lea.email(), mine.get(0).email());
        assertEquals(1, mine.get(0).dossiers().size());
        Trainee.TraineeDossier seen = mine.get(0).dossiers().get(0);
        assertEquals(d.reference(), seen.reference());
        assertEquals("WAITING_COMPLEMENT", seen.state());
        assertEquals("ORGANISATION", seen.waitingOn());
        assertEquals("Merci d'envoyer l'attestation d'entrée", seen.complementMessage());
        assertEquals(List.of("TRAINING_ENTRY_CERTIFICATE"), seen.missingDocuments());

        // the other organisation enrolled the same trainee: it sees its enrolment, not the school's dossier
        Caller otherStaff = g.mediator("Secretaire Autre", other.id());
        List<Trainee> theirs = g.partners.trainees(otherStaff);
        assertEquals(2, theirs.size());
        assertTrue(theirs.stream().allMatch(t -> t.dossiers().isEmpty()), "the dossier names the school only");
        // nor can it answer the school's complement with a certificate of its own enrolment (nor reach the school's)
        long schoolEnrolment = mine.get(0).enrolmentId();
        assertEquals("ENROLMENT_NOT_FOUND", code(() -> g.partners.attachCertificate(other, schoolEnrolment, "a.pdf",
                Guichet.pdf("x"))));
        assertEquals("WAITING_COMPLEMENT", g.dossiers.get(lea, d.id()).state().name());

        // an applicant, an agent, an admin: not an organisation's staff
        assertEquals("ORGANISATION_STAFF_ONLY", code(() -> g.partners.trainees(lea)));
        assertEquals("ORGANISATION_STAFF_ONLY", code(() -> g.partners.trainees(agent)));
        Caller admin = g.portal.caller(g.portal.insertAccount("admin.space@region.example", "Admin", Set.of(Role.ADMIN),
                Set.of(), null));
        assertEquals("ORGANISATION_STAFF_ONLY", code(() -> g.partners.trainees(admin)));
    }

    @Test
    void keysAndOverviewOfTheirOwnOrganisationOnly() {
        Organisation school = g.organisation("Centre Clés");
        Organisation other = g.organisation("Autre Clés");
        Caller staff = g.mediator("Secretaire Cles", school.id());
        OrganisationOverview mine = g.partners.overview(staff, school.id());
        assertEquals(List.of("Secretaire Cles"), mine.members().stream().map(m -> m.displayName()).toList());
        assertEquals("first", mine.key().version());
        assertFalse(mine.key().revoked());
        assertEquals("ORGANISATION_UNKNOWN", code(() -> g.partners.overview(staff, other.id())));
        assertEquals("KEY_NOT_YOURS", code(() -> g.partners.rotateKey(staff, other.id(), "first")));
        assertEquals("KEY_NOT_YOURS", code(() -> g.partners.revokeKey(staff, other.id(), "first")));

        OrganisationCreated rotated = g.partners.rotateKey(staff, school.id(), "first");
        OrganisationOverview after = g.partners.overview(staff, school.id());
        assertTrue(after.key().previousUntil() != null, "the previous key has its grace period");
        assertEquals("KEY_CHANGED_MEANWHILE", code(() -> g.partners.rotateKey(staff, school.id(), "first")),
                "a page showing the old state");
        assertEquals(school.id(), g.partners.authenticate(rotated.apiKey()).orElseThrow().id());
        g.partners.revokeKey(staff, school.id(), after.key().version());
        OrganisationOverview revoked = g.partners.overview(staff, school.id());
        assertTrue(revoked.key().revoked());
        assertNull(revoked.key().previousUntil());
        assertTrue(g.partners.authenticate(rotated.apiKey()).isEmpty());
    }

    @Test
    void staffInviteColleaguesOfTheirOwnOrganisationOnly() {
        Organisation school = g.organisation("Centre Collègues");
        Organisation other = g.organisation("Autre Collègues");
        Caller staff = g.mediator("Secretaire Coll", school.id());
        var invited = g.accounts.invite(staff, "collegue@centre.example", "Collègue", Role.MEDIATOR, school.id(), Set.of());
        assertEquals(school.id(), invited.organisationId());
        assertTrue(g.mailTopics("collegue@centre.example").size() == 1, "the activation mail");
        assertEquals("OWN_ORGANISATION_ONLY", code(() -> g.accounts.invite(staff, "x1@centre.example", "X",
                Role.MEDIATOR, other.id(), Set.of())));
        assertEquals("OWN_ORGANISATION_ONLY", code(() -> g.accounts.invite(staff, "x2@centre.example", "X",
                Role.AGENT, school.id(), Set.of("vocational-training"))));
        assertEquals("OWN_ORGANISATION_ONLY", code(() -> g.accounts.invite(staff, "x3@centre.example", "X",
                Role.ADMIN, school.id(), Set.of())));
        assertEquals("ADMIN_ONLY", code(() -> g.accounts.invite(g.applicant("Intrus"), "x4@centre.example", "X",
                Role.MEDIATOR, school.id(), Set.of())));
        assertEquals(2, g.partners.overview(staff, school.id()).members().size());
    }

    @Test
    void attendanceFromAFrenchSheet() {
        Organisation school = g.organisation("Centre Presence");
        g.partners.submitEnrolments(school, List.of(Guichet.enrolment("presence@exemple.fr")));
        var r = g.payments.importAttendanceSpreadsheet(school, new ByteArrayInputStream(
                ("Courriel;Mois;Heures suivies;Heures prévues\nautre@exemple.fr;09/2026;10;20\npresence@exemple.fr;13/2026;10;20\n")
                        .getBytes(StandardCharsets.UTF_8)));
        assertEquals(0, r.accepted());
        assertEquals(List.of("NOT_YOUR_TRAINEE", "INVALID_VALUE"), r.rejected().stream().map(e -> e.code()).toList());
        assertEquals(List.of(1, 2), r.rejected().stream().map(e -> e.row()).toList());
    }
}
