-- V10: the observatory (issue 15). Figures maintained incrementally, in the same transaction as the event that
-- changes them (org.guichet.dossiers.internal.observatory.Ledger), so that a summary over a year reads a few thousand
-- small rows instead of millions of events. No personal data: ids of dossiers and organisations only, never a person.
--
-- One row per dossier: its scheme, when it was opened, how far it went (the time of each funnel step, null when not
-- reached), who helped (phone, mediator, organisation) and how long it waited on whom.
CREATE TABLE OBSERVATORY_DOSSIER (
  DOSSIER_ID BIGINT NOT NULL PRIMARY KEY,
  SCHEME_ID VARCHAR(100) NOT NULL,
  OPENED_AT TIMESTAMP NOT NULL,
  OPENED_DAY DATE NOT NULL,
  -- the organisation whose mediator acted on the dossier (the first one), or null
  MEDIATOR_ORGANISATION_ID BIGINT,
  -- the training organisation that pre-filled answers or documents, or null
  PARTNER_ORGANISATION_ID BIGINT,
  -- who filed the submission: ONLINE, MEDIATOR, PHONE or PARTNER (pre-filled by the organisation, sent by the person)
  SUBMIT_CHANNEL VARCHAR(20),
  ANSWERS_SAVED_AT TIMESTAMP,
  ANSWERS_COMPLETE_AT TIMESTAMP,
  DOCUMENTS_COMPLETE_AT TIMESTAMP,
  SUBMITTED_AT TIMESTAMP,
  DECIDED_AT TIMESTAMP,
  -- 1 granted, 0 refused; the first reason's code of the rules for a refusal
  GRANTED SMALLINT,
  OUTCOME_REASON VARCHAR(200),
  FIRST_PAYMENT_AT TIMESTAMP,
  -- days between the first payment's promised date and the day it was paid (negative: early)
  FIRST_PAYMENT_LATE_DAYS INT,
  -- withdrawn or closed without a decision
  ENDED_AT TIMESTAMP,
  PHONE_CALLS INT DEFAULT 0 NOT NULL,
  PHONE_SECONDS BIGINT DEFAULT 0 NOT NULL,
  MEDIATOR_ACTIONS INT DEFAULT 0 NOT NULL,
  MEDIATOR_SECONDS BIGINT DEFAULT 0 NOT NULL,
  LAST_MEDIATOR_ID BIGINT,
  LAST_MEDIATOR_AT TIMESTAMP,
  -- answers and documents the organisation supplied (pre-filled answers count one per field)
  ORGANISATION_ANSWERS INT DEFAULT 0 NOT NULL,
  ORGANISATION_DOCUMENTS INT DEFAULT 0 NOT NULL,
  AGENT_ACTIONS INT DEFAULT 0 NOT NULL,
  AGENT_SECONDS BIGINT DEFAULT 0 NOT NULL,
  LAST_AGENT_ID BIGINT,
  LAST_AGENT_AT TIMESTAMP,
  COMPLEMENTS INT DEFAULT 0 NOT NULL,
  WAIT_APPLICANT_SECONDS BIGINT DEFAULT 0 NOT NULL,
  WAIT_ORGANISATION_SECONDS BIGINT DEFAULT 0 NOT NULL,
  -- from submission to decision minus the waits on the applicant and the organisation, set at the decision
  WAIT_AGENT_SECONDS BIGINT
);
CREATE INDEX OBSERVATORY_DOSSIER_PERIOD ON OBSERVATORY_DOSSIER (SCHEME_ID, OPENED_DAY);
CREATE INDEX OBSERVATORY_DOSSIER_MEDIATOR ON OBSERVATORY_DOSSIER (MEDIATOR_ORGANISATION_ID, SCHEME_ID, OPENED_DAY);
CREATE INDEX OBSERVATORY_DOSSIER_PARTNER ON OBSERVATORY_DOSSIER (PARTNER_ORGANISATION_ID, SCHEME_ID, OPENED_DAY);
-- Counters per scheme, day and measure (SIMULATED per scheme; ACCOUNT_CREATED, ACCOUNT_ACTIVATED, ACCOUNT_PHONE_CALLS,
-- ACCOUNT_PHONE_SECONDS portal-wide under SCHEME_ID '*'): incremented by an update, the row inserted when missing
-- (a unique-key race replays the transaction, see Tx).
CREATE TABLE OBSERVATORY_DAY (
  SCHEME_ID VARCHAR(100) NOT NULL,
  DAY DATE NOT NULL,
  MEASURE VARCHAR(40) NOT NULL,
  N BIGINT NOT NULL,
  PRIMARY KEY (SCHEME_ID, DAY, MEASURE)
);
-- Documents refused at upload (by the checks of type and size), rejected by an agent, or asked again in a complement:
-- per scheme, day, type, outcome and reason; ORGANISATION_ID is the dossier's organisation (0 when none) for point 4.
CREATE TABLE OBSERVATORY_DOCUMENT (
  SCHEME_ID VARCHAR(100) NOT NULL,
  DAY DATE NOT NULL,
  DOCUMENT_TYPE VARCHAR(100) NOT NULL,
  OUTCOME VARCHAR(30) NOT NULL,
  REASON VARCHAR(100) NOT NULL,
  ORGANISATION_ID BIGINT NOT NULL,
  N BIGINT NOT NULL,
  PRIMARY KEY (SCHEME_ID, DAY, DOCUMENT_TYPE, OUTCOME, REASON, ORGANISATION_ID)
);
-- Backfill of the dossiers that pre-date the ledger, from what their rows and events tell: opening, submission (a
-- submitted dossier had its answers and documents complete then), decision and outcome, submission channel, phone
-- calls. What the old rows cannot tell stays null or 0 (agent and mediator time, waits, first payment): see
-- docs/observatory.md. Days are the timestamps' dates as stored.
INSERT INTO OBSERVATORY_DOSSIER (DOSSIER_ID, SCHEME_ID, OPENED_AT, OPENED_DAY, ANSWERS_COMPLETE_AT,
  DOCUMENTS_COMPLETE_AT, SUBMITTED_AT, DECIDED_AT, GRANTED, SUBMIT_CHANNEL, PHONE_CALLS)
  SELECT d.ID, d.SCHEME_ID, d.CREATED_AT, CAST(d.CREATED_AT AS DATE), d.SUBMITTED_AT, d.SUBMITTED_AT, d.SUBMITTED_AT,
    d.DECIDED_AT,
    CASE WHEN d.STATE = 'GRANTED' THEN 1 WHEN d.STATE = 'REFUSED' THEN 0 ELSE NULL END,
    (SELECT MIN(e.CHANNEL) FROM ACTIVITY_EVENT e WHERE e.DOSSIER_ID = d.ID AND e.EVENT_TYPE = 'SUBMITTED'),
    (SELECT COUNT(*) FROM PHONE_CALL c WHERE c.DOSSIER_ID = d.ID)
  FROM DOSSIER d;
