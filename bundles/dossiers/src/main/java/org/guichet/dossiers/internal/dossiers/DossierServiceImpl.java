package org.guichet.dossiers.internal.dossiers;

import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.persistence.EntityManagerFactory;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.dossiers.DocumentContent;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.dossiers.DossierDocument;
import org.guichet.api.dossiers.DossierService;
import org.guichet.api.dossiers.DossierSummary;
import org.guichet.api.dossiers.EnrolmentOffer;
import org.guichet.api.dossiers.Receipt;
import org.guichet.api.error.GuichetException;
import org.guichet.api.mail.MailService;
import org.guichet.api.scheme.EvaluationService;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.api.scheme.SchemeRegistry;
import org.guichet.api.store.Database;
import org.guichet.dossiers.internal.Json;
import org.guichet.dossiers.internal.Mails;
import org.guichet.dossiers.internal.PortalConfig;
import org.guichet.dossiers.internal.Tx;
import org.guichet.dossiers.internal.access.AccessPolicy.Action;
import org.guichet.dossiers.internal.access.DossierAccess;
import org.guichet.dossiers.internal.accounts.AccountViews;
import org.guichet.dossiers.internal.documents.DocumentFiles;
import org.guichet.dossiers.internal.jpa.DossierEntity;
import org.guichet.dossiers.internal.jpa.MandateState;
import org.guichet.dossiers.internal.shared.Schemes;
import org.guichet.dossiers.internal.shared.Storage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Dossiers for applicants and mediators: a thin component over the use cases (opening, answers, documents,
 * submission, withdrawal and sharing), each in its own class. Who may do what is {@code AccessPolicy}'s; what may
 * happen when is {@code DossierLifecycle}'s.
 */
@Component(service = DossierService.class, configurationPid = PortalConfig.PID)
public class DossierServiceImpl implements DossierService {
    private static final Locale FR = Locale.FRENCH;

    private final Tx tx;
    private final MailService mail;
    private final Schemes schemes;
    private final DossierAccess access;
    private final DossierViews views;
    private final OpenDossier opening;
    private final Answers answers;
    private final Documents documents;
    private final Submission submission;
    private final Withdrawal withdrawal;

    @Activate
    public DossierServiceImpl(@Reference(target = "(osgi.unit.name=guichet-dossiers)") EntityManagerFactory emf,
            @Reference Database database, @Reference SchemeRegistry registry, @Reference EvaluationService evaluation,
            @Reference MailService mail, PortalConfig config) {
        this(emf, registry, evaluation, mail, config, Clock.systemUTC());
    }

    /** For tests: the same with a clock of one's own. */
    public DossierServiceImpl(EntityManagerFactory emf, SchemeRegistry registry, EvaluationService evaluation,
            MailService mail, PortalConfig config, Clock clock) {
        this.tx = new Tx(emf);
        this.mail = mail;
        this.schemes = new Schemes(registry);
        this.access = new DossierAccess(schemes, clock);
        this.views = new DossierViews(schemes, evaluation);
        this.opening = new OpenDossier(schemes, access, clock);
        this.answers = new Answers(schemes, access);
        this.documents = new Documents(tx, schemes, access, new DocumentFiles(Storage.documentsDir(config)),
                clock);
        this.submission = new Submission(schemes, evaluation, access, clock);
        this.withdrawal = new Withdrawal(access, clock);
    }

    @Override
    public Dossier create(Caller caller, String schemeId, Long applicantId) {
        SchemeDescriptor d = opening.check(caller, schemeId, applicantId);
        return tx.call(em -> {
            DossierEntity e = opening.create(em, caller, d, applicantId);
            Dossier v = views.view(em, e, access.require(em, caller, e.id, Action.READ).standing(), FR);
            Milestones.note(em, caller, e, v.live());
            return v;
        });
    }

    @Override
    public Dossier openTest(Caller caller, String schemeId) {
        SchemeDescriptor d = opening.checkTest(caller, schemeId);
        return tx.call(em -> {
            DossierEntity e = opening.create(em, caller, d, null, true);
            return views.view(em, e, access.require(em, caller, e.id, Action.READ).standing(), FR);
        });
    }

    @Override
    public Dossier get(Caller caller, long dossierId) {
        return get(caller, dossierId, FR);
    }

    @Override
    public Dossier get(Caller caller, long dossierId, Locale locale) {
        return tx.call(em -> {
            DossierAccess.Granted g = access.require(em, caller, dossierId, Action.READ);
            return views.view(em, g.dossier(), g.standing(), locale);
        });
    }

