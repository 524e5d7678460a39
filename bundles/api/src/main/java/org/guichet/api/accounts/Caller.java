package org.guichet.api.accounts;

import java.util.Set;

/**
 * Who is calling, as the session proves it. Services decide everything from this, never from what a request
 * claims.
 *
 * @param assistance set when an agent acts for this applicant during a phone call: rights are the applicant's,
 *                   the actions are recorded as the agent's, on her behalf, through the PHONE channel
 * @param secondFactor the session was opened with a second factor (TOTP or a recovery code) after the password or
 *                     mailed code; required of staff unless the development switch says otherwise, and always for
 *                     deploying a scheme from the web (since 2.2)
 */
public record Caller(long accountId, String email, String displayName, Set<Role> roles, Long organisationId,
        Set<String> schemes, Assistance assistance, boolean secondFactor) {

    public Caller(long accountId, String email, String displayName, Set<Role> roles, Long organisationId,
            Set<String> schemes, Assistance assistance) {
        this(accountId, email, displayName, roles, organisationId, schemes, assistance, false);
    }

    public Caller(long accountId, String email, String displayName, Set<Role> roles, Long organisationId,
            Set<String> schemes) {
        this(accountId, email, displayName, roles, organisationId, schemes, null, false);
    }

    /**
     * The agent behind an assisted caller, and the call. The call reaches one dossier only ({@code dossierId}; none
     * when the call is about the account, e.g. help to sign in) and ends at {@code endsAt} at the latest.
     */
    public record Assistance(long agentId, String agentName, long callId, Long dossierId, java.time.Instant endsAt) { }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
