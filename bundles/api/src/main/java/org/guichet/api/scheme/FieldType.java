package org.guichet.api.scheme;

/** Types of the answers a scheme asks for. */
public enum FieldType { DATE, INTEGER, DECIMAL, BOOLEAN, CHOICE, TEXT }
