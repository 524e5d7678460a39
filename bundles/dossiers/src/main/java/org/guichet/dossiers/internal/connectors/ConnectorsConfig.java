package org.guichet.dossiers.internal.connectors;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * etc/org.guichet.connectors.cfg: where the administrations' data are asked (API Particulier or its staging
 * environment) and with which key. Without a base URL and a key the connectors are switched off, and the pages offer
 * no "fetch" block: the applicant types and uploads as before.
 */
@ObjectClassDefinition(name = "Guichet connectors to the administrations (API Particulier)")
public @interface ConnectorsConfig {
    String PID = "org.guichet.connectors";

    @AttributeDefinition(description = "Base URL of API Particulier, e.g. https://particulier.api.gouv.fr or the"
            + " staging https://staging.particulier.api.gouv.fr; empty: switched off")
    String base_url() default "";

    @AttributeDefinition(description = "The API key sent as X-Api-Key; empty: switched off", type =
            org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String api_key() default "";

    @AttributeDefinition(description = "Ask the tax administration (DGFIP: avis d'imposition)")
    boolean dgfip_enabled() default true;

    @AttributeDefinition(description = "Ask France Travail (situation of a job seeker)")
    boolean france_travail_enabled() default true;

    @AttributeDefinition(description = "Milliseconds to wait for the connection")
    int connect_timeout_ms() default 3000;

    @AttributeDefinition(description = "Milliseconds to wait for the answer; beyond, the applicant types and uploads")
    int read_timeout_ms() default 8000;

    @AttributeDefinition(description = "Also ask in API Particulier's FranceConnect mode (\"API FranceConnectées\"):"
            + " an applicant signed in with FranceConnect types no identifier; her FranceConnect access token names"
            + " her. Needs sign-in with FranceConnect (etc/org.guichet.franceconnect.cfg).")
    boolean franceconnect_enabled() default true;

    @AttributeDefinition(description = "FranceConnect mode: the data scopes asked at FranceConnect for the tax notice"
            + " (space separated; those of the DGFIP's API Impôt particulier)")
    String franceconnect_dgfip_scopes() default "dgfip_rfr dgfip_nbpart";

    @AttributeDefinition(description = "FranceConnect mode: the path of the tax notice, called with"
            + " Authorization: Bearer <her FranceConnect access token> and no identifier")
    String franceconnect_dgfip_path() default "/api/v2/avis-imposition";

    @AttributeDefinition(description = "FranceConnect mode: the data scopes asked at FranceConnect for the job"
            + " seeker's situation (space separated)")
    String franceconnect_france_travail_scopes() default "statut_demandeur_emploi";

    @AttributeDefinition(description = "FranceConnect mode: the path of the job seeker's situation, called with"
            + " Authorization: Bearer <her FranceConnect access token> and no identifier")
    String franceconnect_france_travail_path() default "/api/v2/situations-pole-emploi";

    @AttributeDefinition(description = "FranceConnect mode: the portal's SIRET sent as ?recipient= (API Particulier's"
            + " FranceConnect-mode calls carry it); empty: not sent")
    String recipient() default "";
}
