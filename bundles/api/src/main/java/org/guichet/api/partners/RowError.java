package org.guichet.api.partners;

/** Why one row of a batch was refused: its number (1 = first data row), the field, a code and a message. */
public record RowError(int row, String field, String code, String message) { }
