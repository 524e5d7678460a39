package org.guichet.rules.osgi;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.guichet.api.scheme.Audience;
import org.guichet.api.scheme.SchemeInfo;
import org.osgi.framework.Version;

/**
 * Which installed version of a scheme is served: a pure function of the versions, the version asked, the date and the
 * audience, so that it is tested as a table ({@code VersionChoiceTest}).
 * <ul>
 * <li>A version asked by number (a dossier keeps its version) is served whatever the date, if the audience sees its
 * state ({@link Audience#sees}); a PREVIEW version asked by someone who may not see it does not exist for her.</li>
 * <li>No version asked: among the versions the audience sees, those in force on the date (validFrom ≤ date ≤
 * validUntil); the newest wins. Future versions wait side by side until their validFrom.</li>
 * </ul>
 */
final class VersionChoice {
    enum Outcome { SERVED, NOT_FOUND, UNAVAILABLE, NOT_IN_FORCE }

    /** @param chosen the version served (SERVED), or the one that explains UNAVAILABLE; null otherwise */
    record Choice(Outcome outcome, SchemeInfo chosen) {
        Optional<SchemeInfo> served() {
            return outcome == Outcome.SERVED ? Optional.of(chosen) : Optional.empty();
        }
    }

    static final Comparator<SchemeInfo> NEWEST_FIRST = Comparator.comparing((SchemeInfo i) -> osgi(i.version()))
            .thenComparingLong(SchemeInfo::bundleId).reversed();

    private VersionChoice() {
    }

    /** @param versions the installed versions of one scheme, any state */
    static Choice choose(List<SchemeInfo> versions, String version, LocalDate date, Audience audience) {
        List<SchemeInfo> sorted = versions.stream().sorted(NEWEST_FIRST).toList();
        if (version != null) {
            List<SchemeInfo> same = sorted.stream().filter(i -> i.version().equals(version)).toList();
            Optional<SchemeInfo> seen = same.stream().filter(i -> audience.sees(i.state())).findFirst();
            if (seen.isPresent()) {
                return new Choice(Outcome.SERVED, seen.get());
            }
            return same.stream().filter(i -> audience.knows(i.state())).findFirst()
                    .map(i -> new Choice(Outcome.UNAVAILABLE, i)).orElse(new Choice(Outcome.NOT_FOUND, null));
        }
        List<SchemeInfo> seen = sorted.stream().filter(i -> audience.sees(i.state())).toList();
        Optional<SchemeInfo> inForce = seen.stream().filter(i -> i.inForceOn(date)).findFirst();
        if (inForce.isPresent()) {
            return new Choice(Outcome.SERVED, inForce.get());
        }
        if (!seen.isEmpty()) {
            return new Choice(Outcome.NOT_IN_FORCE, null);
        }
        return sorted.stream().filter(i -> audience.knows(i.state())).findFirst()
                .map(i -> new Choice(Outcome.UNAVAILABLE, i)).orElse(new Choice(Outcome.NOT_FOUND, null));
    }

    private static Version osgi(String version) {
        try {
            return Version.parseVersion(version);
        } catch (IllegalArgumentException e) {
            return Version.emptyVersion;
        }
    }
}
