package org.guichet.web.internal;

/**
 * Every page of the portal, in one place: the URL spaces the pipeline covers, and each route (method, path with
 * {@code {name}} parts) with the page that answers it. {@link PortalServlet} dispatches by this table.
 */
public final class Routes {
    static final String HOME = "/";
    static final String SIMULATOR = "/aides/*";
    static final String APPLICANT = "/mes-demandes/*";
    static final String ACCOUNTS = "/compte/*";
    static final String AGENT = "/instruction/*";
    static final String MANDATES = "/mandats/*";
    static final String ADMIN = "/admin/*";

    private Routes() { }

    /** The table. Each area adds its routes in its own method below. */
    static Router table(Portal portal) {
        Router r = new Router();
        home(r, new HomePage(portal));
        simulator(r, new SimulatorPage(portal));
        applicant(r, portal);
        accounts(r, portal);
        mandates(r, portal);
        agent(r, portal);
        admin(r, portal);
        return r;
    }

    /** Her applications, the steps, documents, review, receipt, and the dossier afterwards (/mes-demandes). */
    private static void applicant(Router r, Portal portal) {
        // still served by ApplicantPages (servlet) until it is a set of templates
    }

    /** Sign-up, activation, sign-in, codes, passwords (/compte). */
    private static void accounts(Router r, Portal portal) {
        // still served by AccountPages (servlet) until it is a set of templates
    }

    /** A person's answer to a mediator's request for a mandate (/mandats). */
    private static void mandates(Router r, Portal portal) {
        // still served by MandatePages (servlet) until it is a set of templates
    }

    /** The agents' and supervisors' pages (/instruction). */
    private static void agent(Router r, Portal portal) {
        // still served by AgentPages (servlet) until it is a set of templates
    }

    /** The admins' pages (/admin). */
    private static void admin(Router r, Portal portal) {
        // still served by SchemeAdminPages (servlet) until it is a set of templates
    }

    private static void home(Router r, HomePage page) {
        r.get("/", page::home);
    }

    private static void simulator(Router r, SimulatorPage page) {
        r.get("/aides/{scheme}", page::show);
        r.postOpen("/aides/{scheme}", page::evaluate);
    }
}
