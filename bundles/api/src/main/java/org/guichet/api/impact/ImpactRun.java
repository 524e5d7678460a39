package org.guichet.api.impact;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One replay of a candidate version on the dossiers of a scheme submitted between {@code from} and {@code to}
 * (inclusive, Paris dates).
 *
 * @param baselineVersion the version new dossiers got when the run started (each dossier is compared with the
 *                        evaluation stored on it, whatever version made it)
 * @param done            dossiers replayed so far
 * @param total           dossiers to replay (known once RUNNING)
 * @param failed          dossiers whose replay failed (e.g. answers no longer valid for the candidate): counted,
 *                        never fatal
 * @param error           why the run FAILED, else null
 */
public record ImpactRun(long id, String schemeId, String candidateVersion, String baselineVersion, LocalDate from,
        LocalDate to, ImpactRunState state, int done, int total, int failed, String startedBy, Instant createdAt,
        Instant startedAt, Instant endedAt, String error) {

    /** Progress in percent, 0 to 100 (100 once DONE, even for an empty period). */
    public int percent() {
        if (state == ImpactRunState.DONE) {
            return 100;
        }
        return total <= 0 ? 0 : (int) Math.min(100, done * 100L / total);
    }
}
