package org.guichet.api.scheme;

import java.util.List;

/** Answers that are missing, of the wrong type or inconsistent; nothing was evaluated. */
public class InvalidAnswersException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<AnswerError> errors;

    public InvalidAnswersException(List<AnswerError> errors) {
        super("invalid answers: " + errors);
        this.errors = List.copyOf(errors);
    }

    public List<AnswerError> errors() { return errors; }
}
