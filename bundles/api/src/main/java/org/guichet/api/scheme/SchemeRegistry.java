package org.guichet.api.scheme;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Every scheme version the extender knows, whatever its state. */
@ProviderType
public interface SchemeRegistry {
    /** All versions, sorted by scheme id then version. */
    List<SchemeInfo> list();

    /** One version; {@code version} null means the newest ACTIVE one (or the newest if none is active). */
    Optional<SchemeInfo> info(String schemeId, String version);

    /** The descriptor of an ACTIVE version; {@code version} null means the newest ACTIVE. */
    Optional<SchemeDescriptor> activeDescriptor(String schemeId, String version);
}
