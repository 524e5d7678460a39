package org.guichet.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.guichet.api.events.SchemeEventStore;
import org.guichet.api.health.HealthIndicator;
import org.guichet.api.mail.MailService;
import org.guichet.api.mail.OutgoingMail;
import org.guichet.api.health.HealthStatus;
import org.guichet.api.scheme.Evaluation;
import org.guichet.api.scheme.EvaluationContext;
import org.guichet.api.scheme.EvaluationService;
import org.guichet.api.scheme.PastDecision;
import org.guichet.api.scheme.Scheme;
import org.guichet.api.scheme.SchemeInfo;
import org.guichet.api.scheme.SchemeRegistry;
import org.guichet.api.scheme.SchemeState;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.options.extra.VMOption;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * In-container: boots the assembled distribution with Pax Exam and checks the services as OSGi sees them.
 * (Pax Exam is JUnit 4 only; it runs on the JUnit Platform through the vintage engine.)
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GuichetContainerTest {

    @Inject
    BundleContext context;

    @Inject
    @Filter(timeout = 120_000)
    SchemeRegistry registry;

    @Inject
    @Filter(timeout = 120_000)
    EvaluationService evaluation;

    @Inject
    @Filter(timeout = 120_000)
    SchemeEventStore events;

    @Inject
    @Filter(timeout = 120_000)
    SessionFactory sessionFactory;

    @Inject
    @Filter(timeout = 120_000)
    org.guichet.api.accounts.AccountService accounts;

    @Inject
    FeaturesService features;

    @Inject
    @Filter(timeout = 120_000)
    MailService mail;

    @Configuration
    public Option[] config() {
        String dist = System.getProperty("guichet.distribution");
        String karafVersion = "4.4.10";
        return new Option[] {
            karafDistributionConfiguration().frameworkUrl(new File(dist).toURI().toString())
                    .unpackDirectory(new File("target/exam")).useDeployFolder(false).karafVersion(karafVersion)
                    .name("Guichet"),
            configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
            logLevel(LogLevel.INFO),
            editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port",
                    Integer.toString(org.guichet.itests.support.Ports.free())),
            editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort",
                    Integer.toString(org.guichet.itests.support.Ports.free())),
            systemProperty("pax.exam.service.timeout").value("120000"),
            // the Java 9+ options of Karaf's own KarafTestSupport / bin/karaf
            new VMOption("--add-reads=java.xml=java.logging"),
            new VMOption("--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED"),
            new VMOption("--patch-module"),
            new VMOption("java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karafVersion + ".jar"),
            new VMOption("--patch-module"),
            new VMOption("java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karafVersion + ".jar"),
            new VMOption("--add-opens"), new VMOption("java.base/java.security=ALL-UNNAMED"),
            new VMOption("--add-opens"), new VMOption("java.base/java.net=ALL-UNNAMED"),
            new VMOption("--add-opens"), new VMOption("java.base/java.lang=ALL-UNNAMED"),
            new VMOption("--add-opens"), new VMOption("java.base/java.util=ALL-UNNAMED"),
            new VMOption("--add-opens"), new VMOption("java.naming/javax.naming.spi=ALL-UNNAMED"),
            new VMOption("--add-opens"), new VMOption("java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED"),
            new VMOption("--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED"),
            new VMOption("--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED"),
            new VMOption("--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED"),
            new VMOption("--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED"),
            new VMOption("--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED"),
            new VMOption("-classpath"),
            new VMOption("lib/jdk9plus/*" + File.pathSeparator + "lib/boot/*"),
        };
    }

    @Test
    public void schemesAreActiveAndEvaluateTheSpecificationExample() throws Exception {
        SchemeInfo vt = awaitActive("vocational-training");
        assertTrue("the test pack ran at deploy", vt.testResults().size() > 10);
        awaitActive("driving-licence");

        // one OSGi service per ACTIVE scheme version
        ServiceReference<?>[] refs = context.getServiceReferences(Scheme.class.getName(),
                "(" + Scheme.SCHEME_ID + "=vocational-training)");
        assertNotNull("Scheme service of vocational-training", refs);
        assertEquals(1, refs.length);

        Evaluation e = evaluation.evaluate("vocational-training", null, exampleAnswers(), Locale.FRENCH);
        assertTrue(e.eligible());
        assertEquals(new BigDecimal("470.00"), e.amount().monthly());
        assertEquals(new BigDecimal("2582.76"), e.amount().total());
        assertEquals("vocational-training", e.scheme().id());

        // the third scheme, and the portal facts given to its rules inside OSGi: a person granted it before is
        // refused ALREADY_RECEIVED; without a context (the simulator) the same answers are eligible
        awaitActive("digital-equipment");
        Map<String, Object> de = new LinkedHashMap<>();
        de.put("applicationDate", "2026-09-01");
        de.put("trainingStartDate", "2026-09-14");
        de.put("trainingHours", 600);
        de.put("regionFunded", true);
        de.put("trainingMode", "ON_SITE");
        de.put("equipmentKind", "LAPTOP");
        de.put("quoteAmount", "689.90");
        de.put("taxNoticeProvided", true);
        de.put("referenceTaxIncome", 9000);
        de.put("taxShares", 1);
        Evaluation anonymous = evaluation.evaluate("digital-equipment", null, de, Locale.FRENCH);
        assertTrue(anonymous.eligible());
        assertEquals(new BigDecimal("344.95"), anonymous.amount().total());
        Evaluation known = evaluation.evaluate("digital-equipment", null, de, Locale.FRENCH,
                EvaluationContext.person(java.util.List.of(new PastDecision("digital-equipment", "1.0.0", "GRANTED",
                        java.time.LocalDate.of(2025, 3, 1), new BigDecimal("250.00")))));
        assertEquals("ALREADY_RECEIVED", known.reasons().get(0).code());
    }

    /** The worked example of the vocational-training specification. */
    private static Map<String, Object> exampleAnswers() {
        Map<String, Object> answers = new LinkedHashMap<>();
        answers.put("birthDate", "2001-03-10");
        answers.put("trainingStartDate", "2026-09-14");
        answers.put("trainingEndDate", "2027-02-26");
        answers.put("trainingHours", 600);
        answers.put("programme", "QUALIF_EMPLOI");
        answers.put("regionFunded", true);
        answers.put("franceTravailRegistered", true);
        answers.put("unemploymentBenefit", "NONE");
        answers.put("taxNoticeProvided", true);
        answers.put("referenceTaxIncome", 14400);
        answers.put("taxShares", 1);
        answers.put("familyBreakdown", false);
        answers.put("singleParent", false);
        answers.put("homeToTrainingKm", 25);
        return answers;
    }

    @Test
    public void databaseAndRulesEngineReportHealthy() throws Exception {
        awaitActive("vocational-training");
        Map<String, HealthStatus> statuses = context.getServiceReferences(HealthIndicator.class, null).stream()
                .map(context::getService)
                .collect(Collectors.toMap(HealthIndicator::name, HealthIndicator::check));
        assertTrue("database: " + statuses, statuses.get("database").up());
        assertTrue("rules-engine: " + statuses, statuses.get("rules-engine").up());
        // the JPA store really writes to and reads from the database
        long before = events.forScheme("itest-probe").size();
        events.record(org.guichet.api.events.SchemeEvent.of("itest-probe", "0", "pax-exam", "PROBE", "written by the in-container test"));
        assertEquals(before + 1, events.forScheme("itest-probe").size());
        assertEquals("0", events.forScheme("itest-probe").get(0).version());
    }

    @Test
    public void shellCommandsShowStatesAndTestResults() throws Exception {
        awaitActive("vocational-training");
        awaitActive("driving-licence");
        awaitActive("digital-equipment");
        String list = execute("guichet:scheme-list");
        assertTrue(list, list.contains("vocational-training") && list.contains("driving-licence")
                && list.contains("digital-equipment"));
        assertTrue(list, list.contains("ACTIVE"));
        String info = execute("guichet:scheme-info vocational-training");
        assertTrue(info, info.contains("State:    ACTIVE"));
        assertTrue(info, info.matches("(?s).*Tests:\\s+\\d+ passed of \\d+.*"));
        String unknown = execute("guichet:scheme-info no-such-scheme");
        assertTrue(unknown, unknown.contains("No scheme no-such-scheme is installed"));
    }

    @Test
    public void theFirstAdminComesFromTheShellWithAnActivationLinkNeverAPassword() throws Exception {
        String email = "operateur." + System.nanoTime() + "@region.example";
        String created = execute("guichet:admin-create " + email + " \"Claude Opérateur\"");
        assertTrue(created, created.contains("Compte administrateur créé pour " + email));
        assertTrue(created, created.matches("(?s).*/compte/activer\\?jeton=[A-Za-z0-9_%-]{40,}.*"));
        org.guichet.api.accounts.Account account = accounts.findByEmail(email).orElseThrow();
        assertEquals(org.guichet.api.accounts.AccountState.PENDING, account.state());
        assertTrue(account.roles().contains(org.guichet.api.accounts.Role.ADMIN));
        String again = execute("guichet:admin-create " + email);
        assertTrue(again, again.contains("ACCOUNT_EXISTS"));
    }

    @Test
    public void featureUninstallAndInstallWithoutRestartReleasesTheOldScheme() throws Exception {
        awaitActive("driving-licence");
        awaitActive("vocational-training");
        ServiceReference<Scheme> ref = context.getServiceReferences(Scheme.class, "(" + Scheme.SCHEME_ID + "=driving-licence)")
                .iterator().next();
        WeakReference<ClassLoader> old = new WeakReference<>(rulesClassLoaderOf(context.getService(ref)));
        context.ungetService(ref);
        assertNotNull(old.get());

        features.uninstallFeature("guichet-scheme-driving-licence");
        long end = System.currentTimeMillis() + 60_000;
        while (registry.info("driving-licence", null).isPresent() && System.currentTimeMillis() < end) {
            Thread.sleep(200);
        }
        assertTrue("driving-licence still listed after feature:uninstall", registry.info("driving-licence", null).isEmpty());
        assertTrue("the other scheme keeps answering",
                evaluation.evaluate("vocational-training", null, exampleAnswers(), Locale.FRENCH).eligible());

        // the uninstalled version's compiled rules (KieContainer, its classloader) are no longer reachable
        for (int i = 0; i < 50 && old.get() != null; i++) {
            System.gc();
            Thread.sleep(100);
        }
        assertNull("the classloader of the undeployed scheme's rules is still reachable", old.get());

        features.installFeature("guichet-scheme-driving-licence");
        awaitActive("driving-licence");
    }

    @Test
    public void withoutSmtpMailIsWrittenAsEmlUnderTheDataFolder() throws Exception {
        String where = mail.send(new OutgoingMail("camille@example.org", "Votre code de connexion",
                "Bonjour,\n\nVotre code est 482913. Il est valable 15 minutes.", "SIGN_IN_CODE"));
        java.nio.file.Path file = java.nio.file.Paths.get(where);
        assertTrue(where, file.startsWith(java.nio.file.Paths.get(System.getProperty("karaf.data"), "guichet", "mail")));
        String eml = java.nio.file.Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(eml, eml.contains("To: camille@example.org"));
        assertTrue(eml, eml.contains("X-Guichet-Topic: SIGN_IN_CODE"));
    }

    /** White-box: the classloader of the scheme's compiled rules, read from the engine's service object. */
    private static ClassLoader rulesClassLoaderOf(Scheme scheme) throws Exception {
        java.lang.reflect.Field compiled = scheme.getClass().getDeclaredField("compiled");
        compiled.setAccessible(true);
        Object compiledScheme = compiled.get(scheme);
        java.lang.reflect.Method loader = compiledScheme.getClass().getMethod("rulesClassLoader");
        loader.setAccessible(true);
        return (ClassLoader) loader.invoke(compiledScheme);
    }

    /** Runs a command in a real Karaf shell session, as an operator at the console would. */
    private String execute(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(new ByteArrayInputStream(new byte[0]), out, out);
        try {
            Object result = session.execute(command);
            if (result != null) {
                out.println(result);
            }
        } finally {
            out.flush();
            session.close();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private SchemeInfo awaitActive(String id) throws InterruptedException {
        long end = System.currentTimeMillis() + 120_000;
        SchemeInfo last = null;
        while (System.currentTimeMillis() < end) {
            last = registry.info(id, null).orElse(null);
            if (last != null && last.state() == SchemeState.ACTIVE) {
                return last;
            }
            if (last != null && last.state() == SchemeState.FAILED) {
                throw new AssertionError(id + " FAILED: " + last.errors());
            }
            Thread.sleep(200);
        }
        throw new AssertionError(id + " not ACTIVE in time: " + last);
    }
}
