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
        return r;
    }

    private static void home(Router r, HomePage page) {
        r.get("/", page::home);
    }

    private static void simulator(Router r, SimulatorPage page) {
        r.get("/aides/{scheme}", page::show);
        r.postOpen("/aides/{scheme}", page::evaluate);
    }
}
