-- V5: the volume of a campaign (issue 11). Measured with 100,000 dossiers and 2 million events
-- (docs/benchmarks.md, "Volume").
-- Who an open dossier waits on, counted for each queue from the index alone.
CREATE INDEX DOSSIER_WAITING ON DOSSIER (SCHEME_ID, STATE, WAITING_ON);
-- Mandate requests of one mediator to one person over the last day (the limit on re-requests).
CREATE INDEX ACTIVITY_EVENT_ON_BEHALF ON ACTIVITY_EVENT (ON_BEHALF_OF_ID, EVENT_TYPE, OCCURRED_AT);
