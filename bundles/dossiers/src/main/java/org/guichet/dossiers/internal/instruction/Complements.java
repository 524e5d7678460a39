package org.guichet.dossiers.internal.instruction;

import java.util.Arrays;
import java.util.List;
import javax.persistence.EntityManager;
import org.guichet.dossiers.internal.jpa.ComplementRequestEntity;

/** Complement-request lookups shared with the dossiers. */
public final class Complements {
    private Complements() { }

    /** The OPEN request of a dossier, or null. */
    public static ComplementRequestEntity open(EntityManager em, long dossierId) {
        return em.createQuery("select c from ComplementRequestEntity c where c.dossierId = :d and c.state = 'OPEN'"
                + " order by c.id desc", ComplementRequestEntity.class).setParameter("d", dossierId).setMaxResults(1)
                .getResultStream().findFirst().orElse(null);
    }

    public static List<String> list(String column) {
        return column == null || column.isBlank() ? List.of()
                : Arrays.stream(column.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
