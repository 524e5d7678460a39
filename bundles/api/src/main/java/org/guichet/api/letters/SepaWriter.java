package org.guichet.api.letters;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** SEPA credit-transfer initiation files (ISO 20022 pain.001.001.03), validated against their schema. */
@ProviderType
public interface SepaWriter {
    /**
     * @throws IllegalArgumentException when an IBAN is not valid or the file would not validate
     */
    byte[] creditTransfers(String messageId, Instant createdAt, LocalDate executionDate, Debtor debtor,
            List<CreditTransfer> transfers);

    /** The account the money leaves from: the region's. */
    record Debtor(String name, String iban, String bic) { }

    /** The IBAN without spaces, upper case, if its country format and check digits are right; else null. */
    String normaliseIban(String iban);
}
