package org.guichet.api.instruction;

import java.util.List;
import java.util.Map;

/** The dossiers that match, oldest first, and the counts per state of everything the caller may instruct. */
public record Queue(List<QueueItem> items, Map<String, Long> countsByState, Map<String, Long> countsByWaitingOn) { }
