package org.guichet.api.scheme;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/** Evaluates answers against a scheme's rules. Stateless and safe to call from many threads. */
@ProviderType
public interface EvaluationService {
    /**
     * @param version null for the newest ACTIVE version
     * @param answers the form's answers as JSON gives them: strings (dates as YYYY-MM-DD, choices), numbers, booleans
     * @param locale  language of the messages (French by default)
     */
    default Evaluation evaluate(String schemeId, String version, Map<String, Object> answers, Locale locale)
            throws SchemeNotFoundException, SchemeUnavailableException, InvalidAnswersException {
        return evaluate(schemeId, version, answers, locale, EvaluationContext.ANONYMOUS);
    }

    /**
     * Evaluates with the portal facts of a dossier's person (past decisions …), given to the rules as facts. The
     * simulator passes {@link EvaluationContext#ANONYMOUS} (or calls the method above); the portal passes the facts
     * of the dossier's person, for every dossier it evaluates.
     *
     * @param context never null; {@link EvaluationContext#ANONYMOUS} when no person is known
     * @since 1.2.0
     */
    Evaluation evaluate(String schemeId, String version, Map<String, Object> answers, Locale locale,
            EvaluationContext context)
            throws SchemeNotFoundException, SchemeUnavailableException, InvalidAnswersException;

    /**
     * Evaluates with the version served to that audience on that date ({@link SchemeRegistry#served}): the simulator
     * answers for a chosen date, and the region's staff try PREVIEW versions.
     *
     * @param date null for today
     * @throws NoVersionInForceException when versions exist but none is in force on that date
     * @since 1.3.0
     */
    default Evaluation evaluate(String schemeId, String version, LocalDate date, Audience audience,
            Map<String, Object> answers, Locale locale, EvaluationContext context)
            throws SchemeNotFoundException, SchemeUnavailableException, InvalidAnswersException {
        return evaluate(schemeId, version, answers, locale, context);
    }
}
