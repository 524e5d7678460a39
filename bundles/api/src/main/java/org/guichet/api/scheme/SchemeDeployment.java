package org.guichet.api.scheme;

import java.io.InputStream;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Deploying scheme versions without Maven, and promoting previews: the directorate's actions on the scheme kit.
 * Callers check who may act (admins, with the second factor); this service checks what is deployed.
 *
 * @since 1.3.0
 */
@ProviderType
public interface SchemeDeployment {
    /**
     * Builds a scheme bundle from a zip of the scheme's folder (scheme.yaml, rules/, parameters/, tests/), and installs
     * it, replacing the same version if it is there. The extender then compiles it and runs its test pack as for any
     * scheme bundle: the result (ACTIVE, PREVIEW or FAILED with file:line) is in the registry moments later.
     *
     * @param expectedId the scheme the caller means to deploy (a zip of another one is refused: ZIP_ID_MISMATCH), or null
     * @param preview    true to deploy it as PREVIEW (staff only until promoted)
     * @param actor      who deploys, as recorded (e.g. "account 12")
     * @throws PackageRefusedException with a stable code when the zip is refused; nothing is installed then
     */
    SchemeRef deployPackage(InputStream zip, String expectedId, boolean preview, String actor)
            throws PackageRefusedException;

    /**
     * Makes a PREVIEW version ACTIVE for everyone, recorded (who, when) and kept across restarts. Idempotent: a version
     * already promoted answers {@code false} and records nothing; of two admins promoting at once, one promotes.
     *
     * @return true when this call promoted it
     * @throws SchemeNotFoundException    no such version
     * @throws SchemeUnavailableException the version is neither PREVIEW nor ACTIVE (FAILED, compiling …)
     */
    boolean promote(String schemeId, String version, String actor)
            throws SchemeNotFoundException, SchemeUnavailableException;

    /** Why a zip was refused: a stable code (ZIP_TOO_LARGE, ZIP_BOMB, ZIP_PATH …), the HTTP status, a French message. */
    class PackageRefusedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String code;
        private final int status;

        public PackageRefusedException(String code, int status, String message) {
            super(message);
            this.code = code;
            this.status = status;
        }

        public String code() { return code; }

        public int status() { return status; }
    }
}
