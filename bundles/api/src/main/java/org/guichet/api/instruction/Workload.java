package org.guichet.api.instruction;

import java.util.Map;
import java.util.Set;
import org.guichet.api.dossiers.PersonRef;

/** What one agent holds, for a supervisor. */
public record Workload(PersonRef agent, Set<String> schemes, long assigned, Map<String, Long> assignedByState,
        long callsLast30Days, long callMinutesLast30Days) { }
