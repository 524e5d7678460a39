package org.guichet.api.dossiers;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The proof of submission, returned and mailed.
 *
 * @param number    the receipt number (the dossier reference and the submission date)
 * @param answers   "question : réponse" lines, in the scheme's order
 * @param documents "document : fichier" lines
 */
public record Receipt(String number, String reference, Instant submittedAt, String schemeId, String schemeVersion,
        String schemeTitle, String applicantName, boolean eligible, BigDecimal estimatedTotal,
        List<String> answers, List<String> documents) { }
