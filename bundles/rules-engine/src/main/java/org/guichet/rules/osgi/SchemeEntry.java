package org.guichet.rules.osgi;

import java.time.Instant;
import java.util.List;
import org.guichet.api.scheme.LocalizedText;
import org.guichet.api.scheme.SchemeInfo;
import org.guichet.api.scheme.SchemeProblem;
import org.guichet.api.scheme.SchemeState;
import org.guichet.api.scheme.TestCaseResult;
import org.guichet.rules.engine.CompiledScheme;
import org.guichet.rules.engine.descriptor.SchemeModel;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;

/** What the extender knows of one scheme bundle at one moment; replaced, never mutated. */
record SchemeEntry(Bundle bundle, String id, String version, SchemeState state, LocalizedText title,
        Instant since, Long compileMillis, List<SchemeProblem> problems, List<TestCaseResult> tests,
        CompiledScheme compiled) {

    /** The manifest header of a bundle deployed as a preview: PREVIEW once tested, until an admin promotes it. */
    static final String PREVIEW_HEADER = org.guichet.rules.engine.packages.SchemePackageBuilder.PREVIEW_HEADER;

    static SchemeEntry discovered(Bundle bundle, String id) {
        return new SchemeEntry(bundle, id, bundle.getVersion().toString(), SchemeState.DISCOVERED, null,
                Instant.now(), null, List.of(), List.of(), null);
    }

    SchemeEntry to(SchemeState newState) {
        return new SchemeEntry(bundle, id, version, newState, title, Instant.now(), compileMillis, problems, tests, compiled);
    }

    SchemeEntry failed(List<SchemeProblem> why) {
        return new SchemeEntry(bundle, id, version, SchemeState.FAILED, title, Instant.now(), compileMillis,
                List.copyOf(why), tests, null);
    }

    /** Deployed as a preview (the header of a zip deployed with « prévisualisation »). */
    boolean deployedAsPreview() {
        return "true".equalsIgnoreCase(String.valueOf(bundle.getHeaders("").get(PREVIEW_HEADER)).strip());
    }

    /** Served at all (to someone): ACTIVE or PREVIEW. */
    boolean served() {
        return state == SchemeState.ACTIVE || state == SchemeState.PREVIEW;
    }

    boolean pending() {
        return state == SchemeState.DISCOVERED || state == SchemeState.COMPILING || state == SchemeState.TESTING;
    }

    Version osgiVersion() {
        try {
            return Version.parseVersion(version);
        } catch (IllegalArgumentException e) {
            return Version.emptyVersion;
        }
    }

    SchemeInfo info() {
        SchemeModel.Validity v = compiled == null ? SchemeModel.Validity.ALWAYS : compiled.validity();
        return new SchemeInfo(id, version, state, title, bundle.getBundleId(), bundle.getSymbolicName(),
                bundle.getVersion().toString(), since, compileMillis, problems, tests, v.validFrom(), v.validUntil());
    }
}
