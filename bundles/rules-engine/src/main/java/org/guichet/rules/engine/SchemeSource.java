package org.guichet.rules.engine;

import java.util.List;
import java.util.Optional;

/** Where a scheme's files come from: a bundle, a folder, a classpath directory. Paths use '/' and are relative. */
public interface SchemeSource {
    /** For messages: a bundle symbolic name, a folder path ... */
    String name();

    /** Relative paths of the files directly under {@code folder}, sorted, e.g. ["rules/eligibility.drl"]; empty if none. */
    List<String> list(String folder);

    /** The content of {@code path} (e.g. "scheme.yaml"), empty when there is no such file. */
    Optional<byte[]> read(String path);
}
