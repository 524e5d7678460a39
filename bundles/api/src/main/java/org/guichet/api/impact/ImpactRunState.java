package org.guichet.api.impact;

/** Where an impact run stands. */
public enum ImpactRunState {
    /** accepted, waiting for the background worker */
    QUEUED,
    /** replaying, page after page ({@link ImpactRun#done()} of {@link ImpactRun#total()}) */
    RUNNING,
    /** every dossier of the period replayed: results and changed dossiers are ready */
    DONE,
    /** stopped: the candidate went away, the database failed, or the portal restarted during the run */
    FAILED;

    /** Still to end: a new run of the same version is refused meanwhile. */
    public boolean underWay() {
        return this == QUEUED || this == RUNNING;
    }
}
