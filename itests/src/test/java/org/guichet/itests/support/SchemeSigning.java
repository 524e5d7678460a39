package org.guichet.itests.support;

import java.io.OutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPath;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.zip.ZipFile;
import jdk.security.jarsigner.JarSigner;

/**
 * The region's scheme-signing key for the tests: a PKCS12 keystore made by the JDK's keytool, which the test
 * distribution trusts (etc/org.guichet.schemes.cfg), and jars signed with it by the JDK's JarSigner API, exactly as
 * {@code jarsigner} signs them.
 */
public final class SchemeSigning {
    public static final String PASSWORD = "itest-region-schemes";
    public static final String ALIAS = "region";
    private final Path keystore;

    private SchemeSigning(Path keystore) {
        this.keystore = keystore;
    }

    public static SchemeSigning create(Path dir) throws Exception {
        Path ks = dir.resolve("region-schemes.p12");
        Files.deleteIfExists(ks);
        Process p = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=Region schemes (itests)", "-validity", "2", "-keystore", ks.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool: " + out);
        }
        return new SchemeSigning(ks);
    }

    /** Points the distribution's web deployment at this key (before its start). */
    public void trustIn(Distribution dist) throws Exception {
        dist.setConfig("org.guichet.schemes.cfg", "truststore.path", keystore.toAbsolutePath().toString());
        dist.setConfig("org.guichet.schemes.cfg", "truststore.password", PASSWORD);
    }

    /** The jar signed (a new file next to it, "-signed.jar"). */
    public Path sign(Path jar) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        PrivateKey key = (PrivateKey) ks.getKey(ALIAS, PASSWORD.toCharArray());
        CertPath chain = CertificateFactory.getInstance("X.509").generateCertPath(Arrays.asList(ks.getCertificateChain(ALIAS)));
        Path signed = jar.resolveSibling(jar.getFileName().toString().replaceAll("\\.jar$", "") + "-signed.jar");
        try (ZipFile in = new ZipFile(jar.toFile()); OutputStream out = Files.newOutputStream(signed)) {
            new JarSigner.Builder(key, chain).build().sign(in, out);
        }
        return signed;
    }
}
