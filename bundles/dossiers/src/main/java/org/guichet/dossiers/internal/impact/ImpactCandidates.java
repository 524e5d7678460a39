package org.guichet.dossiers.internal.impact;

import java.util.Optional;
import org.guichet.api.scheme.SchemeInfo;
import org.guichet.api.scheme.SchemeRegistry;
import org.guichet.api.scheme.SchemeState;

/** Which scheme versions an impact run may replay: decided here only. */
public final class ImpactCandidates {
    private ImpactCandidates() { }

    /**
     * A candidate is a version of the scheme that new dossiers do not get (so that promoting it would change
     * something) and that the engine can evaluate.
     *
     * @param servedToNewDossiers the version new dossiers get (the registry's default), if any
     */
    // lead: at merge, candidate == PREVIEW (schemekit's SchemeState.PREVIEW): return info.state() == PREVIEW
    public static boolean isCandidate(SchemeInfo info, Optional<SchemeInfo> servedToNewDossiers) {
        return info.state() == SchemeState.ACTIVE
                && servedToNewDossiers.map(s -> !s.version().equals(info.version())).orElse(true);
    }

    /** The candidate version of a scheme, if it is one. */
    public static Optional<SchemeInfo> find(SchemeRegistry registry, String schemeId, String version) {
        if (schemeId == null || version == null) {
            return Optional.empty();
        }
        Optional<SchemeInfo> served = registry.info(schemeId, null);
        return registry.info(schemeId, version).filter(i -> i.version().equals(version))
                .filter(i -> isCandidate(i, served));
    }
}
