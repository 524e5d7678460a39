package org.guichet.rules.engine.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.guichet.api.scheme.SchemeDeployment.PackageRefusedException;
import org.guichet.api.scheme.TestCaseResult;
import org.guichet.rules.engine.CompilationResult;
import org.guichet.rules.engine.DirectorySchemeSource;
import org.guichet.rules.engine.SchemeCompiler;
import org.guichet.rules.engine.TestPackRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zip of a scheme's folder becomes the bundle a scheme module builds; every hostile zip is refused by code. */
public class SchemePackageBuilderTest {
    private static final SchemePackageBuilder BUILDER = new SchemePackageBuilder(SchemePackageBuilder.Limits.DEFAULT);
    @TempDir Path dir;

    /** The engine's test scheme "mini" (id mini-scheme, version 2.1.0), file by file. */
    public static Map<String, byte[]> mini() {
        try {
            Path root = Path.of(SchemePackageBuilderTest.class.getClassLoader().getResource("schemes/mini/scheme.yaml")
                    .toURI()).getParent();
            Map<String, byte[]> files = new LinkedHashMap<>();
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                    files.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] zip(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                z.putNextEntry(new ZipEntry(f.getKey()));
                z.write(f.getValue());
                z.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Map<String, byte[]> with(Map<String, byte[]> files, String name, byte[] content) {
        Map<String, byte[]> out = new LinkedHashMap<>(files);
        out.put(name, content);
        return out;
    }

    private static PackageRefusedException refused(SchemePackageBuilder builder, byte[] zip) {
        return assertThrows(PackageRefusedException.class,
                () -> builder.build(new ByteArrayInputStream(zip), null, false, "test"));
    }

    private static PackageRefusedException refused(byte[] zip) {
        return refused(BUILDER, zip);
    }

    @Test
    void aSchemeFolderBecomesTheBundleTheExtenderCompilesAndTests() throws Exception {
        Map<String, byte[]> files = with(mini(), "README.md", "notes".getBytes(StandardCharsets.UTF_8));
        SchemePackageBuilder.Built b = BUILDER.build(new ByteArrayInputStream(zip(files)), "mini-scheme", true,
                "account 7");
        assertEquals("mini-scheme", b.schemeId());
        assertEquals("2.1.0", b.version());
        assertFalse(b.files().contains("README.md"), "only what the Maven build packs: " + b.files());
        Path unpacked = dir.resolve("bundle");
        try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(b.jar()))) {
            Attributes a = jar.getManifest().getMainAttributes();
            // the headers of a scheme module's jar (rules/pom.xml), so that the extender treats it the same way
            assertEquals("2", a.getValue("Bundle-ManifestVersion"));
            assertEquals("org.guichet.scheme.mini-scheme", a.getValue("Bundle-SymbolicName"));
            assertEquals("2.1.0", a.getValue("Bundle-Version"));
            assertEquals("mini-scheme", a.getValue("Guichet-Scheme"));
            assertEquals("osgi.extender;filter:=\"(&(osgi.extender=guichet.scheme)(version>=1.0)(!(version>=2.0)))\"",
                    a.getValue("Require-Capability"));
            assertEquals("true", a.getValue("Guichet-Scheme-Preview"));
            assertEquals("account 7", a.getValue("Guichet-Scheme-Deployed-By"));
            JarEntry e;
            while ((e = jar.getNextJarEntry()) != null) {
                assertTrue(e.getName().startsWith("GUICHET-INF/"), e.getName());
                Path to = unpacked.resolve(e.getName().substring("GUICHET-INF/".length()));
                Files.createDirectories(to.getParent());
                Files.write(to, jar.readAllBytes());
            }
        }
        // what the bundle holds compiles and passes its test pack, as the extender will check
        DirectorySchemeSource source = new DirectorySchemeSource(unpacked);
        CompilationResult r = new SchemeCompiler().compile(source, getClass().getClassLoader());
        assertTrue(r.ok(), () -> r.problems().toString());
        List<TestCaseResult> tests = TestPackRunner.run(r.scheme(), source);
        assertFalse(tests.isEmpty());
        assertTrue(tests.stream().allMatch(TestCaseResult::passed), tests::toString);
        r.scheme().close();
    }

