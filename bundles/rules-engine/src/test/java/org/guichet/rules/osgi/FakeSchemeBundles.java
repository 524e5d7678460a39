package org.guichet.rules.osgi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Proxy;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleListener;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.Version;

/**
 * Just enough of an OSGi framework to run the real {@link SchemeExtender} in a unit test: scheme bundles whose
 * GUICHET-INF/ is a folder on disk, a context whose bundles the tracker finds when it opens, and service
 * registrations counted. No class is loaded from the fake bundles (a scheme bundle holds none).
 */
final class FakeSchemeBundles {
    final List<Bundle> bundles = new CopyOnWriteArrayList<>();
    final List<String> registered = new CopyOnWriteArrayList<>();
    final List<BundleListener> listeners = new CopyOnWriteArrayList<>();
    final Path data;

    FakeSchemeBundles(Path data) {
        this.data = data;
    }

    Bundle add(long id, Path root, String version, Map<String, String> extraHeaders) {
        Hashtable<String, String> headers = new Hashtable<>(extraHeaders);
        headers.put("Guichet-Scheme", "mini-scheme");
        headers.put("Bundle-SymbolicName", "org.guichet.scheme.mini-scheme");
        headers.put("Bundle-Version", version);
        Bundle b = (Bundle) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Bundle.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getHeaders" -> headers;
                    case "getBundleId" -> id;
                    case "getSymbolicName" -> "org.guichet.scheme.mini-scheme";
                    case "getVersion" -> Version.parseVersion(version);
                    case "getLocation" -> "test:" + id;
                    case "getLastModified" -> 1_000L + id;
                    case "getState" -> Bundle.ACTIVE;
                    case "getEntryPaths" -> entryPaths(root, (String) a[0]);
                    case "getEntry" -> entry(root, (String) a[0]);
                    case "hashCode" -> (int) id;
                    case "equals" -> p == a[0];
                    case "toString" -> "fake bundle " + id;
                    default -> null;
                });
        bundles.add(b);
        return b;
    }

    BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getBundles" -> bundles.toArray(new Bundle[0]);
                    case "addBundleListener" -> {
                        listeners.add((BundleListener) a[0]);
                        yield null;
                    }
                    case "getDataFile" -> data.resolve((String) a[0]).toFile();
                    case "registerService" -> registration(String.valueOf(a[0]));
                    default -> null;
                });
    }

    private ServiceRegistration<?> registration(String what) {
        registered.add(what);
        return (ServiceRegistration<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServiceRegistration.class}, (p, m, a) -> {
                    if (m.getName().equals("unregister")) {
                        registered.remove(what);
                    }
                    return null;
                });
    }

    private static java.util.Enumeration<String> entryPaths(Path root, String dir) {
        Path folder = root.resolve(dir.substring(BundleSchemeSource.ROOT.length()));
        if (!Files.isDirectory(folder)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(folder)) {
            s.forEach(f -> out.add(dir + f.getFileName() + (Files.isDirectory(f) ? "/" : "")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.enumeration(out);
    }

    private static URL entry(Path root, String path) {
        Path f = root.resolve(path.substring(BundleSchemeSource.ROOT.length()));
        try {
            return Files.isRegularFile(f) ? f.toUri().toURL() : null;
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
