package org.guichet.api.dossiers;

/** A document the rules ask for, why, and whether the dossier has it. */
public record ChecklistItem(String documentType, String label, String why, boolean present) { }
