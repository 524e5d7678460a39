package org.guichet.dossiers.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** etc/org.guichet.accounts.cfg: shared by the components of this bundle. */
@ObjectClassDefinition(name = "Guichet accounts and dossiers")
public @interface PortalConfig {
    String PID = "org.guichet.accounts";

    @AttributeDefinition(description = "The portal's address as people reach it; links in mails start with it")
    String portal_url() default "http://127.0.0.1:8181";

    @AttributeDefinition(description = "A session ends after this many minutes without use")
    int session_idle_minutes() default 30;

    @AttributeDefinition(description = "A session ends after this many hours whatever its use")
    int session_absolute_hours() default 12;

    @AttributeDefinition(description = "Failed password sign-ins in a row before the account is locked for a while")
    int signin_max_failures() default 5;

    @AttributeDefinition(description = "How long an account stays locked after too many failures")
    int lockout_minutes() default 15;

    @AttributeDefinition(description = "Agents, supervisors and admins give a second factor (TOTP or a recovery code)"
            + " after the password or mailed code. false is a development switch only; deploying a scheme from the web"
            + " needs the second factor whatever this says")
    boolean staff_mfa_required() default true;

    @AttributeDefinition(description = "How long the second step of a staff sign-in (enrolment included) stays open")
    int staff_mfa_ticket_minutes() default 10;

    @AttributeDefinition(description = "Wrong second-factor codes in a row before the second factor is locked")
    int staff_mfa_max_failures() default 5;

    @AttributeDefinition(description = "How long the second factor stays locked after too many wrong codes")
    int staff_mfa_lockout_minutes() default 15;

    @AttributeDefinition(description = "How long an activation link stays valid")
    int activation_hours() default 72;

    @AttributeDefinition(description = "How long a one-time sign-in code stays valid")
    int code_minutes() default 10;

    @AttributeDefinition(description = "Wrong tries of one code before it is void")
    int code_max_attempts() default 5;

    @AttributeDefinition(description = "Sign-in codes mailed to one address per hour at most")
    int code_max_per_hour() default 5;

    @AttributeDefinition(description = "An admin account created (pending, activation link mailed) at start when no"
            + " account has this address; empty for none. There is never a default password.")
    String admin_email() default "";

    @AttributeDefinition(description = "A phone call lets the agent act for the applicant on its dossier for this many"
            + " minutes at most (the agent ends it sooner)")
    int phone_call_minutes() default 30;

    @AttributeDefinition(description = "Mandate requests one mediator may send to one person in 24 hours")
    int mandate_requests_per_day() default 3;

    @AttributeDefinition(description = "Where document files are stored; empty for ${karaf.data}/guichet/documents")
    String documents_dir() default "";
}
