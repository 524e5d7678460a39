-- V7: rate limits counted in the database (issue 14), so that they hold when several portal nodes share it.
-- One row per limited thing and fixed window: BUCKET_KEY is the action, the scope and the SHA-256 of the
-- subject (client address, mail address or account: no address is kept in clear); WINDOW_START in epoch seconds.
-- A hit is an UPDATE ... SET HITS = HITS + 1, or the INSERT of the first hit (a duplicate key replays the
-- transaction, which then updates): the same statements on Derby and PostgreSQL, no upsert syntax needed.
CREATE TABLE RATE_BUCKET (
  BUCKET_KEY VARCHAR(120) NOT NULL,
  WINDOW_START BIGINT NOT NULL,
  HITS INTEGER NOT NULL,
  PRIMARY KEY (BUCKET_KEY, WINDOW_START)
);
CREATE INDEX RATE_BUCKET_WINDOW ON RATE_BUCKET (WINDOW_START);
