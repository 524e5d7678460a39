package org.guichet.dossiers.internal.dossiers;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.persistence.EntityManager;
import org.guichet.api.accounts.Caller;
import org.guichet.api.dossiers.DossierState;
import org.guichet.api.dossiers.Receipt;
import org.guichet.api.error.GuichetException;
import org.guichet.api.error.GuichetException.Kind;
import org.guichet.api.mail.OutgoingMail;
import org.guichet.api.scheme.AnswerError;
import org.guichet.api.scheme.DocumentDefinition;
import org.guichet.api.scheme.Evaluation;
import org.guichet.api.scheme.EvaluationService;
import org.guichet.api.scheme.FieldDefinition;
import org.guichet.api.scheme.InvalidAnswersException;
import org.guichet.api.scheme.RequiredDocument;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.api.scheme.SchemeNotFoundException;
import org.guichet.api.scheme.SchemeUnavailableException;
import org.guichet.dossiers.internal.Json;
import org.guichet.dossiers.internal.Mails;
import org.guichet.dossiers.internal.Words;
import org.guichet.dossiers.internal.access.AccessPolicy.Action;
import org.guichet.dossiers.internal.access.DossierAccess;
import org.guichet.dossiers.internal.activity.Activity;
import org.guichet.dossiers.internal.jpa.AccountEntity;
import org.guichet.dossiers.internal.jpa.DocumentEntity;
import org.guichet.dossiers.internal.jpa.DossierEntity;
import org.guichet.dossiers.internal.lifecycle.DossierLifecycle.Move;
import org.guichet.dossiers.internal.lifecycle.DossierLifecycle.Transition;
import org.guichet.dossiers.internal.shared.Schemes;

/** Submission: complete or refused with everything missing; the evaluation snapshot and receipt in one commit. */
public final class Submission {
    private final Schemes schemes;
    private final EvaluationService evaluation;
    private final DossierAccess access;
    private final Clock clock;

    public Submission(Schemes schemes, EvaluationService evaluation, DossierAccess access, Clock clock) {
        this.schemes = schemes;
        this.evaluation = evaluation;
        this.access = access;
        this.clock = clock;
    }

    /** What a submission made: the receipt, and the mail to send once committed (none when it was already sent). */
    public record Submitted(Receipt receipt, OutgoingMail mail) { }

