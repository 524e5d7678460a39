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
    static final String ORGANISATION = "/organisation/*";
    static final String OBSERVATORY = "/observatoire/*";

    private Routes() { }

    /** The table. Each area adds its routes in its own method below. */
    static Router table(Portal portal) {
        Router r = new Router();
        home(r, new HomePage(portal));
        simulator(r, new SimulatorPage(portal));
        observatory(r, new ObservatoryPage(portal));
        ApplicationSteps steps = new ApplicationSteps(portal);
        applicant(r, new ApplicantPages(portal), steps, new DossierPage(portal));
        accounts(r, new AccountPages(portal), new FranceConnectPages(portal, steps));
        mandates(r, portal);
        agent(r, portal);
        admin(r, new SchemeAdminPages(portal));
        impact(r, new ImpactPage(portal));
        staff(r, new StaffAdminPages(portal));
        organisation(r, new OrganisationPages(portal));
        organisations(r, new OrganisationAdminPages(portal));
        return r;
    }

    /** Her applications, the steps, documents, review, receipt, and the dossier afterwards (/mes-demandes). */
    private static void applicant(Router r, ApplicantPages home, ApplicationSteps steps, DossierPage dossier) {
        r.get("/mes-demandes", home::home);
        r.post("/mes-demandes/nouvelle", home::create);
        r.post("/mes-demandes/essai", home::createTest);
        r.post("/mes-demandes/mandat", home::requestMandate);
        r.get("/mes-demandes/{dossier}/etape/{step}", steps::step);
        r.post("/mes-demandes/{dossier}/etape/{step}", steps::saveStep);
        r.post("/mes-demandes/{dossier}/etape/{step}/source/{source}", steps::fetchSource);
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

    /** Sign-up, activation, sign-in (password, code, FranceConnect), codes, passwords (/compte). */
    private static void accounts(Router r, AccountPages page, FranceConnectPages fc) {
        r.get("/compte/inscription", page::signUpForm);
        r.post("/compte/inscription", page::signUp);
        r.get("/compte/activer", page::activateForm);
        r.post("/compte/activer", page::activate);
        r.get("/compte/connexion", page::signInForm);
        r.post("/compte/connexion", page::signIn);
        r.get("/compte/code", page::codeRequestForm);
        r.post("/compte/code", page::codeRequest);
        r.post("/compte/code/saisie", page::codeEntry);
        r.post("/compte/second-facteur", page::secondFactor);
        r.post("/compte/second-facteur/secours", page::recoveryForm);
        r.post("/compte/second-facteur/enrolement", page::enrol);
        r.get("/compte/mot-de-passe-oublie", page::forgottenForm);
        r.post("/compte/mot-de-passe-oublie", page::forgotten);
        r.get("/compte/nouveau-mot-de-passe", page::resetForm);
        r.post("/compte/nouveau-mot-de-passe", page::reset);
        r.post("/compte/deconnexion", page::signOut);
        r.get(FranceConnectPages.START, fc::start);
        r.get(FranceConnectPages.CALLBACK, fc::callback);
        r.post(FranceConnectPages.LINK, fc::link);
        r.get("/compte/mot-de-passe", page::changeForm);
        r.post("/compte/mot-de-passe", page::change);
    }

    /** A person's answer to a mediator's request for a mandate (/mandats). */
    private static void mandates(Router r, Portal portal) {
        MandatePage page = new MandatePage(portal);
        r.get("/mandats/accepter", page::show);
        r.post("/mandats/accepter", page::accept);
    }

    /** The agents' and supervisors' pages (/instruction). */
    private static void agent(Router r, Portal portal) {
        AgentPage desk = new AgentPage(portal);
        AgentPaymentsPage payments = new AgentPaymentsPage(portal);
        ConsentChecksPage consents = new ConsentChecksPage(portal);
        AgentApprovalsPage approvals = new AgentApprovalsPage(portal);
        SupervisorPage supervision = new SupervisorPage(portal);
        // the literal addresses first: /instruction/paiements is not a dossier
        r.get("/instruction", AgentPage.agentsOnly(desk::queue));
        r.get("/instruction/paiements", AgentPage.agentsOnly(payments::show));
        r.post("/instruction/paiements/virements", AgentPage.agentsOnly(payments::issue));
        r.get("/instruction/paiements/virements/{batch}/fichier", AgentPage.agentsOnly(payments::file));
        r.post("/instruction/paiements/virements/{batch}/paye", AgentPage.agentsOnly(payments::paid));
        r.get(AgentApprovalsPage.PATH, AgentPage.agentsOnly(approvals::show));
        r.post(AgentApprovalsPage.PATH + "/{proposition}", AgentPage.agentsOnly(approvals::approve));
        r.post(AgentApprovalsPage.PATH + "/{proposition}/refus", AgentPage.agentsOnly(approvals::reject));
        r.get(SupervisorPage.PATH, AgentPage.agentsOnly(SupervisorPage.supervisorsOnly(supervision::show)));
        r.post(SupervisorPage.PATH + "/{dossier}", AgentPage.agentsOnly(SupervisorPage.supervisorsOnly(
                supervision::reassign)));
        r.get("/instruction/consentements", AgentPage.agentsOnly(consents::show));
        r.post("/instruction/consentements/{mandate}", AgentPage.agentsOnly(consents::check));
        r.get("/instruction/consentements/{mandate}/formulaire", AgentPage.agentsOnly(consents::form));
        r.get("/instruction/{dossier}", AgentPage.agentsOnly(desk::caseFile));
        r.get("/instruction/{dossier}/documents/{document}", AgentPage.agentsOnly(desk::document));
        r.post("/instruction/{dossier}/prendre", AgentPage.agentsOnly(desk::take));
        r.post("/instruction/{dossier}/liberer", AgentPage.agentsOnly(desk::release));
        r.post("/instruction/{dossier}/assigner", AgentPage.agentsOnly(desk::assign));
        r.post("/instruction/{dossier}/verifier", AgentPage.agentsOnly(desk::check));
        r.post("/instruction/{dossier}/tout-accepter", AgentPage.agentsOnly(desk::acceptAll));
        r.post("/instruction/{dossier}/complement", AgentPage.agentsOnly(desk::complement));
        r.post("/instruction/{dossier}/message", AgentPage.agentsOnly(desk::message));
        r.post("/instruction/{dossier}/note", AgentPage.agentsOnly(desk::note));
        r.post("/instruction/{dossier}/decision", AgentPage.agentsOnly(desk::decide));
        r.post("/instruction/{dossier}/appel", AgentPage.agentsOnly(desk::startCall));
        r.post("/instruction/{dossier}/appel/{call}/fin", AgentPage.agentsOnly(desk::endCall));
        r.post("/instruction/{dossier}/clore", AgentPage.agentsOnly(desk::close));
    }

    /** The admins' pages (/admin). */
    private static void admin(Router r, SchemeAdminPages page) {
        r.get(SchemeAdminPages.PATH, page::list);
        r.post(SchemeAdminPages.PATH, page::deploy);
        r.post(SchemeAdminPages.PATH + "/zip", page::deployZip);
        r.post(SchemeAdminPages.PATH + "/promotion", page::promote);
    }

    /** The impact of a candidate scheme version (/admin/dispositifs/{scheme}/{version}/impact). */
    private static void impact(Router r, ImpactPage page) {
        r.get(ImpactPage.PATH, page::show);
        r.post(ImpactPage.PATH, page::start);
        r.get(ImpactPage.PATH + "/export.csv", page::csv);
    }

    /** The admins' staff page (/admin/comptes). */
    private static void staff(Router r, StaffAdminPages page) {
        r.get(StaffAdminPages.PATH, page::list);
        r.post(StaffAdminPages.PATH + "/inviter", page::invite);
        r.post(StaffAdminPages.PATH + "/{compte}/etat", page::state);
        r.post(StaffAdminPages.PATH + "/{compte}/droits", page::rights);
        r.post(StaffAdminPages.PATH + "/{compte}/second-facteur", page::resetSecondFactor);
    }

    /** The organisation's space, for its staff (/organisation). Uploads are multipart: CSRF read from the body. */
    private static void organisation(Router r, OrganisationPages page) {
        r.get(OrganisationPages.PATH, page::home);
        r.get(OrganisationPages.PATH + "/inscriptions", page::enrolmentsForm);
        r.post(OrganisationPages.PATH + "/inscriptions", page::enrolments);
        r.post(OrganisationPages.PATH + "/inscriptions/{inscription}/attestation", page::certificate);
        r.get(OrganisationPages.PATH + "/presences", page::attendanceForm);
        r.post(OrganisationPages.PATH + "/presences", page::attendance);
        r.get(OrganisationPages.PATH + "/cle", page::key);
        r.post(OrganisationPages.PATH + "/cle/nouvelle", page::rotate);
        r.post(OrganisationPages.PATH + "/cle/revoquer", page::revoke);
        r.get(OrganisationPages.PATH + "/collegues", page::colleagues);
        r.post(OrganisationPages.PATH + "/collegues", page::invite);
    }

    /** The admins' organisations page (/admin/organisations). */
    private static void organisations(Router r, OrganisationAdminPages page) {
        r.get(OrganisationAdminPages.PATH, page::list);
        r.post(OrganisationAdminPages.PATH, page::create);
        r.post(OrganisationAdminPages.PATH + "/{organisation}/membres", page::invite);
    }

    private static void home(Router r, HomePage page) {
        r.get("/", page::home);
    }

    /** The observatory (issue 15): directorate, supervisors, and organisations for their own trainees. */
    private static void observatory(Router r, ObservatoryPage page) {
        r.get(ObservatoryPage.PATH, page::show);
        r.get(ObservatoryPage.PATH + "/tableaux/{table}", page::csv);
    }

    private static void simulator(Router r, SimulatorPage page) {
        r.get("/aides/{scheme}", page::show);
        r.postOpen("/aides/{scheme}", page::evaluate);
    }
}
