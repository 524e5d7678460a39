package org.guichet.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scheme jars from the web: the region's signature or nothing (unless the development switch is on). */
class SchemeSignaturesTest {
    @TempDir static Path dir;
    static Path region;
    static Path stranger;
    static Path unsigned;
    static Path signed;

    @BeforeAll
    static void keysAndJars() throws Exception {
        region = TestSigning.keystore(dir, "region", "Région test schemes");
        stranger = TestSigning.keystore(dir, "stranger", "Someone else");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("rules/scheme.drl", "rule \"pays\" when then end".getBytes(StandardCharsets.UTF_8));
        entries.put("descriptor.json", "{\"id\":\"test-scheme\"}".getBytes(StandardCharsets.UTF_8));
        unsigned = TestSigning.schemeJar(dir.resolve("scheme.jar"), entries);
        signed = TestSigning.sign(unsigned, region, "region", dir.resolve("scheme-signed.jar"));
    }

    static SchemeSignatures regionTrust() throws Exception {
        return new SchemeSignatures(TestSigning.load(region));
    }

    @Test
    void aJarSignedWithTheRegionsKeyIsAccepted() throws Exception {
        assertTrue(regionTrust().verify(signed).contains("Région test schemes"));
        assertTrue(new SchemeTrust(regionTrust(), false).check(signed).contains("Région test schemes"));
    }

    @Test
    void anUnsignedJarIsRefused() throws Exception {
        SchemeSignatures.Refused r = assertThrows(SchemeSignatures.Refused.class, () -> regionTrust().verify(unsigned));
        assertEquals("admin.error.unsigned", r.key());
        SchemeSignatures.Refused viaTrust = assertThrows(SchemeSignatures.Refused.class,
                () -> new SchemeTrust(regionTrust(), false).check(unsigned));
        assertEquals("admin.error.unsigned", viaTrust.key());
    }

    @Test
    void aJarSignedBySomeoneElseIsRefused() throws Exception {
        Path other = TestSigning.sign(unsigned, stranger, "stranger", dir.resolve("scheme-stranger.jar"));
        SchemeSignatures.Refused r = assertThrows(SchemeSignatures.Refused.class, () -> regionTrust().verify(other));
        assertEquals("admin.error.untrusted", r.key());
    }

    @Test
    void aSignedJarChangedAfterwardsIsRefused() throws Exception {
        Path tampered = copy(signed, dir.resolve("scheme-tampered.jar"), "rules/scheme.drl",
                "rule \"pays everyone\" when then end".getBytes(StandardCharsets.UTF_8), null);
        SchemeSignatures.Refused r = assertThrows(SchemeSignatures.Refused.class, () -> regionTrust().verify(tampered));
        assertEquals("admin.error.tampered", r.key(), r.getMessage());
    }

    @Test
    void anEntryAddedAfterSigningIsRefused() throws Exception {
        Path added = copy(signed, dir.resolve("scheme-added.jar"), null, null, "org/evil/Payload.class");
        SchemeSignatures.Refused r = assertThrows(SchemeSignatures.Refused.class, () -> regionTrust().verify(added));
        assertEquals("admin.error.partlySigned", r.key(), r.getMessage());
    }

    @Test
    void withoutATruststoreNothingIsDeployedUnlessTheDevelopmentSwitchIsOn() throws Exception {
        SchemeSignatures.Refused r = assertThrows(SchemeSignatures.Refused.class,
                () -> new SchemeTrust(null, false).check(signed));
        assertEquals("admin.error.noTruststore", r.key());
        assertEquals("unchecked (allow.unsigned)", new SchemeTrust(null, true).check(unsigned));
        new SchemeTrust(regionTrust(), true).check(unsigned);
    }

    @Test
    void everyRefusalHasItsWordsInBothLanguages() {
        for (String key : new String[] {"admin.error.unsigned", "admin.error.partlySigned", "admin.error.tampered",
                "admin.error.untrusted", "admin.error.noTruststore"}) {
            for (java.util.Locale l : new java.util.Locale[] {java.util.Locale.FRENCH, java.util.Locale.ENGLISH}) {
                String words = new Ui(l, "/", null, null).t(key);
                assertTrue(!words.equals(key) && words.length() > 30, l + " " + key + ": " + words);
            }
        }
    }

    /** A copy of the jar with one entry's bytes replaced, or one entry added, signatures untouched. */
    static Path copy(Path from, Path to, String replace, byte[] with, String add) throws Exception {
        try (ZipFile in = new ZipFile(from.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            Enumeration<? extends ZipEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                out.putNextEntry(new ZipEntry(e.getName()));
                try (InputStream is = in.getInputStream(e)) {
                    out.write(e.getName().equals(replace) ? with : is.readAllBytes());
                }
                out.closeEntry();
            }
            if (add != null) {
                out.putNextEntry(new ZipEntry(add));
                out.write(new byte[] {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE});
                out.closeEntry();
            }
        }
        return to;
    }
}
