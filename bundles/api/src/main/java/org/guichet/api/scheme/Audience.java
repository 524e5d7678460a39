package org.guichet.api.scheme;

import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;

/**
 * Who a scheme version is served to. The one place that says which states someone may see: applicants, mediators,
 * organisations and anonymous visitors ({@link #PUBLIC}) see ACTIVE versions only; the region's staff (agents,
 * supervisors, admins, acting as themselves) see PREVIEW versions too, in the simulator, never as an applicant would.
 *
 * @since 1.3.0
 */
public enum Audience {
    PUBLIC, STAFF;

    /** Whether a version in that state is served to this audience. */
    public boolean sees(SchemeState state) {
        return state == SchemeState.ACTIVE || (this == STAFF && state == SchemeState.PREVIEW);
    }

    /**
     * Whether a version in that state is even named to this audience (in the list of installed versions, in a 503
     * that says a version is broken or loading): every state but PREVIEW, which only the staff know of.
     */
    public boolean knows(SchemeState state) {
        return state != SchemeState.PREVIEW || sees(state);
    }

    /**
     * The audience of a signed-in caller (null: anonymous). An agent on the phone for an applicant
     * ({@link Caller#assistance()}) acts for the applicant, so she gets what the applicant gets.
     */
    public static Audience of(Caller caller) {
        if (caller == null || caller.assistance() != null) {
            return PUBLIC;
        }
        return caller.has(Role.AGENT) || caller.has(Role.SUPERVISOR) || caller.has(Role.ADMIN) ? STAFF : PUBLIC;
    }
}
