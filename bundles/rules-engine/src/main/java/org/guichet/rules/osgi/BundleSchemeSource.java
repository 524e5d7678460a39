package org.guichet.rules.osgi;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import org.guichet.rules.engine.SchemeSource;
import org.osgi.framework.Bundle;

/** A scheme's files read from its bundle's GUICHET-INF/ folder (entries only: a scheme bundle holds no code). */
final class BundleSchemeSource implements SchemeSource {
    static final String ROOT = "GUICHET-INF/";
    private final Bundle bundle;

    BundleSchemeSource(Bundle bundle) {
        this.bundle = bundle;
    }

    @Override
    public String name() {
        return bundle.getSymbolicName() + " " + bundle.getVersion();
    }

    @Override
    public List<String> list(String folder) {
        String dir = ROOT + (folder.endsWith("/") ? folder : folder + "/");
        Enumeration<String> paths = bundle.getEntryPaths(dir);
        if (paths == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String p : Collections.list(paths)) {
            if (!p.endsWith("/")) {
                out.add(p.substring(ROOT.length()));
            }
        }
        Collections.sort(out);
        return out;
    }

    @Override
    public Optional<byte[]> read(String path) {
        URL url = bundle.getEntry(ROOT + path);
        if (url == null) {
            return Optional.empty();
        }
        try (InputStream in = url.openStream()) {
            return Optional.of(in.readAllBytes());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
