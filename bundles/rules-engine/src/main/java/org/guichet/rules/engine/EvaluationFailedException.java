package org.guichet.rules.engine;

/** A rule failed while evaluating valid answers: a defect of the scheme, never of the person's answers. */
public class EvaluationFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EvaluationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
