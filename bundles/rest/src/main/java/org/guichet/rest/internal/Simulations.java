package org.guichet.rest.internal;

import org.guichet.api.observatory.ObservatoryService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A finished simulation is counted for the observatory (anonymously); a counting failure never fails the answer. */
final class Simulations {
    private static final Logger LOG = LoggerFactory.getLogger(Simulations.class);

    private Simulations() { }

    static void count(ObservatoryService observatory, String schemeId) {
        if (observatory == null) {
            return;
        }
        try {
            observatory.simulated(schemeId);
        } catch (RuntimeException e) {
            LOG.debug("Simulation of {} not counted: {}", schemeId, e.toString());
        }
    }
}
