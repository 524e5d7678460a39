-- V14: test dossiers (issue 17, point 4).
-- A dossier the region's staff open to try the version they are served (a PREVIEW newer than the ACTIVE one when there
-- is one) is marked once, when it is opened, and stays marked (a promotion changes the version's state, never this):
-- 1 for a test dossier, 0 for every other. A test dossier can never be submitted, so it never reaches instruction,
-- decisions, payments or the impact's replay; the observatory leaves it out.
ALTER TABLE DOSSIER ADD COLUMN TEST_DOSSIER SMALLINT DEFAULT 0 NOT NULL;
