package org.guichet.api.observatory;

import java.time.LocalDate;
import org.guichet.api.accounts.Caller;
import org.guichet.api.partners.Organisation;
import org.osgi.annotation.versioning.ProviderType;

/** The observatory's figures, and the one count that no account makes: a run of the anonymous simulator. */
@ProviderType
public interface ObservatoryService {
    /**
     * One run of the simulator for a scheme: a counter of the scheme and day goes up by one; nothing about who ran it
     * is kept (no account, no address, no cookie).
     */
    void simulated(String schemeId);

    /**
     * The summary of a scheme over a period (both days included): dossiers opened in the period, counters of its
     * days. For a supervisor (of any scheme) or a member of the directorate; an organisation's staff (or its key) sees
     * the figures of its own trainees only, whatever {@code organisationId} it asks.
     *
     * @param organisationId null for the whole scheme, else the figures of that organisation's trainees
     * @throws org.guichet.api.error.GuichetException 403 for anyone else, 400 for a bad period, 404 for an unknown
     *                                                 scheme
     */
    Summary summary(Caller viewer, String schemeId, LocalDate from, LocalDate to, Long organisationId);

    /**
     * The same, limited to the trainees of the organisation whose system calls with its API key (the caller has
     * checked the key: {@code organisation} is what the key proved).
     */
    Summary summary(Organisation organisation, String schemeId, LocalDate from, LocalDate to);
}
