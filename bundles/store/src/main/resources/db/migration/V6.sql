-- V6: every word people read in their language (issue 12). The language of an account's mails and letters:
-- 'fr' or 'en', set from the page or the API call the person signed up with; existing accounts are French.
ALTER TABLE ACCOUNT ADD COLUMN LANGUAGE_CODE VARCHAR(8) DEFAULT 'fr' NOT NULL;
