package org.guichet.web.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.CertPath;
import java.util.Arrays;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import jdk.security.jarsigner.JarSigner;

/** Keys made with the JDK's keytool and jars signed with its JarSigner API (what jarsigner does). */
final class TestSigning {
    static final char[] PASSWORD = "changeit".toCharArray();

    private TestSigning() { }

    /** A PKCS12 keystore with one EC key pair and its self-signed certificate. */
    static Path keystore(Path dir, String alias, String cn) throws Exception {
        Path ks = dir.resolve(alias + ".p12");
        Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + cn,
                "-validity", "2", "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass",
                new String(PASSWORD), "-keypass", new String(PASSWORD)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool: " + out);
        }
        return ks;
    }

    static KeyStore load(Path ks) throws Exception {
        return SchemeSignatures.load(ks, PASSWORD);
    }

    /** A small scheme bundle jar, unsigned. */
    static Path schemeJar(Path file, Map<String, byte[]> entries) throws IOException {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().putValue("Bundle-SymbolicName", "org.guichet.test.scheme");
        mf.getMainAttributes().putValue("Guichet-Scheme", "test-scheme");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file), mf)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return file;
    }

    /** The jar signed with the keystore's key, as `jarsigner` would. */
    static Path sign(Path jar, Path keystore, String alias, Path signed) throws Exception {
        KeyStore ks = load(keystore);
        PrivateKey key = (PrivateKey) ks.getKey(alias, PASSWORD);
        CertPath chain = CertificateFactory.getInstance("X.509")
                .generateCertPath(Arrays.asList(ks.getCertificateChain(alias)));
        try (ZipFile in = new ZipFile(jar.toFile()); OutputStream out = Files.newOutputStream(signed)) {
            new JarSigner.Builder(key, chain).build().sign(in, out);
        }
        return signed;
    }
}
