package org.guichet.dossiers.internal.shared;

import org.guichet.api.error.GuichetException;
import org.guichet.api.error.GuichetException.Kind;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.api.scheme.SchemeRegistry;
import org.guichet.dossiers.internal.jpa.DossierEntity;

/** The scheme versions dossiers are pinned to, as the registry serves them. */
public final class Schemes {
    private final SchemeRegistry registry;

    public Schemes(SchemeRegistry registry) {
        this.registry = registry;
    }

    public SchemeRegistry registry() {
        return registry;
    }

    /** The version in force of a scheme (or the one asked), refused when unknown or unavailable. */
    public SchemeDescriptor active(String schemeId, String version) {
        if (registry.info(schemeId, version).isEmpty()) {
            throw new GuichetException(Kind.NOT_FOUND, "SCHEME_NOT_FOUND", "schemeId",
                    "Cette aide n'existe pas : " + schemeId);
        }
        return registry.activeDescriptor(schemeId, version).orElseThrow(() -> new GuichetException(Kind.UNAVAILABLE,
                "SCHEME_UNAVAILABLE", "schemeId", "Cette aide est momentanément indisponible. Réessayez plus tard."));
    }

    /** The descriptor of the version the dossier is pinned to. */
    public SchemeDescriptor of(DossierEntity d) {
        SchemeDescriptor s = orNull(d);
        if (s == null) {
            throw unavailable(d);
        }
        return s;
    }

    public SchemeDescriptor orNull(DossierEntity d) {
        return d == null ? null : registry.activeDescriptor(d.schemeId, d.schemeVersion).orElse(null);
    }

    public String title(String schemeId, String version) {
        return registry.activeDescriptor(schemeId, version).or(() -> registry.activeDescriptor(schemeId, null))
                .map(s -> s.title().fr()).orElse(schemeId);
    }

    public static GuichetException unavailable(DossierEntity d) {
        return new GuichetException(Kind.UNAVAILABLE, "SCHEME_UNAVAILABLE", null, "La version " + d.schemeVersion
                + " de cette aide, sur laquelle repose la demande, est momentanément indisponible. Les réponses sont"
                + " enregistrées ; réessayez plus tard.");
    }
}
