package org.guichet.rules.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarInputStream;
import org.guichet.api.scheme.SchemeDeployment.PackageRefusedException;
import org.guichet.api.scheme.SchemeRef;
import org.guichet.rules.engine.packages.SchemePackageBuilderTest;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/** Installing the bundle a zip became: one bundle per version, replaced in place, never half installed. */
class SchemePackagesTest {
    /** A framework's bundle table, slow enough (20 ms an install or update) for overlapping calls to show. */
    static final class Framework {
        final Map<String, Bundle> byLocation = new ConcurrentHashMap<>();
        final List<String> log = new CopyOnWriteArrayList<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        volatile BundleException failStart;
        volatile BundleException failInstall;

        private void slow() throws InterruptedException {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            Thread.sleep(20);
            inFlight.decrementAndGet();
        }

        Bundle bundle(String location) {
            return (Bundle) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Bundle.class},
                    (p, m, a) -> switch (m.getName()) {
                        case "update" -> {
                            readManifest((InputStream) a[0]);
                            slow();
                            log.add("update " + location);
                            yield null;
                        }
                        case "start" -> {
                            if (failStart != null) {
                                throw failStart;
                            }
                            log.add("start " + location);
                            yield null;
                        }
                        case "uninstall" -> {
                            byLocation.remove(location);
                            log.add("uninstall " + location);
                            yield null;
                        }
                        case "getState" -> Bundle.ACTIVE;
                        case "hashCode" -> location.hashCode();
                        case "equals" -> p == a[0];
                        default -> null;
                    });
        }

        BundleContext context() {
            return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {BundleContext.class}, (p, m, a) -> switch (m.getName()) {
                        case "getBundle" -> byLocation.get((String) a[0]);
                        case "installBundle" -> {
                            if (failInstall != null) {
                                throw failInstall;
                            }
                            String location = (String) a[0];
                            readManifest((InputStream) a[1]);
                            slow();
                            log.add("install " + location);
                            yield byLocation.computeIfAbsent(location, this::bundle);
                        }
                        default -> null;
                    });
        }

        private static void readManifest(InputStream in) throws java.io.IOException {
            try (JarInputStream jar = new JarInputStream(in)) {
                assertEquals("mini-scheme", jar.getManifest().getMainAttributes().getValue("Guichet-Scheme"));
            }
        }
    }

    private static InputStream miniZip() {
        return new ByteArrayInputStream(SchemePackageBuilderTest.zip(SchemePackageBuilderTest.mini()));
    }

    @Test
    void twoAdminsUploadingAtOnceEndWithOneBundlePerVersion() throws Exception {
        Framework f = new Framework();
        SchemePackages packages = new SchemePackages(f.context());
        int admins = 6;
        ExecutorService pool = Executors.newFixedThreadPool(admins);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<SchemeRef>> uploads = new ArrayList<>();
        for (int i = 0; i < admins; i++) {
            String actor = "account " + i;
            uploads.add(pool.submit(() -> {
                go.await();
                return packages.deploy(miniZip(), null, true, actor);
            }));
        }
        long start = System.nanoTime();
        go.countDown();
        for (Future<SchemeRef> u : uploads) {
            assertEquals(new SchemeRef("mini-scheme", "2.1.0"), u.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        System.out.printf("%d uploads of the same version at once: %d ms%n", admins,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        String location = "guichet-zip:org.guichet.scheme.mini-scheme/2.1.0";
        assertEquals(List.of(location), List.copyOf(f.byLocation.keySet()));
        assertEquals(1, f.log.stream().filter(l -> l.startsWith("install")).count(), f.log::toString);
        assertEquals(admins - 1, f.log.stream().filter(l -> l.startsWith("update")).count(), f.log::toString);
        assertEquals(1, f.maxInFlight.get(), "installs and updates never overlap");
    }

    @Test
    void aBundleThatCannotStartIsUninstalledAgain() {
        Framework f = new Framework();
        f.failStart = new BundleException("cannot resolve osgi.extender", BundleException.RESOLVE_ERROR);
        PackageRefusedException e = assertThrows(PackageRefusedException.class,
                () -> new SchemePackages(f.context()).deploy(miniZip(), null, false, "account 1"));
        assertEquals("BUNDLE_NOT_INSTALLED", e.code());
        assertTrue(f.byLocation.isEmpty(), "nothing half installed: " + f.log);
        assertTrue(f.log.contains("uninstall guichet-zip:org.guichet.scheme.mini-scheme/2.1.0"), f.log::toString);
    }

    @Test
    void theSameVersionInstalledByAFeatureIsAConflict() {
        Framework f = new Framework();
        f.failInstall = new BundleException("bundle symbolic name and version are not unique",
                BundleException.DUPLICATE_BUNDLE_ERROR);
        PackageRefusedException e = assertThrows(PackageRefusedException.class,
                () -> new SchemePackages(f.context()).deploy(miniZip(), null, false, "account 1"));
        assertEquals("VERSION_ALREADY_INSTALLED", e.code());
        assertEquals(409, e.status());
    }
}
