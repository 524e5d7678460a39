package org.guichet.rules.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * A scheme found on a class path under a base folder (GUICHET-INF in scheme jars and in a scheme module's
 * target/classes). The base is located through its scheme.yaml, so it may be a directory or inside a jar.
 */
public final class ClasspathSchemeSource implements SchemeSource {
    private final ClassLoader loader;
    private final String base;
    private final SchemeSource directory; // when the base is a plain directory, listing is delegated to it
    private final String jarPrefix;       // else the entry prefix inside the jar
    private final URL jarUrl;

    public ClasspathSchemeSource(ClassLoader loader, String base) {
        this.loader = loader;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        URL descriptor = loader.getResource(this.base + "/scheme.yaml");
        SchemeSource dir = null;
        String prefix = null;
        URL jar = null;
        if (descriptor != null && "file".equals(descriptor.getProtocol())) {
            try {
                dir = new DirectorySchemeSource(Path.of(descriptor.toURI()).getParent());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException(descriptor.toString(), e);
            }
        } else if (descriptor != null && "jar".equals(descriptor.getProtocol())) {
            jar = descriptor;
            prefix = this.base + "/";
        }
        this.directory = dir;
        this.jarPrefix = prefix;
        this.jarUrl = jar;
    }

    @Override public String name() { return "classpath:" + base; }

    @Override public List<String> list(String folder) {
        if (directory != null) {
            return directory.list(folder);
        }
        if (jarUrl == null) {
            return List.of();
        }
        String dir = jarPrefix + (folder.endsWith("/") ? folder : folder + "/");
        List<String> out = new ArrayList<>();
        try {
            JarURLConnection connection = (JarURLConnection) jarUrl.openConnection();
            connection.setUseCaches(false); // a cached JarFile would stay open and lock the jar
            try (JarFile jar = connection.getJarFile()) {
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    String name = entries.nextElement().getName();
                    if (name.startsWith(dir) && name.length() > dir.length() && name.indexOf('/', dir.length()) < 0) {
                        out.add(name.substring(jarPrefix.length()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(null);
        return out;
    }

    @Override public Optional<byte[]> read(String path) {
        if (directory != null) {
            return directory.read(path);
        }
        try (InputStream in = loader.getResourceAsStream(base + "/" + path)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override public String toString() { return "ClasspathSchemeSource[" + base + "]"; }
}
