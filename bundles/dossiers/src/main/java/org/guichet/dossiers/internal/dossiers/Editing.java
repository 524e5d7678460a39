package org.guichet.dossiers.internal.dossiers;

import java.util.Collection;
import java.util.List;
import javax.persistence.EntityManager;
import org.guichet.api.dossiers.DossierState;
import org.guichet.api.error.GuichetException;
import org.guichet.api.error.GuichetException.Kind;
import org.guichet.dossiers.internal.jpa.ComplementRequestEntity;
import org.guichet.dossiers.internal.jpa.DossierEntity;
import org.guichet.dossiers.internal.shared.Lookups;

/** When a dossier's answers and documents may change: a draft, or what an open complement request asks. */
public final class Editing {
    private Editing() { }

    public static void requireEditable(EntityManager em, DossierEntity d) {
        if (d.state() == DossierState.WAITING_COMPLEMENT && Lookups.openComplement(em, d.id) != null) {
            return;
        }
        if (d.state() == DossierState.WITHDRAWN) {
            throw GuichetException.conflict("DOSSIER_WITHDRAWN", "Cette demande a été retirée : elle ne peut plus être"
                    + " modifiée. Vous pouvez faire une nouvelle demande.");
        }
        if (d.state() == DossierState.CLOSED) {
            throw GuichetException.conflict("DOSSIER_CLOSED", "Ce dossier est clos : il ne peut plus être modifié."
                    + " Vous pouvez faire une nouvelle demande.");
        }
        if (d.state() != DossierState.DRAFT) {
            throw GuichetException.conflict("DOSSIER_NOT_DRAFT", "Cette demande a déjà été envoyée : elle ne peut plus"
                    + " être modifiée, sauf pour donner ce que l'agent demande.");
        }
    }

    /** While a complement is awaited, only what it asks for may change. */
    public static void requireRequested(EntityManager em, DossierEntity d, Collection<String> fields,
            String documentType) {
        if (d.state() != DossierState.WAITING_COMPLEMENT) {
            return;
        }
        ComplementRequestEntity open = Lookups.openComplement(em, d.id);
        List<String> askedFields = Lookups.list(open.fields);
        List<String> askedDocs = Lookups.list(open.documentTypes);
        for (String f : fields) {
            if (!askedFields.contains(f)) {
                throw new GuichetException(Kind.CONFLICT, "NOT_REQUESTED", f, "L'agent n'a pas demandé de changer cette"
                        + " réponse. Écrivez-lui un message si elle doit changer.");
            }
        }
        if (documentType != null && !askedDocs.contains(documentType)) {
            throw new GuichetException(Kind.CONFLICT, "NOT_REQUESTED", "documentType", "L'agent n'a pas demandé ce"
                    + " document. Écrivez-lui un message si vous voulez l'envoyer.");
        }
    }
}
