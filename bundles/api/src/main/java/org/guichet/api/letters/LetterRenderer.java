package org.guichet.api.letters;

import org.osgi.annotation.versioning.ProviderType;

/** Writes letters: their text in the applicant's language, and that same text as a tagged PDF. */
@ProviderType
public interface LetterRenderer {
    /**
     * The decision letter as a tagged PDF (structure tree of headings, paragraphs and lists; the document's language
     * and title): the text of {@link #decisionLetterText}, laid out.
     */
    byte[] decisionLetter(DecisionLetter letter);

    /** The whole text of a decision letter, in {@link DecisionLetter#language()}, as the PDF says it. */
    LetterText decisionLetterText(DecisionLetter letter);
}
