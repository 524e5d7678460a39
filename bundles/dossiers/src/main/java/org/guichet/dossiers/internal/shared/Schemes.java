package org.guichet.dossiers.internal.shared;

import org.guichet.api.error.GuichetException;
import org.guichet.api.error.GuichetException.Kind;
import java.util.List;
import java.util.Optional;
import org.guichet.api.scheme.Audience;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.api.scheme.SchemeInfo;
import org.guichet.api.scheme.SchemeState;
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

    /**
     * The version in force today of a scheme (a new dossier's version: its reference date is the day it is opened),
     * or the one asked; refused when unknown or unavailable. A version in PREVIEW is nobody's dossier's version: a
     * scheme that exists only as a preview does not exist here.
     */
    public SchemeDescriptor active(String schemeId, String version) {
        Optional<SchemeDescriptor> served = registry.activeDescriptor(schemeId, version);
        if (served.isPresent()) {
            return served.get();
        }
        List<SchemeInfo> installed = registry.list().stream().filter(i -> i.id().equals(schemeId)
                && Audience.PUBLIC.knows(i.state()) && (version == null || i.version().equals(version))).toList();
        if (installed.isEmpty()) {
            throw new GuichetException(Kind.NOT_FOUND, "SCHEME_NOT_FOUND", "schemeId",
                    "Cette aide n'existe pas : " + schemeId);
        }
        if (version == null && installed.stream().anyMatch(i -> i.state() == SchemeState.ACTIVE)) {
            throw new GuichetException(Kind.UNAVAILABLE, "SCHEME_NOT_IN_FORCE", "schemeId", "Aucune version de cette"
                    + " aide n'est en vigueur aujourd'hui : la demande ne peut pas encore être ouverte.");
        }
        throw new GuichetException(Kind.UNAVAILABLE, "SCHEME_UNAVAILABLE", "schemeId",
                "Cette aide est momentanément indisponible. Réessayez plus tard.");
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
