package org.guichet.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.guichet.itests.client.ApiClient;
import org.guichet.itests.client.ApiException;
import org.guichet.itests.client.api.AccountsApi;
import org.guichet.itests.client.api.AdminApi;
import org.guichet.itests.client.api.DossiersApi;
import org.guichet.itests.client.api.PartnersApi;
import org.guichet.itests.client.api.SchemesApi;
import org.guichet.itests.client.model.Accepted;
import org.guichet.itests.client.model.Account;
import org.guichet.itests.client.model.AccountState;
import org.guichet.itests.client.model.Activation;
import org.guichet.itests.client.model.AnswersUpdate;
import org.guichet.itests.client.model.ApiError;
import org.guichet.itests.client.model.CertificateStored;
import org.guichet.itests.client.model.Credentials;
import org.guichet.itests.client.model.SecondFactorCode;
import org.guichet.itests.client.model.SecondFactorEnrolment;
import org.guichet.itests.client.model.SessionGrant;
import org.guichet.itests.client.model.Ticket;
import org.guichet.itests.client.model.Dossier;
import org.guichet.itests.client.model.DossierDocument;
import org.guichet.itests.client.model.DossierState;
import org.guichet.itests.client.model.EnrolmentReport;
import org.guichet.itests.client.model.NewDossier;
import org.guichet.itests.client.model.NewOrganisation;
import org.guichet.itests.client.model.OrganisationCreated;
import org.guichet.itests.client.model.Receipt;
import org.guichet.itests.client.model.SignUp;
import org.guichet.itests.client.model.SchemeInfo;
import org.guichet.itests.support.Phone;
import org.guichet.itests.support.Distribution;
import org.guichet.itests.support.Files2;
import org.guichet.itests.support.Mailbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The published OpenAPI document, proven by a real client: the Java client openapi-generator makes of
 * bundles/rest's openapi.yaml (generated into target/generated-test-sources at each build, see the pom) drives a
 * running distribution, and nothing else does. Its JSON mapper refuses any property the document does not declare,
 * so every answer read here is fully described by the document. A training organisation uploads its enrolments (a
 * CSV file) and a certificate with its API key; an applicant signs up, activates her account with the mailed link,
 * opens a dossier pre-filled from the enrolment, answers, uploads her documents and submits.
 */
class OpenApiClientJourneyTest {
    static final String RUN = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    static final String ADMIN = "admin." + RUN + "@region.example";
    static final String INES = "ines." + RUN + "@example.fr";
    static final String ADMIN_PASSWORD = "la region publie son contrat d'API";
    static final String INES_PASSWORD = "un client genere sans surprise";

    static Distribution dist;
    static Mailbox mail;
    static Path files;

    @BeforeAll
    static void start() throws Exception {
        dist = Distribution.unpack("openapi-client");
        mail = new Mailbox(dist);
        files = Files.createTempDirectory("openapi-client");
        dist.setConfig("org.guichet.accounts.cfg", "admin.email", ADMIN);
        dist.start(Duration.ofMinutes(4));
    }

    @AfterAll
    static void stop() throws Exception {
        if (dist != null) {
            dist.close();
        }
    }

