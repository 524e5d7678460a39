package org.guichet.dossiers.internal.payments;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** etc/org.guichet.payments.cfg: the account the aids are paid from. */
@ObjectClassDefinition(name = "Guichet payments")
public @interface PaymentConfig {
    String PID = "org.guichet.payments";

    @AttributeDefinition(description = "The paying body's name, as on its account (SEPA characters)")
    String debtor_name() default "";

    @AttributeDefinition(description = "The paying account's IBAN; until it is set, no SEPA file is issued")
    String debtor_iban() default "";

    @AttributeDefinition(description = "The paying bank's BIC (optional within SEPA)")
    String debtor_bic() default "";

    @AttributeDefinition(description = "Where SEPA files are kept; empty for ${karaf.data}/guichet/payments")
    String files_dir() default "";
}
