package org.guichet.dossiers.internal.impact;

import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.error.GuichetException;

/**
 * Who may start or read the impact of a version: administrators (every scheme) and the supervisors of the scheme,
 * signed in as themselves (never an agent acting for an applicant during a call). Agents read the changed dossiers
 * through their supervisor: the list names dossiers of every agent.
 */
final class ImpactAccess {
    private ImpactAccess() { }

    static boolean may(Caller c, String schemeId) {
        if (c == null || c.assistance() != null) {
            return false;
        }
        return c.has(Role.ADMIN) || (c.has(Role.SUPERVISOR) && c.schemes() != null && c.schemes().contains(schemeId));
    }

    static void require(Caller c, String schemeId) {
        if (!may(c, schemeId)) {
            throw GuichetException.forbidden("IMPACT_FORBIDDEN", "L'impact d'une version est réservé aux"
                    + " administrateurs et aux responsables d'instruction du dispositif.");
        }
    }

    /** Someone who may see some impact at all; the run's own scheme is checked once it is read. */
    static void requireStaff(Caller c) {
        if (c == null || c.assistance() != null || !(c.has(Role.ADMIN) || c.has(Role.SUPERVISOR))) {
            throw GuichetException.forbidden("IMPACT_FORBIDDEN", "L'impact d'une version est réservé aux"
                    + " administrateurs et aux responsables d'instruction du dispositif.");
        }
    }
}
