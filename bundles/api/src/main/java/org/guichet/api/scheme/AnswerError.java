package org.guichet.api.scheme;

/**
 * What is wrong with one answer. code: REQUIRED, INVALID_TYPE, INVALID_DATE, NOT_A_CHOICE, TOO_SMALL, TOO_LARGE,
 * NOT_AFTER, UNKNOWN_FIELD. The message is in plain French (or English when asked).
 */
public record AnswerError(String field, String code, String message) { }
