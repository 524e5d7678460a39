package org.guichet.api.scheme;

import java.util.Locale;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One ACTIVE scheme version, registered as an OSGi service by the rules engine with the service properties
 * {@link #SCHEME_ID} and {@link #SCHEME_VERSION}. It disappears when the scheme bundle is stopped or updated.
 */
@ProviderType
public interface Scheme {
    String SCHEME_ID = "guichet.scheme.id";
    String SCHEME_VERSION = "guichet.scheme.version";

    SchemeDescriptor descriptor();

    /** Validates then evaluates; stateless, thread-safe. */
    Evaluation evaluate(Map<String, Object> answers, Locale locale) throws InvalidAnswersException;
}
