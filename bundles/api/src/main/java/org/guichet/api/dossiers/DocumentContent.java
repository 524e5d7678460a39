package org.guichet.api.dossiers;

import java.nio.file.Path;

/** A stored file and where to read it; only handed to those allowed to read it. */
public record DocumentContent(DossierDocument document, Path path) { }
