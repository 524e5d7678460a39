package org.guichet.dossiers.internal.dossiers;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.persistence.EntityManager;
import org.guichet.api.dossiers.ChecklistItem;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.dossiers.DossierDocument;
import org.guichet.api.dossiers.DossierState;
import org.guichet.api.dossiers.LiveEvaluation;
import org.guichet.api.dossiers.Receipt;
import org.guichet.api.scheme.AnswerError;
import org.guichet.api.scheme.Evaluation;
import org.guichet.api.scheme.EvaluationService;
import org.guichet.api.scheme.InvalidAnswersException;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.api.scheme.SchemeNotFoundException;
import org.guichet.api.scheme.SchemeUnavailableException;
import org.guichet.dossiers.internal.Json;
import org.guichet.dossiers.internal.access.AccessPolicy;
import org.guichet.dossiers.internal.access.AccessPolicy.Standing;
import org.guichet.dossiers.internal.accounts.AccountViews;
import org.guichet.dossiers.internal.activity.Activity;
import org.guichet.dossiers.internal.activity.History;
import org.guichet.dossiers.internal.jpa.DocumentEntity;
import org.guichet.dossiers.internal.jpa.DossierEntity;
import org.guichet.dossiers.internal.shared.Schemes;

/** A dossier as its reader may see it, with the live evaluation while it can still change. */
public final class DossierViews {
    private final Schemes schemes;
    private final EvaluationService evaluation;

    public DossierViews(Schemes schemes, EvaluationService evaluation) {
        this.schemes = schemes;
        this.evaluation = evaluation;
    }

    public Dossier view(EntityManager em, DossierEntity d, Standing reader, Locale locale) {
        SchemeDescriptor descriptor = schemes.orNull(d);
        List<DocumentEntity> docs = documents(em, d.id);
        Map<String, Object> answers = Json.readMap(d.answers);
        LiveEvaluation live = d.state() == DossierState.DRAFT || d.state() == DossierState.WAITING_COMPLEMENT
                ? live(em, d, descriptor, answers, docs, locale) : null;
        var history = Activity.forDossier(em, d.id);
        return new Dossier(d.id, d.reference, d.schemeId, d.schemeVersion,
                descriptor == null ? schemes.title(d.schemeId, d.schemeVersion) : descriptor.title().fr(), d.state(),
                AccountViews.person(em, d.applicantId), AccountViews.person(em, d.createdBy), d.mandateId, answers,
                Json.readStringMap(d.answerSources), docs.stream().map(x -> document(em, x)).toList(), live,
                Json.read(d.evaluation, Evaluation.class), Json.read(d.receipt, Receipt.class),
                AccessPolicy.seesInternalHistory(reader) ? history : History.forApplicant(history), d.version,
                d.createdAt.toInstant(), d.updatedAt.toInstant(), d.test());
    }

    LiveEvaluation live(EntityManager em, DossierEntity d, SchemeDescriptor descriptor, Map<String, Object> answers,
            List<DocumentEntity> docs, Locale locale) {
        Set<String> present = docs.stream().map(x -> x.documentType).collect(Collectors.toSet());
        try {
            // a test dossier's version is served as to the staff (it may be a PREVIEW); any other as to the public
            Evaluation e = evaluation.evaluate(d.schemeId, d.schemeVersion, null, Schemes.audience(d), answers, locale,
                    PortalFacts.of(em, d));
            List<ChecklistItem> checklist = e.requiredDocuments().stream()
                    .map(r -> new ChecklistItem(r.id(), r.label(), r.why(), present.contains(r.id()))).toList();
            return new LiveEvaluation(true, e.eligible(), List.of(), checklist, e);
        } catch (InvalidAnswersException e) {
            List<ChecklistItem> checklist = descriptor == null ? List.of() : descriptor.documents().stream()
                    .map(x -> new ChecklistItem(x.id(), x.label().in(locale), x.why().in(locale), present.contains(x.id())))
                    .toList();
            return new LiveEvaluation(false, null, e.errors(), checklist, null);
        } catch (SchemeNotFoundException | SchemeUnavailableException e) {
            return new LiveEvaluation(false, null, List.of(new AnswerError(null, "SCHEME_UNAVAILABLE",
                    Schemes.unavailable(d).getMessage())), List.of(), null);
        }
    }

    public static List<DocumentEntity> documents(EntityManager em, long dossierId) {
        return em.createQuery("select x from DocumentEntity x where x.dossierId = :d order by x.id", DocumentEntity.class)
                .setParameter("d", dossierId).getResultList();
    }

    public static DossierDocument document(EntityManager em, DocumentEntity x) {
        return new DossierDocument(x.id, x.documentType, x.fileName, x.mediaType, x.sizeBytes, x.sha256,
                x.uploadedAt.toInstant(), AccountViews.person(em, x.uploadedBy), x.source);
    }

    /** The document of this dossier (ids compared by value), else not found. */
    public static DocumentEntity documentOf(EntityManager em, DossierEntity d, long documentId) {
        DocumentEntity doc = em.find(DocumentEntity.class, documentId);
        if (doc == null || doc.dossierId == null || doc.dossierId.longValue() != d.id.longValue()) {
            throw org.guichet.api.error.GuichetException.notFound("DOCUMENT_NOT_FOUND",
                    "Ce document n'existe pas dans cette demande.");
        }
        return doc;
    }
}
