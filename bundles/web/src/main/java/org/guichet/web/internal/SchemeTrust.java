package org.guichet.web.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which scheme jars the web page may deploy (etc/org.guichet.schemes.cfg): those signed with a key of the region's
 * truststore ({@link SchemeSignatures}); unsigned ones only when the development switch {@code allow.unsigned} is on.
 * Operators' own paths (the shell, the deploy/ folder) are not concerned: whoever can write there already runs the
 * server.
 */
@Component(service = SchemeTrust.class, configurationPid = "org.guichet.schemes",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SchemeTrust.Config.class)
public class SchemeTrust {
    private static final Logger LOG = LoggerFactory.getLogger(SchemeTrust.class);

    @ObjectClassDefinition(name = "Guichet scheme deployment from the web")
    public @interface Config {
        @AttributeDefinition(description = "Truststore (PKCS12, or JKS by its .jks name) of the keys whose signed"
                + " scheme jars an admin may deploy from the web; relative to karaf.etc; empty: none")
        String truststore_path() default "";

        @AttributeDefinition(type = AttributeType.PASSWORD)
        String truststore_password() default "";

        @AttributeDefinition(description = "Development only: accept unsigned (or untrusted) jars from the web page")
        boolean allow_unsigned() default false;
    }

    private volatile SchemeSignatures signatures;
    private volatile boolean allowUnsigned;
    private volatile String problem;
    private final String etc;

    @Activate
    public SchemeTrust(BundleContext context, Config config) {
        String e = context == null ? null : context.getProperty("karaf.etc");
        this.etc = e == null ? "etc" : e;
        modified(config);
    }

    SchemeTrust(SchemeSignatures signatures, boolean allowUnsigned) {
        this.etc = "etc";
        this.signatures = signatures;
        this.allowUnsigned = allowUnsigned;
    }

    @Modified
    void modified(Config config) {
        allowUnsigned = config.allow_unsigned();
        signatures = null;
        problem = null;
        if (!config.truststore_path().isBlank()) {
            Path path = Paths.get(etc).resolve(config.truststore_path());
            try {
                signatures = new SchemeSignatures(SchemeSignatures.load(path, config.truststore_password().toCharArray()));
                LOG.info("Schemes from the web: signed by one of the {} certificate(s) of {}",
                        signatures.trustedCount(), path);
            } catch (IOException | GeneralSecurityException ex) {
                problem = path + ": " + ex.getMessage();
                LOG.error("Schemes from the web: truststore {} unreadable, every upload is refused: {}", path,
                        ex.getMessage());
            }
        }
        if (allowUnsigned) {
            LOG.warn("Schemes from the web: allow.unsigned = true (etc/org.guichet.schemes.cfg): an admin can run"
                    + " any code on this server; for development only");
        }
    }

    /**
     * Refuses a jar the region has not signed (message key and detail), unless the development switch is on.
     *
     * @return who signed it, for the log
     */
    String check(Path jar) throws SchemeSignatures.Refused, IOException {
        SchemeSignatures s = signatures;
        if (s != null) {
            try {
                return s.verify(jar);
            } catch (SchemeSignatures.Refused refused) {
                if (!allowUnsigned) {
                    throw refused;
                }
                LOG.warn("Scheme deployed from the web although refused ({}): allow.unsigned is on", refused.getMessage());
                return "nobody trusted (allow.unsigned)";
            }
        }
        if (allowUnsigned) {
            return "unchecked (allow.unsigned)";
        }
        throw new SchemeSignatures.Refused("admin.error.noTruststore",
                problem != null ? problem : "no truststore.path in etc/org.guichet.schemes.cfg");
    }
}