    public Submitted submit(EntityManager em, Caller caller, long dossierId) {
        DossierEntity d = access.dossier(em, caller, dossierId, Action.READ);
        if (d.state() != DossierState.DRAFT && d.receipt != null) {
            // sent already (twice, or by a racing request): the same receipt
            return new Submitted(Json.read(d.receipt, Receipt.class), null);
        }
        d = access.dossier(em, caller, dossierId, Action.SUBMIT);
        if (d.test()) {
            // the lifecycle's refusal, said before anything missing: a test dossier is never sent, complete or not
            d.move(Move.of(Transition.SUBMIT), clock.instant().atZone(OpenDossier.PARIS).toLocalDate());
        }
        SchemeDescriptor descriptor = schemes.of(d);
        Map<String, Object> answers = Json.readMap(d.answers);
        List<DocumentEntity> docs = DossierViews.documents(em, d.id);
        Evaluation result;
        List<Object> missing = new ArrayList<>();
        try {
            result = evaluation.evaluate(d.schemeId, d.schemeVersion, answers, Locale.FRENCH,
                    PortalFacts.of(em, d));
        } catch (InvalidAnswersException e) {
            missing.addAll(e.errors());
            result = null;
        } catch (SchemeNotFoundException | SchemeUnavailableException e) {
            throw Schemes.unavailable(d);
        }
        if (result != null) {
            for (RequiredDocument r : result.requiredDocuments()) {
                if (docs.stream().noneMatch(x -> x.documentType.equals(r.id()))) {
                    missing.add(new AnswerError("documents." + r.id(), "DOCUMENT_MISSING",
                            "Document manquant : " + r.label() + ". " + r.why()));
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new GuichetException(Kind.CONFLICT, "DOSSIER_INCOMPLETE", null, "La demande ne peut pas encore être"
                    + " envoyée : " + missing.size() + " élément(s) manquant(s) ou à corriger.", missing,
                    Map.of("missingCount", missing.size()));
        }
        Instant now = clock.instant();
        d.move(Move.of(Transition.SUBMIT), now.atZone(OpenDossier.PARIS).toLocalDate());
        AccountEntity applicant = em.find(AccountEntity.class, d.applicantId);
        Receipt receipt = new Receipt("AR-" + d.reference, d.reference, now, d.schemeId, d.schemeVersion,
                descriptor.title().fr(), applicant.displayName, result.eligible(),
                result.amount() == null ? null : result.amount().total(), answerLines(descriptor, answers),
                docs.stream().map(x -> label(descriptor, x.documentType) + " : " + x.fileName).toList());
        d.submittedAt = Timestamp.from(now);
        d.updatedAt = d.submittedAt;
        d.evaluation = Json.write(result);
        d.receipt = Json.write(receipt);
        Activity.record(em, "SUBMITTED", Activity.actorId(caller), Activity.actorName(caller),
                Activity.onBehalf(caller, d.applicantId), Activity.channel(caller, d.applicantId), d.id,
                caller.organisationId(), "Demande envoyée ; accusé de réception " + receipt.number());
        em.flush();
        // the receipt is the record, in French; her mail says the same in her language
        Words w = Words.of(applicant.language);
        Receipt hers = w.language().equals("fr") ? receipt : new Receipt(receipt.number(), receipt.reference(),
                receipt.submittedAt(), receipt.schemeId(), receipt.schemeVersion(), w.in(descriptor.title()),
                receipt.applicantName(), receipt.eligible(), receipt.estimatedTotal(), answerLines(descriptor, answers, w),
                docs.stream().map(x -> w.get("line.answer", "label", label(descriptor, x.documentType, w), "value",
                        x.fileName)).toList());
        return new Submitted(receipt, Mails.receipt(applicant.email, w.language(), applicant.displayName,
                receiptText(hers, w)));
    }

    static String receiptText(Receipt r, Words w) {
        StringBuilder b = new StringBuilder();
        b.append(w.get("receipt.sent", "scheme", r.schemeTitle(), "moment", w.moment(r.submittedAt()))).append("\n\n")
                .append(w.get("receipt.reference", "reference", r.reference())).append('\n')
                .append(w.get("receipt.number", "number", r.number())).append("\n\n");
        if (!r.eligible()) {
            b.append(w.get("receipt.notEligible"));
        } else if (r.estimatedTotal() != null) {
            b.append(w.get("receipt.eligibleAmount", "amount", w.euros(r.estimatedTotal())));
        } else {
            b.append(w.get("receipt.eligible"));
        }
        b.append("\n\n").append(w.get("receipt.answers")).append('\n').append(Mails.items(r.answers()));
        b.append('\n').append(w.get("receipt.documents")).append('\n').append(Mails.items(r.documents()));
        return b.toString();
    }

    private static List<String> answerLines(SchemeDescriptor descriptor, Map<String, Object> answers) {
        return answerLines(descriptor, answers, Words.french());
    }

    private static List<String> answerLines(SchemeDescriptor descriptor, Map<String, Object> answers, Words w) {
        List<String> out = new ArrayList<>();
        for (FieldDefinition f : descriptor.fields()) {
            Object v = answers.get(f.name());
            if (v == null) {
                continue;
            }
            String shown = v instanceof Boolean b ? w.get(b ? "answer.yes" : "answer.no") : String.valueOf(v);
            if (f.type() == org.guichet.api.scheme.FieldType.DATE && shown.matches("\\d{4}-\\d{2}-\\d{2}")) {
                shown = shown.substring(8) + "/" + shown.substring(5, 7) + "/" + shown.substring(0, 4);
            }
            if (f.choices() != null) {
                for (var c : f.choices()) {
                    if (c.value().equals(String.valueOf(v))) {
                        shown = w.in(c.label());
                    }
                }
            }
            out.add(w.get("line.answer", "label", w.in(f.label()), "value", shown));
        }
        return out;
    }

    static String label(SchemeDescriptor descriptor, String documentType) {
        return label(descriptor, documentType, Words.french());
    }

    static String label(SchemeDescriptor descriptor, String documentType, Words w) {
        DocumentDefinition def = descriptor == null ? null : descriptor.document(documentType);
        return def == null ? documentType : w.in(def.label());
    }
}
