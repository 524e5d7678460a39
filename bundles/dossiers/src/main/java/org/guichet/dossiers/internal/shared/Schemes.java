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

    /**
     * The version a test dossier is opened on: the one the region's staff are served today (a PREVIEW newer than the
     * ACTIVE version when there is one, as in the simulator); refused when the scheme has none they may see.
     */
    public SchemeDescriptor forTest(String schemeId) {
        if (schemeId == null || schemeId.isBlank()) {
            throw GuichetException.invalid("SCHEME_REQUIRED", "schemeId", "Indiquez l'aide à essayer.");
        }
        Optional<SchemeDescriptor> served = registry.served(schemeId, null, null, Audience.STAFF)
                .flatMap(i -> registry.descriptor(schemeId, i.version(), null, Audience.STAFF));
        if (served.isPresent()) {
            return served.get();
        }
        if (registry.list().stream().noneMatch(i -> i.id().equals(schemeId))) {
            throw new GuichetException(Kind.NOT_FOUND, "SCHEME_NOT_FOUND", "schemeId",
                    "Cette aide n'existe pas : " + schemeId);
        }
        throw new GuichetException(Kind.UNAVAILABLE, "SCHEME_UNAVAILABLE", "schemeId",
                "Aucune version de cette aide ne peut être essayée aujourd'hui (aucune n'est en vigueur, active ou en"
                        + " prévisualisation).");
    }

    /**
     * Who a dossier's version is served as: a test dossier as the region's staff (its version may be a PREVIEW),
     * every other dossier as the public (ACTIVE versions only).
     */
    public static Audience audience(DossierEntity d) {
        return d.test() ? Audience.STAFF : Audience.PUBLIC;
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
        if (d == null) {
            return null;
        }
        return (d.test() ? registry.descriptor(d.schemeId, d.schemeVersion, null, Audience.STAFF)
                : registry.activeDescriptor(d.schemeId, d.schemeVersion)).orElse(null);
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
