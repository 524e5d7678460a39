package org.guichet.dossiers.internal.impact;

import java.util.Optional;
import org.guichet.api.scheme.Audience;
import org.guichet.api.scheme.SchemeInfo;
import org.guichet.api.scheme.SchemeRegistry;
import org.guichet.api.scheme.SchemeState;

/** Which scheme versions an impact run may replay: decided here only. */
public final class ImpactCandidates {
    private ImpactCandidates() { }

    /**
     * A candidate is a PREVIEW version (deployed for staff only, waiting for its promotion), or an ACTIVE version that
     * new dossiers do not get today (one waiting for its {@code validFrom}, or an older one): replaying it shows what
     * serving it would change. The engine evaluates both for the staff.
     *
     * @param servedToNewDossiers the version new dossiers get (the registry's default), if any
     */
    public static boolean isCandidate(SchemeInfo info, Optional<SchemeInfo> servedToNewDossiers) {
        return info.state() == SchemeState.PREVIEW || info.state() == SchemeState.ACTIVE
                && servedToNewDossiers.map(s -> !s.version().equals(info.version())).orElse(true);
    }

    /** The candidate version of a scheme, if it is one. */
    public static Optional<SchemeInfo> find(SchemeRegistry registry, String schemeId, String version) {
        if (schemeId == null || version == null) {
            return Optional.empty();
        }
        // what applicants get today (the staff would be served a preview)
        Optional<SchemeInfo> served = registry.served(schemeId, null, null, Audience.PUBLIC);
        return registry.info(schemeId, version).filter(i -> i.version().equals(version))
                .filter(i -> isCandidate(i, served));
    }
}
