package org.guichet.api.letters;

import org.osgi.annotation.versioning.ProviderType;

/** Renders letters as PDF. */
@ProviderType
public interface LetterRenderer {
    byte[] decisionLetter(DecisionLetter letter);
}
