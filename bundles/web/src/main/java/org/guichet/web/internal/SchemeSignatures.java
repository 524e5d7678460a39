package org.guichet.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Whether a scheme jar is signed by a key the region trusts, as {@code jarsigner -verify} understands it: the JDK's
 * {@link JarFile} with verification on reads every entry (a changed byte throws), and every entry but the signature
 * files themselves must carry a signer whose certificate chain leads to a certificate of the truststore (the
 * certificate itself, or the authority that issued it), valid at the signature's timestamp if there is one, else now.
 */
final class SchemeSignatures {
    /** Why a jar is refused: a message key (admin.error.*) and the detail for the log. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final String key;

        Refused(String key, String detail) {
            super(detail);
            this.key = key;
        }

        String key() {
            return key;
        }
    }

    private final List<X509Certificate> trusted;

    SchemeSignatures(KeyStore truststore) throws GeneralSecurityException {
        List<X509Certificate> certs = new ArrayList<>();
        for (String alias : Collections.list(truststore.aliases())) {
            Certificate c = truststore.getCertificate(alias);
            if (c instanceof X509Certificate x) {
                certs.add(x);
            }
        }
        this.trusted = List.copyOf(certs);
    }

    static KeyStore load(Path path, char[] password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jks")
                ? "JKS" : "PKCS12");
        try (InputStream in = Files.newInputStream(path)) {
            ks.load(in, password);
        }
        return ks;
    }

    int trustedCount() {
        return trusted.size();
    }

    /** Checks the jar; returns the subject of the (first) trusted signer. */
    String verify(Path jar) throws Refused, IOException {
        String signer = null;
        int signed = 0;
        try (JarFile file = new JarFile(jar.toFile(), true)) {
            if (file.getManifest() == null) {
                throw new Refused("admin.error.unsigned", "no manifest");
            }
            byte[] buffer = new byte[16 * 1024];
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                try (InputStream in = file.getInputStream(e)) {
                    while (in.read(buffer) != -1) {
                        // reading to the end is what makes JarFile check the entry's digest
                    }
                } catch (SecurityException tampered) {
                    throw new Refused("admin.error.tampered", e.getName() + ": " + tampered.getMessage());
                }
                if (e.isDirectory() || signatureFile(e.getName())) {
                    continue;
                }
                CodeSigner[] signers = e.getCodeSigners();
                if (signers == null || signers.length == 0) {
                    throw new Refused(signed == 0 ? "admin.error.unsigned" : "admin.error.partlySigned",
                            e.getName() + " is not signed");
                }
                String who = trustedSigner(signers);
                if (who == null) {
                    throw new Refused("admin.error.untrusted", e.getName() + " is signed by "
                            + subject(signers[0]) + ", not by a key of the truststore");
                }
                signer = signer == null ? who : signer;
                signed++;
            }
        } catch (SecurityException tampered) {
            throw new Refused("admin.error.tampered", tampered.getMessage());
        }
        if (signed == 0) {
            throw new Refused("admin.error.unsigned", "no signed entry");
        }
        return signer;
    }

    private String trustedSigner(CodeSigner[] signers) {
        for (CodeSigner s : signers) {
            List<? extends Certificate> chain = s.getSignerCertPath().getCertificates();
            Date at = s.getTimestamp() != null ? s.getTimestamp().getTimestamp() : new Date();
            if (chainsToTrusted(chain, at)) {
                return subject(s);
            }
        }
        return null;
    }

    private boolean chainsToTrusted(List<? extends Certificate> chain, Date at) {
        for (int i = 0; i < chain.size(); i++) {
            if (!(chain.get(i) instanceof X509Certificate cert)) {
                return false;
            }
            try {
                cert.checkValidity(at);
                if (i > 0) {
                    ((X509Certificate) chain.get(i - 1)).verify(cert.getPublicKey());
                }
            } catch (GeneralSecurityException e) {
                return false;
            }
            if (trusted.contains(cert)) {
                return true;
            }
            for (X509Certificate anchor : trusted) {
                if (anchor.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
                    try {
                        cert.verify(anchor.getPublicKey());
                        anchor.checkValidity(at);
                        return true;
                    } catch (GeneralSecurityException e) {
                        // not this one
                    }
                }
            }
        }
        return false;
    }

    private static String subject(CodeSigner s) {
        Certificate c = s.getSignerCertPath().getCertificates().get(0);
        return c instanceof X509Certificate x ? x.getSubjectX500Principal().getName() : c.getType();
    }

    /** The manifest and the signature files, which the signature covers by construction. */
    static boolean signatureFile(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        if (!n.startsWith("META-INF/") || n.indexOf('/', "META-INF/".length()) >= 0) {
            return false;
        }
        return n.equals("META-INF/MANIFEST.MF") || n.endsWith(".SF") || n.endsWith(".RSA") || n.endsWith(".DSA")
                || n.endsWith(".EC") || n.startsWith("META-INF/SIG-");
    }
}
