package org.guichet.dossiers.testing;

import org.guichet.dossiers.internal.limits.RateLimitConfig;
import org.guichet.dossiers.internal.limits.RateLimitsImpl;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.dossiers.ChecklistItem;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.partners.Organisation;
import org.guichet.dossiers.internal.PortalConfig;
import org.guichet.dossiers.internal.accounts.AccountServiceImpl;
import org.guichet.dossiers.internal.dossiers.DossierServiceImpl;
import org.guichet.dossiers.internal.instruction.InstructionServiceImpl;
import org.guichet.dossiers.internal.mandates.MandateServiceImpl;
import org.guichet.dossiers.internal.partners.PartnerServiceImpl;
import org.guichet.dossiers.internal.payments.PaymentServiceImpl;

/**
 * The bundle's services wired as in Karaf, on a {@link TestPortal} (in-memory Derby with the real migrations, ids
 * from 1000, the real rules engine on the real schemes, a recording mail service), with a clock the test moves.
 */
public final class Guichet implements AutoCloseable {
    public static final String VT = "vocational-training";
    public static final String DL = "driving-licence";
    public static final String DE = "digital-equipment";

    public final TestPortal portal;
    public final MovableClock clock = new MovableClock(Instant.now());
    public final PortalConfig config;
    public final AccountServiceImpl accounts;
    public final DossierServiceImpl dossiers;
    public final InstructionServiceImpl instruction;
    public final MandateServiceImpl mandates;
    public final PartnerServiceImpl partners;
    public final PaymentServiceImpl payments;
    public final RateLimitsImpl limits;
    /** the staff's authenticator app: {@link #staffSignIn} goes through the second factor with it */
    public final AuthenticatorApp app;

    public Guichet() {
        this(TestPortal.Kind.DERBY);
    }

    public Guichet(TestPortal.Kind kind) {
        this(kind, Map.of());
    }

    /** @param limits properties of etc/org.guichet.ratelimits.cfg (RateLimitConfig) */
    public Guichet(TestPortal.Kind kind, Map<String, ?> limits) {
        portal = new TestPortal(kind);
        config = portal.config(Map.of());
        this.limits = new RateLimitsImpl(portal.emf(), TestPortal.config(RateLimitConfig.class, limits), clock);
        // mails sent in the call, so that a test reads them at once (the service sends them after the answer)
        accounts = new AccountServiceImpl(portal.emf(), portal.mail(), this.limits, config, Runnable::run);
        app = new AuthenticatorApp(accounts);
        dossiers = new DossierServiceImpl(portal.emf(), portal.registry(), portal.evaluation(), portal.mail(), config,
                clock);
        instruction = new InstructionServiceImpl(portal.emf(), portal.registry(), portal.evaluation(), portal.mail(),
                portal.letters(), dossiers, portal.sepa(), config, clock);
        mandates = new MandateServiceImpl(portal.emf(), portal.mail(), this.limits, config, clock);
        partners = new PartnerServiceImpl(portal.emf(), portal.registry(), portal.evaluation(), portal.mail(), config,
                clock);
        payments = new PaymentServiceImpl(portal.emf(), portal.database(), dossiers, portal.registry(), portal.sepa(),
                portal.mail(), portal.paymentConfig(Map.of()));
    }

    /**
     * Signs a staff member in for real: a code by mail, then the second factor (enrolment the first time) with
     * {@link #app}.
     */
    public org.guichet.api.accounts.SessionGrant staffSignIn(String email) {
        accounts.sendSignInCode(email);
        return app.complete(accounts.signInWithCode(email, portal.mail().lastCode(email).orElseThrow()));
    }

    public Caller applicant(String name) {
        return portal.caller(portal.insertAccount(name.toLowerCase() + "@example.fr", name, Set.of(Role.APPLICANT),
                Set.of(), null));
    }

    /** An applicant whose mails and letters are in that language ({@code fr}, {@code en}). */
    public Caller applicant(String name, String language) {
        Caller c = applicant(name);
        portal.setLanguage(c.accountId(), language);
        return c;
    }

