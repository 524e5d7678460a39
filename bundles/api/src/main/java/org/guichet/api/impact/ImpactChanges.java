package org.guichet.api.impact;

import java.util.List;

/** One page of the changed dossiers of a run, in dossier order. {@code page} counts from 1. */
public record ImpactChanges(List<ImpactChange> items, int page, int size, long total) {
    public ImpactChanges {
        items = List.copyOf(items);
    }

    public int pages() {
        return size <= 0 ? 0 : (int) ((total + size - 1) / size);
    }
}
