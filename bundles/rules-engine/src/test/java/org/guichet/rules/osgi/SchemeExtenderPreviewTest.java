package org.guichet.rules.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.guichet.api.events.SchemeEvent;
import org.guichet.api.events.SchemeEventStore;
import org.guichet.api.scheme.Audience;
import org.guichet.api.scheme.EvaluationContext;
import org.guichet.api.scheme.InvalidAnswersException;
import org.guichet.api.scheme.NoVersionInForceException;
import org.guichet.api.scheme.SchemeInfo;
import org.guichet.api.scheme.SchemeNotFoundException;
import org.guichet.api.scheme.SchemeState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real extender over fake bundles: a preview is compiled and tested like any version, served to staff only, and
 * promoted once however many admins click at once; the promotion survives a restart; versions with dates in force
 * answer for their dates.
 */
class SchemeExtenderPreviewTest {
    private static final String SCHEME_SERVICE = "interface org.guichet.api.scheme.Scheme";
    @TempDir Path dir;
    private final List<SchemeExtender> started = new CopyOnWriteArrayList<>();
    private final List<SchemeEvent> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(SchemeExtender::deactivate);
    }

    /** The engine's "mini" test scheme, at that version, with extra lines after its version line. */
    private Path mini(String name, String version, String extraLines) {
        try {
            Path from = Path.of(getClass().getClassLoader().getResource("schemes/mini/scheme.yaml").toURI()).getParent();
            Path to = dir.resolve(name);
            try (Stream<Path> files = Files.walk(from)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                }
            }
            Path yaml = to.resolve("scheme.yaml");
            String text = Files.readString(yaml);
            assertTrue(text.contains("version: 2.1.0\n"));
            Files.writeString(yaml, text.replace("version: 2.1.0\n", "version: " + version + "\n" + extraLines));
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private SchemeExtender start(FakeSchemeBundles framework) {
        SchemeExtender x = new SchemeExtender(framework.context());
        x.setEventStore(new SchemeEventStore() {
            @Override public SchemeEvent record(SchemeEvent e) { events.add(e); return e; }
            @Override public List<SchemeEvent> recent(int limit) { return List.copyOf(events); }
            @Override public List<SchemeEvent> forScheme(String s) { return List.copyOf(events); }
        });
        started.add(x);
        return x;
    }

    private static SchemeInfo await(SchemeExtender x, String version) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < end) {
            SchemeInfo i = x.list().stream().filter(s -> s.version().equals(version)).findFirst().orElse(null);
            if (i != null && !(i.state() == SchemeState.DISCOVERED || i.state() == SchemeState.COMPILING
                    || i.state() == SchemeState.TESTING)) {
                return i;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("version " + version + " still pending: " + x.list());
    }

    @Test
    void aPreviewIsForStaffUntilOnePromotionOfManyAtOnce() throws Exception {
        FakeSchemeBundles framework = new FakeSchemeBundles(dir.resolve("data"));
        framework.add(5, mini("v210", "2.1.0", ""), "2.1.0", Map.of("Guichet-Scheme-Preview", "true"));
        SchemeExtender x = start(framework);
        SchemeInfo preview = await(x, "2.1.0");
        assertEquals(SchemeState.PREVIEW, preview.state(), preview.errors().toString());
        assertTrue(preview.testsPassed() > 0);
        // applicants: it does not exist; staff: it is served
        assertTrue(x.activeDescriptor("mini-scheme", null).isEmpty());
        assertTrue(x.activeDescriptor("mini-scheme", "2.1.0").isEmpty());
        assertTrue(x.served("mini-scheme", null, null, Audience.PUBLIC).isEmpty());
        assertEquals("2.1.0", x.served("mini-scheme", null, null, Audience.STAFF).orElseThrow().version());
        assertThrows(SchemeNotFoundException.class, () -> x.evaluate("mini-scheme", null, Map.of(), Locale.FRENCH));
        assertThrows(InvalidAnswersException.class, () -> x.evaluate("mini-scheme", null, null, Audience.STAFF,
                Map.of(), Locale.FRENCH, EvaluationContext.ANONYMOUS), "staff are served it (the answers are empty)");
        assertEquals(List.of(), framework.registered, "no Scheme service for a preview");

        int admins = 8;
        ExecutorService pool = Executors.newFixedThreadPool(admins);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> clicks = new java.util.ArrayList<>();
        for (int i = 0; i < admins; i++) {
            String actor = "account " + (100 + i);
            clicks.add(pool.submit(() -> {
                go.await();
                return x.promote("mini-scheme", "2.1.0", actor);
            }));
        }
        go.countDown();
        int promotions = 0;
        for (Future<Boolean> f : clicks) {
            promotions += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, promotions, "one promotion of " + admins + " clicks at once");
        assertEquals(1, events.stream().filter(e -> e.type().equals("PROMOTED")).count(), events::toString);
        assertTrue(events.stream().filter(e -> e.type().equals("PROMOTED")).findFirst().orElseThrow().detail()
                .startsWith("by account 1"));
        assertEquals(SchemeState.ACTIVE, x.info("mini-scheme", "2.1.0").orElseThrow().state());
        assertEquals(List.of(SCHEME_SERVICE), framework.registered);
        assertEquals("2.1.0", x.activeDescriptor("mini-scheme", null).orElseThrow().version());

        // a restart: the same bundle (same content) is ACTIVE at once, the promotion was kept in the data area
        x.deactivate();
        started.remove(x);
        FakeSchemeBundles restarted = new FakeSchemeBundles(dir.resolve("data"));
        restarted.add(5, dir.resolve("v210"), "2.1.0", Map.of("Guichet-Scheme-Preview", "true"));
        SchemeExtender again = start(restarted);
        assertEquals(SchemeState.ACTIVE, await(again, "2.1.0").state());
        // new content of that version (another last-modified stamp): a new preview, to be promoted again
        FakeSchemeBundles reuploaded = new FakeSchemeBundles(dir.resolve("data"));
        reuploaded.add(6, dir.resolve("v210"), "2.1.0", Map.of("Guichet-Scheme-Preview", "true"));
        assertEquals(SchemeState.PREVIEW, await(start(reuploaded), "2.1.0").state());
    }

    @Test
    void versionsAnswerForTheirDatesAndAGapIsSaid() throws Exception {
        FakeSchemeBundles framework = new FakeSchemeBundles(dir.resolve("data"));
        framework.add(7, mini("first", "2.1.0", "validFrom: 2027-01-01\nvalidUntil: 2027-06-30\n"), "2.1.0", Map.of());
        framework.add(8, mini("second", "2.2.0", "validFrom: 2027-09-01\n"), "2.2.0", Map.of());
        SchemeExtender x = start(framework);
        SchemeInfo first = await(x, "2.1.0");
        SchemeInfo second = await(x, "2.2.0");
        assertEquals(SchemeState.ACTIVE, first.state(), first.errors().toString());
        assertEquals(SchemeState.ACTIVE, second.state(), second.errors().toString());
        assertEquals(LocalDate.of(2027, 1, 1), first.validFrom());
        assertEquals(LocalDate.of(2027, 6, 30), first.validUntil());
        assertEquals("2.1.0", x.served("mini-scheme", null, LocalDate.of(2027, 3, 1), Audience.PUBLIC)
                .orElseThrow().version());
        assertEquals("2.2.0", x.served("mini-scheme", null, LocalDate.of(2027, 10, 1), Audience.PUBLIC)
                .orElseThrow().version());
        NoVersionInForceException gap = assertThrows(NoVersionInForceException.class, () -> x.evaluate("mini-scheme",
                null, LocalDate.of(2027, 7, 15), Audience.PUBLIC, Map.of(), Locale.FRENCH, EvaluationContext.ANONYMOUS));
        assertEquals(LocalDate.of(2027, 7, 15), gap.date());
        // a dossier pinned to 2.1.0 keeps it whatever the date
        assertEquals("2.1.0", x.activeDescriptor("mini-scheme", "2.1.0").orElseThrow().version());
    }
}
