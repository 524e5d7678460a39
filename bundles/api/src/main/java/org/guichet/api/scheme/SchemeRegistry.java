package org.guichet.api.scheme;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Every scheme version the extender knows, whatever its state. */
@ProviderType
public interface SchemeRegistry {
    /** All versions, sorted by scheme id then version. */
    List<SchemeInfo> list();

    /** One version; {@code version} null means the version in force today (or the newest installed if none is). */
    Optional<SchemeInfo> info(String schemeId, String version);

    /**
     * The descriptor of an ACTIVE version; {@code version} null means the ACTIVE version in force today (a new
     * dossier's version). A PREVIEW version is never returned here: see {@link #descriptor}.
     */
    Optional<SchemeDescriptor> activeDescriptor(String schemeId, String version);

    /**
     * The version served to that audience: the one asked (if the audience sees its state), or, version null, the
     * newest version in force on {@code date} among those the audience sees (for staff, a PREVIEW version newer than
     * the ACTIVE one wins, so that they can try it).
     *
     * @param date null for today
     * @since 1.3.0
     */
    default Optional<SchemeInfo> served(String schemeId, String version, LocalDate date, Audience audience) {
        return info(schemeId, version).filter(i -> audience.sees(i.state()));
    }

    /**
     * The descriptor of {@link #served}.
     *
     * @since 1.3.0
     */
    default Optional<SchemeDescriptor> descriptor(String schemeId, String version, LocalDate date, Audience audience) {
        return activeDescriptor(schemeId, version);
    }
}
