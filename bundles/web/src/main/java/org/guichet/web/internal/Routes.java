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
        accounts(r, new AccountPages(portal));
        mandates(r, portal);
        agent(r, portal);
        admin(r, new SchemeAdminPages(portal));
        return r;
    }

    /** Her applications, the steps, documents, review, receipt, and the dossier afterwards (/mes-demandes). */
    private static void applicant(Router r, Portal portal) {
        // still served by ApplicantPages (servlet) until it is a set of templates
    }

    /** Sign-up, activation, sign-in, codes, passwords (/compte). */
    private static void accounts(Router r, AccountPages page) {
        r.get("/compte/inscription", page::signUpForm);
        r.post("/compte/inscription", page::signUp);
        r.get("/compte/activer", page::activateForm);
        r.post("/compte/activer", page::activate);
        r.get("/compte/connexion", page::signInForm);
        r.post("/compte/connexion", page::signIn);
        r.get("/compte/code", page::codeRequestForm);
        r.post("/compte/code", page::codeRequest);
        r.post("/compte/code/saisie", page::codeEntry);
        r.get("/compte/mot-de-passe-oublie", page::forgottenForm);
        r.post("/compte/mot-de-passe-oublie", page::forgotten);
        r.get("/compte/nouveau-mot-de-passe", page::resetForm);
        r.post("/compte/nouveau-mot-de-passe", page::reset);
        r.post("/compte/deconnexion", page::signOut);
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
    private static void admin(Router r, SchemeAdminPages page) {
        r.get(SchemeAdminPages.PATH, page::list);
        r.post(SchemeAdminPages.PATH, page::deploy);
    }

    private static void home(Router r, HomePage page) {
        r.get("/", page::home);
    }

    private static void simulator(Router r, SimulatorPage page) {
        r.get("/aides/{scheme}", page::show);
        r.postOpen("/aides/{scheme}", page::evaluate);
    }
}