    @Override
    public List<DossierSummary> list(Caller caller) {
        return tx.call(em -> {
            List<DossierEntity> rows = new ArrayList<>();
            if (caller.assistance() != null) {
                // an agent on a call sees the one dossier the call is about
                if (caller.assistance().dossierId() != null) {
                    DossierEntity d = em.find(DossierEntity.class, caller.assistance().dossierId());
                    if (d != null) {
                        access.require(em, caller, d.id, Action.READ);
                        rows.add(d);
                    }
                }
            } else {
                rows.addAll(em.createQuery("select d from DossierEntity d where d.applicantId = :me order by d.id desc",
                        DossierEntity.class).setParameter("me", caller.accountId()).getResultList());
                if (caller.has(Role.MEDIATOR)) {
                    // only the dossiers filed under (or shared with) a mandate of hers that is ACTIVE
                    rows.addAll(em.createQuery("select d from DossierEntity d, MandateEntity m where m.mediatorId = :me"
                            + " and m.state = :active and d.mandateId = m.id order by d.id desc", DossierEntity.class)
                            .setParameter("me", caller.accountId()).setParameter("active", MandateState.ACTIVE)
                            .getResultList());
                }
            }
            return rows.stream().distinct().map(d -> new DossierSummary(d.id, d.reference, d.schemeId, d.schemeVersion,
                    schemes.title(d.schemeId, d.schemeVersion), d.state(), AccountViews.person(em, d.applicantId),
                    d.createdAt.toInstant(), d.updatedAt.toInstant(),
                    d.submittedAt == null ? null : d.submittedAt.toInstant())).toList();
        });
    }

    @Override
    public Dossier saveAnswers(Caller caller, long dossierId, Map<String, Object> answers, Long expectedVersion) {
        return saveAnswers(caller, dossierId, answers, expectedVersion, FR);
    }

    @Override
    public Dossier saveAnswers(Caller caller, long dossierId, Map<String, Object> given, Long expectedVersion,
            Locale locale) {
        return tx.call(em -> {
            DossierEntity d = answers.save(em, caller, dossierId, given, expectedVersion);
            Dossier v = views.view(em, d, access.require(em, caller, d.id, Action.READ).standing(), locale);
            Milestones.note(em, caller, d, v.live());
            return v;
        });
    }

    @Override
    public DossierDocument addDocument(Caller caller, long dossierId, String documentType, String fileName,
            InputStream content, Long replaces) {
        DossierDocument added = documents.add(caller, dossierId, documentType, fileName, content, replaces);
        // the documents may be complete now: the observatory's step is noted in its own transaction, after the upload
        tx.run(em -> {
            DossierEntity d = access.dossier(em, caller, dossierId, Action.READ);
            Milestones.note(em, caller, d, views.live(em, d, schemes.orNull(d), Json.readMap(d.answers),
                    DossierViews.documents(em, d.id), FR));
        });
        return added;
    }

    @Override
    public void deleteDocument(Caller caller, long dossierId, long documentId) {
        documents.delete(caller, dossierId, documentId);
    }

    @Override
    public DocumentContent document(Caller caller, long dossierId, long documentId) {
        return documents.content(caller, dossierId, documentId);
    }

    @Override
    public Receipt submit(Caller caller, long dossierId) {
        Submission.Submitted done;
        try {
            done = tx.call(em -> submission.submit(em, caller, dossierId));
        } catch (GuichetException e) {
            if (!"EDIT_CONFLICT".equals(e.code())) {
                throw e;
            }
            // submitted at the same moment by another request: the first one's receipt is the answer
            Receipt first = tx.call(em -> {
                DossierEntity d = access.dossier(em, caller, dossierId, Action.READ);
                return d.receipt == null ? null : Json.read(d.receipt, Receipt.class);
            });
            if (first == null) {
                throw e;
            }
            return first;
        }
        // committed: only now does the mail leave
        if (done.mail() != null) {
            Mails.sendQuietly(mail, done.mail());
        }
        return done.receipt();
    }

    @Override
    public Dossier withdraw(Caller caller, long dossierId, String reason) {
        return Mails.deliver(mail, tx.call(em -> {
            Mails.Mailed<DossierEntity> done = withdrawal.withdraw(em, caller, dossierId, reason);
            return Mails.Mailed.of(views.view(em, done.result(), access.require(em, caller, dossierId, Action.READ)
                    .standing(), FR), done.mails());
        }));
    }

    @Override
    public Dossier share(Caller caller, long dossierId, Long mandateId) {
        return tx.call(em -> views.view(em, withdrawal.share(em, caller, dossierId, mandateId),
                access.require(em, caller, dossierId, Action.READ).standing(), FR));
    }

    @Override
    public List<EnrolmentOffer> offers(Caller caller, long dossierId) {
        return tx.call(em -> opening.offers(em, caller, dossierId));
    }

    @Override
    public Dossier acceptOffer(Caller caller, long dossierId, long enrolmentId) {
        return tx.call(em -> views.view(em, opening.acceptOffer(em, caller, dossierId, enrolmentId),
                access.require(em, caller, dossierId, Action.READ).standing(), FR));
    }
}
