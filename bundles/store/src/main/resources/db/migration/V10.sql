-- V10: reserved for another branch of issue 17 (placeholder so that V11 applies on this branch: the migrator reads
-- V1, V2 … up to the first missing number). At merge, the other branch's V10 replaces this file.
CREATE TABLE V10_PLACEHOLDER (ID INT);
DROP TABLE V10_PLACEHOLDER;
