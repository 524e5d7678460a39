package org.guichet.api.scheme;

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
    Evaluation evaluate(String schemeId, String version, Map<String, Object> answers, Locale locale)
            throws SchemeNotFoundException, SchemeUnavailableException, InvalidAnswersException;
}
