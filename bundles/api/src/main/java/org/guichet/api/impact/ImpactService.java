package org.guichet.api.impact;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.guichet.api.accounts.Caller;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Replays a candidate scheme version on the dossiers of a period, in the background, and tells what it would change
 * before anyone promotes it. Only administrators, and supervisors of the scheme, may start or read a run (403
 * IMPACT_FORBIDDEN otherwise). A run never changes a dossier.
 */
@ProviderType
public interface ImpactService {
    /**
     * Queues a run and returns at once (state QUEUED).
     *
     * @param from first day of submission (Paris), inclusive
     * @param to   last day of submission (Paris), inclusive
     * @throws org.guichet.api.error.GuichetException 404 IMPACT_CANDIDATE_NOT_FOUND when the version is not a
     *         candidate of the scheme; 400 on a bad period; 409 IMPACT_RUNNING (details: runId) when a run of the
     *         same version is under way
     */
    ImpactRun start(Caller staff, String schemeId, String candidateVersion, LocalDate from, LocalDate to);

    /**
     * Whether a version of a scheme is a candidate whose impact can be measured (not the version new dossiers get,
     * and one the engine can evaluate). Not a secret: the schemes page uses it to offer the impact page.
     */
    boolean isCandidate(String schemeId, String version);

    /** A run, by id (404 IMPACT_RUN_NOT_FOUND). */
    ImpactRun run(Caller staff, long runId);

    /** The newest run of a scheme version, if any. */
    Optional<ImpactRun> latest(Caller staff, String schemeId, String candidateVersion);

    /** The runs of a scheme version, newest first (at most 20). */
    List<ImpactRun> runs(Caller staff, String schemeId, String candidateVersion);

    /** The results of a DONE run (409 IMPACT_NOT_DONE before). */
    ImpactResults results(Caller staff, long runId);

    /** A page (from 1) of the changed dossiers of a run, {@code size} at most 500. */
    ImpactChanges changes(Caller staff, long runId, int page, int size);

    /** Every changed dossier of a run, in dossier order, read page by page (for CSV). */
    void eachChange(Caller staff, long runId, Consumer<ImpactChange> sink);
}