    /** A client of the running distribution; with a header (a session or an API key) when given. */
    static ApiClient client(String header, String value) {
        ApiClient c = new ApiClient();
        c.updateBaseUri(dist.url("/api/v1"));
        c.setObjectMapper(c.getObjectMapper().copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
        if (header != null) {
            c.setRequestInterceptor(request -> request.header(header, value));
        }
        return c;
    }

    static ApiClient session(String token) {
        return client("Authorization", "Bearer " + token);
    }

    @Test
    void aPartnerUploadsEnrolmentsThenAnApplicantAppliesOnlyThroughTheGeneratedClient() throws Exception {
        ApiClient anonymous = client(null, null);
        List<SchemeInfo> schemes = new SchemesApi(anonymous).listSchemes();
        assertTrue(schemes.stream().anyMatch(s -> "vocational-training".equals(s.getId())), schemes.toString());

        // the first admin comes from etc/ and activates her account with the mailed link
        AccountsApi accounts = new AccountsApi(anonymous);
        Account admin = accounts.activateAccount(new Activation().token(mail.latest(ADMIN, "INVITATION").token())
                .password(ADMIN_PASSWORD));
        assertEquals(AccountState.ACTIVE, admin.getState());
        // an admin gives a second factor: no token yet, a ticket; she enrols (the secret as text and as an otpauth://
        // URI for the QR code), confirms with a first code and gets the session and her recovery codes
        SessionGrant firstStep = accounts.signIn(new Credentials().email(ADMIN).password(ADMIN_PASSWORD));
        assertNull(firstStep.getToken(), firstStep.toString());
        assertTrue(firstStep.getSecondStep().getEnrol(), firstStep.toString());
        String ticket = firstStep.getSecondStep().getTicket();
        SecondFactorEnrolment factor = accounts.secondFactorEnrolment(new Ticket().ticket(ticket));
        assertTrue(factor.getOtpauthUri().startsWith("otpauth://totp/Guichet:"), factor.toString());
        assertEquals("SECOND_FACTOR_INVALID", error(assertThrows(ApiException.class, () -> accounts.verifySecondFactor(
                new SecondFactorCode().ticket(ticket).code("12345"))), 401).getCode());
        SessionGrant enrolled = accounts.verifySecondFactor(new SecondFactorCode().ticket(ticket)
                .code(Phone.code(factor.getSecret(), Phone.step(java.time.Instant.now()))));
        assertEquals(10, enrolled.getRecoveryCodes().size(), enrolled.toString());
        String adminToken = enrolled.getToken();
        OrganisationCreated school = new AdminApi(session(adminToken)).createOrganisation(new NewOrganisation()
                .name("Centre de formation " + RUN).kind(NewOrganisation.KindEnum.TRAINING_ORGANISATION));
        assertTrue(school.getApiKey().length() > 40, school.toString());

        // the training organisation's system: without its key, a typed 401; with it, a CSV file and a certificate
        PartnersApi noKey = new PartnersApi(anonymous);
        assertEquals("API_KEY_REQUIRED", error(assertThrows(ApiException.class, noKey::getMyOrganisation), 401).getCode());
        PartnersApi partner = new PartnersApi(client("X-Api-Key", school.getApiKey()));
        assertEquals(school.getOrganisation().getId(), partner.getMyOrganisation().getId());
        File csv = file("inscriptions.csv", ("traineeEmail;firstName;lastName;trainingStartDate;trainingEndDate;"
                + "trainingHours;programme;regionFunded\n"
                + INES + ";Inès;Moreau;14/09/2026;26/02/2027;600;QUALIF_EMPLOI;oui\n"
                + "pas-une-adresse;Sans;Adresse;14/09/2026;26/02/2027;600;QUALIF_EMPLOI;oui\n")
                .getBytes(StandardCharsets.UTF_8));
        EnrolmentReport report = partner.submitEnrolments(csv);
        assertEquals(2, report.getReceived());
        assertEquals(1, report.getAccepted());
        assertEquals(2, report.getRejected().get(0).getRow());
        assertEquals("traineeEmail", report.getRejected().get(0).getField());
        long enrolment = report.getEnrolmentIds().get(0);
        CertificateStored certificate = partner.attachCertificate(enrolment,
                file("attestation.pdf", Files2.pdf("Attestation d'entree en formation")));
        assertEquals(enrolment, certificate.getEnrolmentId());

        // the applicant: sign-up, then the mailed activation link
        Accepted signedUp = accounts.signUp(new SignUp().email(INES).password(INES_PASSWORD).displayName("Inès Moreau"));
        assertEquals("CHECK_YOUR_MAILBOX", signedUp.getStatus());
        assertEquals("ACCOUNT_NOT_ACTIVATED", error(assertThrows(ApiException.class,
                () -> accounts.signIn(new Credentials().email(INES).password(INES_PASSWORD))), 403).getCode());
        Account activated = accounts.activateAccount(new Activation().token(mail.latest(INES, "ACTIVATION").token())
                .password(INES_PASSWORD));
        assertEquals(AccountState.ACTIVE, activated.getState());
        ApiClient ines = session(accounts.signIn(new Credentials().email(INES).password(INES_PASSWORD)).getToken());
        assertEquals(INES, new AccountsApi(ines).getMyAccount().getEmail());

        // a dossier, pre-filled from the organisation's enrolment and certificate
        DossiersApi dossiers = new DossiersApi(ines);
        Dossier draft = dossiers.createDossier(new NewDossier().schemeId("vocational-training"), null);
        long id = draft.getId();
        assertEquals(DossierState.DRAFT, draft.getState());
        assertEquals(600, ((Number) draft.getAnswers().get("trainingHours")).intValue(), draft.toString());
        assertTrue(draft.getAnswerSources().get("trainingHours").startsWith("ORGANISATION:"), draft.toString());
        assertEquals("TRAINING_ENTRY_CERTIFICATE", draft.getDocuments().get(0).getDocumentType());
        assertFalse(draft.getLive().getComplete());

        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("birthDate", "2001-03-10");
        answers.put("franceTravailRegistered", true);
        answers.put("unemploymentBenefit", "NONE");
        answers.put("taxNoticeProvided", true);
        answers.put("referenceTaxIncome", 14400);
        answers.put("taxShares", 1);
        answers.put("familyBreakdown", false);
        answers.put("singleParent", false);
        answers.put("homeToTrainingKm", 25);
        Dossier answered = dossiers.saveAnswers(id, new AnswersUpdate().answers(answers).version(draft.getVersion()), null);
        assertTrue(answered.getLive().getComplete(), answered.getLive().toString());
        assertTrue(answered.getLive().getEligible());
        assertEquals(new BigDecimal("2582.76"), answered.getLive().getEvaluation().getAmount().getTotal());

        // submitting too early: a typed 409 listing what is missing
        ApiError incomplete = error(assertThrows(ApiException.class, () -> dossiers.submitDossier(id, null)), 409);
        assertEquals("DOSSIER_INCOMPLETE", incomplete.getCode());
        Set<String> missing = incomplete.getErrors().stream().map(e -> e.getField()).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(missing.contains("documents.IDENTITY"), missing.toString());

        Map<String, File> documents = new LinkedHashMap<>();
        documents.put("IDENTITY", file("carte-identite.pdf", Files2.pdf("Carte d'identite d'Ines Moreau")));
        documents.put("BANK_DETAILS", file("rib.jpg", Files2.jpeg(1200, 800)));
        documents.put("PROOF_OF_ADDRESS", file("facture.pdf", Files2.pdf("Facture EDF")));
        documents.put("FRANCE_TRAVAIL_CERTIFICATE", file("france-travail.pdf", Files2.pdf("Attestation France Travail")));
        documents.put("TAX_NOTICE", file("avis-impot.pdf", Files2.pdf("Avis d'impot")));
        for (Map.Entry<String, File> d : documents.entrySet()) {
            DossierDocument stored = dossiers.uploadDocument(id, d.getKey(), d.getValue(), null, null);
            assertEquals(d.getKey(), stored.getDocumentType());
            assertEquals(d.getValue().length(), stored.getSize());
        }

        Receipt receipt = dossiers.submitDossier(id, null);
        assertTrue(receipt.getNumber().startsWith("AR-VT-"), receipt.toString());
        assertTrue(receipt.getEligible());
        assertEquals(new BigDecimal("2582.76"), receipt.getEstimatedTotal());
        Dossier submitted = dossiers.getDossier(id, null);
        assertEquals(DossierState.SUBMITTED, submitted.getState());
        assertNotNull(submitted.getSubmitted());
        assertEquals(receipt, submitted.getReceipt());
        assertEquals(1, dossiers.listDossiers(null).size());
        assertNotNull(mail.latest(INES, "RECEIPT"));
    }

    /** The error body of a refusal, read with the generated model, after checking its status. */
    static ApiError error(ApiException e, int status) throws IOException {
        assertEquals(status, e.getCode(), e.getResponseBody());
        ApiError error = new ApiClient().getObjectMapper().copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(e.getResponseBody(), ApiError.class);
        assertNotNull(error.getMessage());
        return error;
    }

    static File file(String name, byte[] content) throws IOException {
        Path p = files.resolve(name);
        Files.write(p, content);
        return p.toFile();
    }
}
