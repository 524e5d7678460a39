package org.guichet.dossiers.internal.dossiers;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH:mm", Locale.FRANCE)
            .withZone(ZoneId.of("Europe/Paris"));

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
        return new Submitted(receipt, Mails.receipt(applicant.email, applicant.displayName, receiptText(receipt)));
    }

    static String receiptText(Receipt r) {
        StringBuilder b = new StringBuilder();
        b.append("Votre demande « ").append(r.schemeTitle()).append(" » a bien été envoyée le ")
                .append(DAY.format(r.submittedAt())).append(".\n\n")
                .append("Numéro de dossier : ").append(r.reference()).append('\n')
                .append("Accusé de réception : ").append(r.number()).append("\n\n");
        if (r.eligible()) {
            b.append("D'après vos réponses, vous pouvez avoir droit à cette aide");
            if (r.estimatedTotal() != null) {
                b.append(" (montant estimé : ").append(Mails.euros(r.estimatedTotal())).append(")");
            }
            b.append(". Un agent de la Région va vérifier votre demande et vos documents.\n\n");
        } else {
            b.append("D'après vos réponses, les conditions de l'aide ne semblent pas remplies. Un agent de la Région va"
                    + " quand même examiner votre demande et vous répondra.\n\n");
        }
        b.append("Vos réponses :\n");
        r.answers().forEach(a -> b.append("- ").append(a).append('\n'));
        b.append("\nVos documents :\n");
        r.documents().forEach(a -> b.append("- ").append(a).append('\n'));
        return b.toString();
    }

    private static List<String> answerLines(SchemeDescriptor descriptor, Map<String, Object> answers) {
        List<String> out = new ArrayList<>();
        for (FieldDefinition f : descriptor.fields()) {
            Object v = answers.get(f.name());
            if (v == null) {
                continue;
            }
            String shown = v instanceof Boolean b ? (b ? "oui" : "non") : String.valueOf(v);
            if (f.type() == org.guichet.api.scheme.FieldType.DATE && shown.matches("\\d{4}-\\d{2}-\\d{2}")) {
                shown = shown.substring(8) + "/" + shown.substring(5, 7) + "/" + shown.substring(0, 4);
            }
            if (f.choices() != null) {
                for (var c : f.choices()) {
                    if (c.value().equals(String.valueOf(v))) {
                        shown = c.label().fr();
                    }
                }
            }
            out.add(f.label().fr() + " : " + shown);
        }
        return out;
    }

    static String label(SchemeDescriptor descriptor, String documentType) {
        DocumentDefinition def = descriptor == null ? null : descriptor.document(documentType);
        return def == null ? documentType : def.label().fr();
    }
}
