package org.guichet.rules.engine.packages;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.guichet.api.scheme.SchemeDeployment.PackageRefusedException;
import org.guichet.rules.engine.yaml.YamlNode;
import org.guichet.rules.engine.yaml.YamlReader;

/**
 * Turns the zip of a scheme's folder (what a scheme module holds: scheme.yaml, rules/, parameters/, tests/; at the
 * root of the zip or under one folder) into the same bundle a scheme module's Maven build makes: the files under
 * GUICHET-INF/ and the manifest headers the scheme extender looks for. It checks the zip before anything is installed;
 * the rules and the test pack are checked afterwards by the extender, as for any scheme bundle.
 * <p>
 * The zip comes from a person: every limit is counted while reading, on the bytes actually read and inflated, never
 * on the sizes the zip declares (which a hostile zip can fake).
 */
public final class SchemePackageBuilder {
    /** Copied from the scheme modules' build (rules/pom.xml): the extender's capability, major version 1. */
    public static final String REQUIRE_CAPABILITY =
            "osgi.extender;filter:=\"(&(osgi.extender=guichet.scheme)(version>=1.0)(!(version>=2.0)))\"";
    public static final String PREVIEW_HEADER = "Guichet-Scheme-Preview";
    private static final Pattern SCHEME_ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");
    /** What the Maven build packs (rules/pom.xml's resources); anything else in the zip (README, pom.xml) is left out. */
    private static final Pattern PACKED = Pattern.compile("scheme\\.yaml|(rules|parameters|tests)/[^/]+(/[^/]+)*");

    /** Limits; defaults suit a scheme (the biggest in the repository is under 100 kB). */
    public record Limits(long maxZipBytes, long maxInflatedBytes, int maxEntries) {
        public static final Limits DEFAULT = new Limits(5L * 1024 * 1024, 20L * 1024 * 1024, 500);
    }

    /** The bundle built, with the scheme's id and version as read from its scheme.yaml. */
    public record Built(String schemeId, String version, byte[] jar, List<String> files) {
        public String symbolicName() {
            return "org.guichet.scheme." + schemeId;
        }
    }

    private final Limits limits;

    public SchemePackageBuilder(Limits limits) {
        this.limits = limits;
    }

    /**
     * @param expectedId the scheme id the caller means to deploy, or null; a zip of another scheme is then refused
     * @param preview    adds the preview header (the version is PREVIEW once tested)
     * @param deployedBy recorded in the manifest (Guichet-Scheme-Deployed-By)
     */
    public Built build(InputStream zip, String expectedId, boolean preview, String deployedBy)
            throws PackageRefusedException {
        Map<String, byte[]> files = read(zip);
        files = withoutCommonFolder(files);
        byte[] descriptor = files.get("scheme.yaml");
        if (descriptor == null) {
            throw refused("ZIP_NO_DESCRIPTOR", 400, "Le fichier zip ne contient pas de scheme.yaml (à la racine du zip,"
                    + " ou dans un seul dossier).");
        }
        YamlReader.Result yaml = YamlReader.read(descriptor);
        YamlNode root = yaml.readable() ? yaml.root() : null;
        String id = root != null && root.isMap() ? scalar(root, "id") : null;
        String version = root != null && root.isMap() ? scalar(root, "version") : null;
        if (id == null || !SCHEME_ID.matcher(id).matches()) {
            throw refused("ZIP_BAD_DESCRIPTOR", 400, "scheme.yaml" + line(root, "id") + " : l'identifiant (id) du"
                    + " dispositif manque ou n'est pas de la forme « aide-au-permis » (minuscules, chiffres, tirets).");
        }
        if (version == null || !VERSION.matcher(version).matches()) {
            throw refused("ZIP_BAD_DESCRIPTOR", 400, "scheme.yaml" + line(root, "version") + " : la version manque ou"
                    + " n'est pas de la forme 1.0.0.");
        }
        if (expectedId != null && !expectedId.isBlank() && !expectedId.strip().equals(id)) {
            throw refused("ZIP_ID_MISMATCH", 409, "Ce zip contient le dispositif « " + id + " », pas « "
                    + expectedId.strip() + " ».");
        }
        Map<String, byte[]> packed = new LinkedHashMap<>();
        files.forEach((name, bytes) -> {
            if (PACKED.matcher(name).matches()) {
                packed.put(name, bytes);
            }
        });
        return new Built(id, version, jar(id, version, preview, deployedBy, packed), List.copyOf(packed.keySet()));
    }