    public Caller agent(String name, String... schemes) {
        return portal.caller(portal.insertAccount(name.toLowerCase() + "@region.example", name, Set.of(Role.AGENT),
                Set.of(schemes), null));
    }

    public Caller supervisor(String name, String... schemes) {
        return portal.caller(portal.insertAccount(name.toLowerCase() + "@region.example", name,
                Set.of(Role.SUPERVISOR), Set.of(schemes), null));
    }

    public Caller mediator(String name, long organisationId) {
        return portal.caller(portal.insertAccount(name.toLowerCase() + "@ml.example", name, Set.of(Role.MEDIATOR),
                Set.of(), organisationId));
    }

    public Organisation organisation(String name) {
        long id = portal.insertOrganisation(name, "TRAINING_ORGANISATION");
        return new Organisation(id, name, "TRAINING_ORGANISATION", Instant.now());
    }

    /** The answers of the spec's worked example: eligible, 2,582.76 € with the enrolment's training part. */
    public static Map<String, Object> vocationalTrainingAnswers() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("birthDate", "2001-03-10");
        a.put("franceTravailRegistered", true);
        a.put("unemploymentBenefit", "NONE");
        a.put("taxNoticeProvided", true);
        a.put("referenceTaxIncome", 14400);
        a.put("taxShares", 1);
        a.put("familyBreakdown", false);
        a.put("singleParent", false);
        a.put("homeToTrainingKm", 25);
        return a;
    }

    public static Map<String, Object> trainingAnswers() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("trainingStartDate", "2026-09-14");
        a.put("trainingEndDate", "2027-02-26");
        a.put("trainingHours", 600);
        a.put("programme", "QUALIF_EMPLOI");
        a.put("regionFunded", true);
        return a;
    }

    public static Map<String, Object> enrolment(String email) {
        Map<String, Object> e = new LinkedHashMap<>(trainingAnswers());
        e.put("traineeEmail", email);
        e.put("firstName", "Léa");
        e.put("lastName", "Martin");
        return e;
    }

    /** A small but real PDF (the type is read from the bytes). */
    public static ByteArrayInputStream pdf(String text) {
        String body = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% " + text + "\ntrailer << /Root 1 0 R >>\n%%EOF\n";
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A vocational-training dossier, complete (every answer, every document of the checklist), not yet submitted. */
    public Dossier completeDraft(Caller who, Long applicantId) {
        Dossier d = dossiers.create(who, VT, applicantId);
        Map<String, Object> answers = new LinkedHashMap<>(vocationalTrainingAnswers());
        answers.putAll(trainingAnswers());
        d = dossiers.saveAnswers(who, d.id(), answers, null);
        for (ChecklistItem item : d.live().checklist()) {
            if (!item.present()) {
                dossiers.addDocument(who, d.id(), item.documentType(), item.documentType() + ".pdf",
                        pdf(item.documentType()), null);
            }
        }
        return dossiers.get(who, d.id());
    }

    /** A submitted dossier taken by the agent. */
    public Dossier takenDossier(Caller applicant, Caller agent) {
        Dossier d = completeDraft(applicant, null);
        dossiers.submit(applicant, d.id());
        instruction.take(agent, d.id(), null);
        return dossiers.get(applicant, d.id());
    }

    public List<String> mailTopics(String address) {
        return portal.mail().to(address).stream().map(m -> m.topic()).toList();
    }

    @Override
    public void close() {
        portal.close();
    }

    /** A clock a test moves forward; it also ticks a millisecond at each reading, as time does between two calls. */
    public static final class MovableClock extends Clock {
        private final java.util.concurrent.atomic.AtomicReference<Instant> now;

        MovableClock(Instant start) {
            this.now = new java.util.concurrent.atomic.AtomicReference<>(start);
        }

        public void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.updateAndGet(t -> t.plusMillis(1));
        }
    }
}
