package org.guichet.api.dossiers;

import java.util.List;
import org.guichet.api.scheme.AnswerError;
import org.guichet.api.scheme.Evaluation;

/**
 * What the rules say of the answers so far.
 *
 * @param complete   every required answer is given and valid, so {@code evaluation} is the rules' full answer
 * @param eligible   the rules' verdict once complete, else null
 * @param missing    answers still required or not valid, each with its plain-French message
 * @param checklist  the documents asked for (by the rules when complete, else every document the scheme may ask)
 * @param evaluation the rules' result (reasons, amount, rules fired) when complete, else null
 */
public record LiveEvaluation(boolean complete, Boolean eligible, List<AnswerError> missing,
        List<ChecklistItem> checklist, Evaluation evaluation) { }