    private Map<String, byte[]> read(InputStream raw) throws PackageRefusedException {
        CountingInput counted = new CountingInput(raw, limits.maxZipBytes());
        Map<String, byte[]> files = new LinkedHashMap<>();
        long inflated = 0;
        int entries = 0;
        byte[] buffer = new byte[8192];
        try (ZipInputStream in = new ZipInputStream(counted, StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                if (++entries > limits.maxEntries()) {
                    throw refused("ZIP_TOO_MANY_ENTRIES", 400, "Le fichier zip contient plus de "
                            + limits.maxEntries() + " fichiers ou dossiers.");
                }
                String name = checkedName(e.getName());
                if (e.isDirectory()) {
                    continue;
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int n;
                while ((n = in.read(buffer)) > 0) {
                    inflated += n;
                    if (inflated > limits.maxInflatedBytes()) {
                        throw refused("ZIP_BOMB", 413, "Une fois décompressé, le fichier zip dépasse "
                                + megabytes(limits.maxInflatedBytes()) + " : il est refusé.");
                    }
                    out.write(buffer, 0, n);
                }
                if (files.put(name, out.toByteArray()) != null) {
                    throw refused("ZIP_DUPLICATE_ENTRY", 400, "Le fichier zip contient deux fois " + name + ".");
                }
            }
        } catch (TooLarge t) {
            throw refused("ZIP_TOO_LARGE", 413, "Le fichier zip dépasse " + megabytes(limits.maxZipBytes()) + ".");
        } catch (ZipException | IllegalArgumentException e) {
            throw refused("ZIP_INVALID", 400, "Ce fichier n'est pas un zip lisible.");
        } catch (IOException e) {
            if (e.getCause() instanceof TooLarge) {
                throw refused("ZIP_TOO_LARGE", 413, "Le fichier zip dépasse " + megabytes(limits.maxZipBytes()) + ".");
            }
            throw refused("ZIP_INVALID", 400, "Ce fichier n'est pas un zip lisible.");
        }
        if (files.isEmpty()) {
            throw refused("ZIP_INVALID", 400, "Le fichier zip est vide ou n'est pas un zip.");
        }
        return files;
    }

    /** Refuses absolute names and any ".." segment: a zip that names files outside its folder is hostile. */
    static String checkedName(String name) throws PackageRefusedException {
        String n = name.replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*") || n.indexOf('\0') >= 0) {
            throw refused("ZIP_ABSOLUTE_PATH", 400, "Le fichier zip contient un chemin absolu : " + shown(name) + ".");
        }
        for (String segment : n.split("/")) {
            if (segment.equals("..")) {
                throw refused("ZIP_PATH_TRAVERSAL", 400, "Le fichier zip contient un chemin qui sort du dossier : "
                        + shown(name) + ".");
            }
        }
        return n.replaceAll("/+", "/").replaceFirst("^\\./", "");
    }

    /** A zip of the folder itself ("digital-equipment/scheme.yaml" …) is read as if zipped from inside it. */
    private static Map<String, byte[]> withoutCommonFolder(Map<String, byte[]> files) {
        if (files.containsKey("scheme.yaml")) {
            return files;
        }
        String first = files.keySet().iterator().next();
        int slash = first.indexOf('/');
        if (slash < 0) {
            return files;
        }
        String prefix = first.substring(0, slash + 1);
        if (!files.keySet().stream().allMatch(f -> f.startsWith(prefix))) {
            return files;
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        files.forEach((k, v) -> out.put(k.substring(prefix.length()), v));
        return out;
    }

    private static byte[] jar(String id, String version, boolean preview, String deployedBy,
            Map<String, byte[]> files) {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "org.guichet.scheme." + id);
        a.putValue("Bundle-Version", version);
        a.putValue("Bundle-Name", "Guichet :: Scheme :: " + id + " (zip)");
        a.putValue("Guichet-Scheme", id);
        a.putValue("Require-Capability", REQUIRE_CAPABILITY);
        if (preview) {
            a.putValue(PREVIEW_HEADER, "true");
        }
        if (deployedBy != null) {
            a.putValue("Guichet-Scheme-Deployed-By", deployedBy.replaceAll("[\\r\\n]", " "));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, mf)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                jar.putNextEntry(new JarEntry("GUICHET-INF/" + f.getKey()));
                jar.write(f.getValue());
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing a jar in memory", e);
        }
        return bytes.toByteArray();
    }

    private static String scalar(YamlNode map, String key) {
        YamlNode n = map.get(key);
        return n != null && n.isScalar() && n.text() != null ? n.text().strip() : null;
    }

    private static String line(YamlNode root, String key) {
        return root != null && root.isMap() && root.get(key) != null ? ":" + root.keyLine(key) : "";
    }

    private static String shown(String name) {
        String n = name.replaceAll("\\p{Cntrl}", "?");
        return n.length() > 80 ? n.substring(0, 80) + "…" : n;
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.FRENCH, "%d Mo", bytes / (1024 * 1024));
    }

    private static PackageRefusedException refused(String code, int status, String message) {
        return new PackageRefusedException(code, status, message);
    }

    /** Thrown by the counting stream, past the zip size limit. */
    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
    }

    private static final class CountingInput extends FilterInputStream {
        private final long max;
        private long count;

        CountingInput(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(long n) throws IOException {
            count += n;
            if (count > max) {
                throw new TooLarge();
            }
        }
    }
}
