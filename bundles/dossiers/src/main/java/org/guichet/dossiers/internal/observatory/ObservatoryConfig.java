package org.guichet.dossiers.internal.observatory;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** etc/org.guichet.observatory.cfg: how small a count is hidden, and the assumptions of the time estimates. */
@ObjectClassDefinition(name = "Guichet observatory")
public @interface ObservatoryConfig {
    String PID = "org.guichet.observatory";

    @AttributeDefinition(description = "Counts from 1 to this minus one are suppressed (null, suppressed: true), so"
            + " that no person can be singled out; 0 is shown")
    int minimumCell() default 5;

    @AttributeDefinition(description = "Minutes an organisation is assumed to spend on each document it supplies"
            + " (certificate, attestation)")
    int organisationMinutesPerDocument() default 5;

    @AttributeDefinition(description = "Minutes an organisation is assumed to spend on each answer it pre-fills")
    int organisationMinutesPerAnswer() default 1;

    @AttributeDefinition(description = "Minutes an organisation is assumed to spend on each month of attendance it"
            + " reports for a trainee (one line of its attendance sheet: collect, check, type)")
    int organisationMinutesPerAttendance() default 2;

    @AttributeDefinition(description = "Seconds after the start before the observatory computes each scheme's summary"
            + " of the last twelve months once in the background and throws it away, so that the first summary asked"
            + " is not a cold one; -1 switches it off")
    int warmUpDelaySeconds() default 60;
}