    @Test
    void aZipOfTheFolderItselfIsReadFromInside() throws Exception {
        Map<String, byte[]> inFolder = new LinkedHashMap<>();
        mini().forEach((k, v) -> inFolder.put("mini/" + k, v));
        SchemePackageBuilder.Built b = BUILDER.build(new ByteArrayInputStream(zip(inFolder)), null, false, "t");
        assertTrue(b.files().contains("scheme.yaml"), b.files().toString());
        assertTrue(b.files().stream().anyMatch(f -> f.startsWith("rules/")), b.files().toString());
        try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(b.jar()))) {
            assertNull(jar.getManifest().getMainAttributes().getValue("Guichet-Scheme-Preview"), "not a preview");
        }
    }

    @Test
    void pathTraversalIsRefused() {
        assertEquals("ZIP_PATH_TRAVERSAL", refused(zip(with(mini(), "rules/../../evil.drl", new byte[1]))).code());
        assertEquals("ZIP_PATH_TRAVERSAL", refused(zip(with(mini(), "..\\evil", new byte[1]))).code());
    }

    @Test
    void absolutePathsAreRefused() {
        assertEquals("ZIP_ABSOLUTE_PATH", refused(zip(with(mini(), "/etc/cron.d/evil", new byte[1]))).code());
        assertEquals("ZIP_ABSOLUTE_PATH", refused(zip(with(mini(), "C:/Windows/evil", new byte[1]))).code());
    }

    @Test
    void aZipBombIsCountedWhileInflating() {
        // 21 MB of zeros deflate to about 20 kB: the limit is on what is inflated, not on what the zip declares
        PackageRefusedException e = refused(zip(with(mini(), "tests/big.yaml", new byte[21 * 1024 * 1024])));
        assertEquals("ZIP_BOMB", e.code());
        assertEquals(413, e.status());
    }

    @Test
    void aZipTooLargeIsRefusedWhileReading() {
        byte[] noise = new byte[64 * 1024];
        new Random(17).nextBytes(noise); // random bytes do not deflate
        SchemePackageBuilder small = new SchemePackageBuilder(new SchemePackageBuilder.Limits(32 * 1024, 1 << 20, 100));
        PackageRefusedException e = refused(small, zip(with(mini(), "parameters/noise.csv", noise)));
        assertEquals("ZIP_TOO_LARGE", e.code());
        assertEquals(413, e.status());
    }

    @Test
    void tooManyEntriesAreRefused() {
        Map<String, byte[]> files = mini();
        for (int i = 0; i < 501; i++) {
            files.put("tests/empty-" + i + ".txt", new byte[0]);
        }
        assertEquals("ZIP_TOO_MANY_ENTRIES", refused(zip(files)).code());
    }

    @Test
    void aZipWithoutDescriptorIsRefused() {
        Map<String, byte[]> files = mini();
        files.remove("scheme.yaml");
        assertEquals("ZIP_NO_DESCRIPTOR", refused(zip(files)).code());
    }

    @Test
    void aDescriptorWithoutUsableIdOrVersionIsRefusedWithItsLine() {
        String yaml = new String(mini().get("scheme.yaml"), StandardCharsets.UTF_8);
        PackageRefusedException e = refused(zip(with(mini(), "scheme.yaml",
                yaml.replace("id: mini-scheme", "id: Mini Scheme").getBytes(StandardCharsets.UTF_8))));
        assertEquals("ZIP_BAD_DESCRIPTOR", e.code());
        assertTrue(e.getMessage().startsWith("scheme.yaml:2 "), e.getMessage());
        e = refused(zip(with(mini(), "scheme.yaml",
                yaml.replace("version: 2.1.0", "version: two").getBytes(StandardCharsets.UTF_8))));
        assertEquals("ZIP_BAD_DESCRIPTOR", e.code());
    }

    @Test
    void aZipOfAnotherSchemeThanTheOneNamedIsRefused() {
        PackageRefusedException e = assertThrows(PackageRefusedException.class,
                () -> BUILDER.build(new ByteArrayInputStream(zip(mini())), "driving-licence", false, "t"));
        assertEquals("ZIP_ID_MISMATCH", e.code());
        assertEquals(409, e.status());
    }

    @Test
    void whatIsNoZipIsRefused() {
        assertEquals("ZIP_INVALID", refused("%PDF-1.4 not a zip".getBytes(StandardCharsets.US_ASCII)).code());
        assertEquals("ZIP_INVALID", refused(new byte[0]).code());
        byte[] cut = zip(mini());
        byte[] half = java.util.Arrays.copyOf(cut, cut.length / 2);
        assertEquals("ZIP_INVALID", refused(half).code());
    }

    @Test
    void duplicateEntriesAreRefused() throws IOException {
        // ZipOutputStream refuses duplicates, so write the second one under a name that normalises to the first
        PackageRefusedException e = refused(zip(with(mini(), "./scheme.yaml", new byte[1])));
        assertEquals("ZIP_DUPLICATE_ENTRY", e.code());
    }

    static InputStream stream(byte[] b) {
        return new ByteArrayInputStream(b);
    }
}
