package org.guichet.dossiers.internal.shared;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import javax.persistence.EntityManager;

/**
 * Loads the rows a list will show in a few queries instead of one per row: once loaded, they are in the persistence
 * context, so the views' {@code em.find} of each costs no query. (A queue of 500 dossiers named its applicants and
 * assignees with 1,000 single-row queries.)
 */
public final class Preload {
    static final int CHUNK = 500;

    private Preload() { }

    public static void all(EntityManager em, Class<?> entity, Collection<Long> ids) {
        List<Long> distinct = new ArrayList<>(new LinkedHashSet<>(ids.stream().filter(Objects::nonNull).toList()));
        for (int i = 0; i < distinct.size(); i += CHUNK) {
            em.createQuery("select x from " + entity.getSimpleName() + " x where x.id in :ids", entity)
                    .setParameter("ids", distinct.subList(i, Math.min(distinct.size(), i + CHUNK))).getResultList();
        }
    }
}
