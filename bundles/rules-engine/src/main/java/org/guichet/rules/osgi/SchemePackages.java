package org.guichet.rules.osgi;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.guichet.api.scheme.SchemeDeployment.PackageRefusedException;
import org.guichet.api.scheme.SchemeRef;
import org.guichet.rules.engine.packages.SchemePackageBuilder;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the bundle built from a scheme zip. One bundle location per scheme version
 * ({@code guichet-zip:org.guichet.scheme.<id>/<version>}): uploading the same version again updates that bundle in
 * place (the extender drops the old compilation and processes the new content); other versions stay side by side.
 * Installs are serialised, so that two admins uploading at once end with one bundle per version, the last upload's.
 * A bundle that cannot be installed or started is uninstalled again: nothing stays half installed.
 */
final class SchemePackages {
    static final String LOCATION = "guichet-zip:";
    private static final Logger LOG = LoggerFactory.getLogger(SchemePackages.class);

    private final BundleContext context;
    private final SchemePackageBuilder builder = new SchemePackageBuilder(SchemePackageBuilder.Limits.DEFAULT);

    SchemePackages(BundleContext context) {
        this.context = context;
    }

    SchemeRef deploy(InputStream zip, String expectedId, boolean preview, String actor) throws PackageRefusedException {
        SchemePackageBuilder.Built built = builder.build(zip, expectedId, preview, actor);
        String location = LOCATION + built.symbolicName() + "/" + built.version();
        synchronized (this) {
            Bundle existing = context.getBundle(location);
            try {
                if (existing != null) {
                    existing.update(new ByteArrayInputStream(built.jar()));
                    if (existing.getState() != Bundle.ACTIVE) {
                        existing.start();
                    }
                } else {
                    Bundle installed = context.installBundle(location, new ByteArrayInputStream(built.jar()));
                    try {
                        installed.start();
                    } catch (BundleException | RuntimeException e) {
                        uninstallQuietly(installed);
                        throw e;
                    }
                }
            } catch (BundleException e) {
                LOG.warn("Scheme zip {} {} from {} not installed: {}", built.schemeId(), built.version(), actor,
                        e.toString());
                if (e.getType() == BundleException.DUPLICATE_BUNDLE_ERROR) {
                    throw new PackageRefusedException("VERSION_ALREADY_INSTALLED", 409, "La version " + built.version()
                            + " de « " + built.schemeId() + " » est déjà installée autrement (par une feature ou un"
                            + " jar) : changez la version dans scheme.yaml.");
                }
                throw new PackageRefusedException("BUNDLE_NOT_INSTALLED", 400,
                        "Le dispositif n'a pas pu être installé : " + e.getMessage());
            }
        }
        LOG.info("Scheme {} {} deployed from a zip by {} ({}, {} files)", built.schemeId(), built.version(), actor,
                preview ? "preview" : "active once tested", built.files().size());
        return new SchemeRef(built.schemeId(), built.version());
    }

    private static void uninstallQuietly(Bundle b) {
        try {
            b.uninstall();
        } catch (BundleException | RuntimeException e) {
            LOG.warn("Could not uninstall bundle {} after a failed start: {}", b.getBundleId(), e.toString());
        }
    }
}
