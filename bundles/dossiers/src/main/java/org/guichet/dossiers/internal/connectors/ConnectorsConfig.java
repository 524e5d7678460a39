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
}
