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
        applicant(r, new ApplicantPages(portal), new ApplicationSteps(portal), new DossierPage(portal));
        accounts(r, new AccountPages(portal));
        mandates(r, portal);
        agent(r, portal);
        admin(r, new SchemeAdminPages(portal));
        return r;
    }

    /** Her applications, the steps, documents, review, receipt, and the dossier afterwards (/mes-demandes). */
    private static void applicant(Router r, ApplicantPages home, ApplicationSteps steps, DossierPage dossier) {
        r.get("/mes-demandes", home::home);
        r.post("/mes-demandes/nouvelle", home::create);
        r.post("/mes-demandes/mandat", home::requestMandate);
        r.get("/mes-demandes/{dossier}/etape/{step}", steps::step);
        r.post("/mes-demandes/{dossier}/etape/{step}", steps::saveStep);
        r.get("/mes-demandes/{dossier}/documents", steps::documents);
        r.post("/mes-demandes/{dossier}/documents", steps::upload); // multipart: the CSRF value is read from the body
        r.get("/mes-demandes/{dossier}/documents/{document}", steps::download);
        r.post("/mes-demandes/{dossier}/documents/{document}/supprimer", steps::deleteDocument);
        r.get("/mes-demandes/{dossier}/verification", steps::review);
        r.post("/mes-demandes/{dossier}/envoyer", steps::submit);
        r.get("/mes-demandes/{dossier}/accuse", steps::receipt);
        r.get("/mes-demandes/{dossier}", dossier::show);
        r.post("/mes-demandes/{dossier}/offre/{enrolment}", dossier::acceptOffer);
        r.post("/mes-demandes/{dossier}/partage", dossier::share);
        r.post("/mes-demandes/{dossier}/retrait", dossier::withdraw);
        r.post("/mes-demandes/{dossier}/messages", dossier::postMessage);
        r.post("/mes-demandes/{dossier}/complement/{request}", dossier::answerComplement);
        r.get("/mes-demandes/{dossier}/decisions/{decision}/lettre", dossier::decisionLetter);
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
