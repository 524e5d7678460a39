package org.guichet.dossiers.internal.payments;

import java.io.IOException;
import org.guichet.dossiers.internal.observatory.Ledger;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import org.guichet.api.accounts.Caller;
import org.guichet.api.accounts.Role;
import org.guichet.api.activity.Channel;
import org.guichet.api.dossiers.DossierService;
import org.guichet.api.error.GuichetException;
import org.guichet.api.error.GuichetException.Kind;
import org.guichet.api.letters.CreditTransfer;
import org.guichet.api.letters.SepaWriter;
import org.guichet.api.mail.MailService;
import org.guichet.api.mail.OutgoingMail;
import org.guichet.api.partners.Organisation;
import org.guichet.api.partners.RowError;
import org.guichet.api.payments.AttendanceReport;
import org.guichet.api.payments.Payment;
import org.guichet.api.payments.PaymentBatch;
import org.guichet.api.payments.PaymentService;
import org.guichet.api.scheme.SchemeRegistry;
import org.guichet.api.store.Database;
import org.guichet.dossiers.internal.Mails;
import org.guichet.dossiers.internal.Words;
import org.guichet.dossiers.internal.Tx;
import org.guichet.dossiers.internal.accounts.AccountViews;
import org.guichet.dossiers.internal.accounts.Secrets;
import org.guichet.dossiers.internal.activity.Activity;
import org.guichet.dossiers.internal.jpa.AccountEntity;
import org.guichet.dossiers.internal.jpa.DecisionEntity;
import org.guichet.dossiers.internal.jpa.DossierEntity;
import org.guichet.dossiers.internal.jpa.PaymentBatchEntity;
import org.guichet.dossiers.internal.jpa.PaymentEntity;
import org.guichet.dossiers.internal.shared.Spreadsheet;
import org.guichet.dossiers.internal.shared.Views;
import org.guichet.dossiers.internal.shared.Preload;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Payments: attendance sets what a month pays; agents issue what is due as one SEPA file; the bank's execution is
 * then recorded. Every step is recorded on each dossier concerned.
 */
@Component(service = PaymentService.class, configurationPid = PaymentConfig.PID)
@Designate(ocd = PaymentConfig.class)
public class PaymentServiceImpl implements PaymentService {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final List<String> ATTENDANCE_FIELDS = AttendanceRows.FIELDS;
    static final int MAX_ROWS = 5_000;

    private final Tx tx;
    private final DossierService dossiers;
    private final SchemeRegistry registry;
    private final SepaWriter sepa;
    private final MailService mail;
    private volatile PaymentConfig config;

    @Activate
    public PaymentServiceImpl(@Reference(target = "(osgi.unit.name=guichet-dossiers)") EntityManagerFactory emf,
            @Reference Database database, @Reference DossierService dossiers, @Reference SchemeRegistry registry,
            @Reference SepaWriter sepa, @Reference MailService mail, PaymentConfig config) {
        this.tx = new Tx(emf);
        this.dossiers = dossiers;
        this.registry = registry;
        this.sepa = sepa;
        this.mail = mail;
        this.config = config;
    }

    @Modified
    void modified(PaymentConfig c) {
        this.config = c;
    }

    @Override
    public List<Payment> payments(Caller caller, long dossierId) {
        dossiers.get(caller, dossierId);
        return tx.call(em -> Views.payments(em, dossierId));
    }

    static Payment view(EntityManager em, PaymentEntity p) {
        return Views.payment(em, p);
    }

    // ---- attendance

    @Override
    public AttendanceReport reportAttendance(Organisation organisation, List<Map<String, Object>> rows) {
        if (rows == null || rows.isEmpty()) {
            throw GuichetException.invalid("NO_ROWS", "attendance", "Aucune ligne de présence n'a été envoyée.");
        }
        if (rows.size() > 5_000) {
            throw new GuichetException(GuichetException.Kind.INVALID, "TOO_MANY_ROWS", "attendance",
                    "Au plus 5000 lignes par envoi.", null, Map.of("max", 5000));
        }
        List<Spreadsheet.Row> numbered = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            numbered.add(new Spreadsheet.Row(i + 1, rows.get(i) == null ? Map.of() : rows.get(i)));
        }
        return attendance(organisation, numbered);
    }

    /** The rows keep their numbers in the sheet they came from (JSON: their place in the list, from 1). */
    private AttendanceReport attendance(Organisation organisation, List<Spreadsheet.Row> rows) {
        if (rows.isEmpty()) {
            throw GuichetException.invalid("NO_ROWS", "attendance", "Aucune ligne de présence n'a été envoyée.");
        }
        List<RowError> rejected = new ArrayList<>();
        List<Long> updated = new ArrayList<>();
        tx.run(em -> {
            for (Spreadsheet.Row numberedRow : rows) {
                int row = numberedRow.number();
                Map<String, Object> r = numberedRow.values();
                AttendanceRows.Checked checked = AttendanceRows.check(row, r);
                List<RowError> errors = checked.errors();
                String email = checked.email();
                YearMonth month = checked.month();
                BigDecimal attended = checked.attended();
                BigDecimal scheduled = checked.scheduled();
                if (!errors.isEmpty()) {
                    rejected.addAll(errors);
                    continue;
                }
                long enrolled = em.createQuery("select count(e) from EnrolmentEntity e where e.organisationId = :o and"
                        + " e.traineeEmail = :m", Long.class).setParameter("o", organisation.id()).setParameter("m", email)
                        .getSingleResult();
                if (enrolled == 0) {
                    rejected.add(new RowError(row, "traineeEmail", "NOT_YOUR_TRAINEE", "Votre organisme n'a pas déclaré"
                            + " l'inscription de cette personne."));
                    continue;
                }
                // only the payments of dossiers that name this organisation as their training organisation
                List<PaymentEntity> found = em.createQuery("select p from PaymentEntity p, DossierEntity d, AccountEntity a"
                        + " where p.dossierId = d.id and d.applicantId = a.id and a.email = :m and p.month = :month"
                        + " and d.organisationId = :o and p.status <> 'CANCELLED'", PaymentEntity.class)
                        .setParameter("m", email).setParameter("o", organisation.id())
                        .setParameter("month", month.toString()).getResultList();
                if (found.isEmpty()) {
                    rejected.add(new RowError(row, "month", "NO_PAYMENT_FOR_MONTH", "Aucun versement n'est prévu ce mois-là"
                            + " pour cette personne (aide non accordée, ou mois hors de la formation)."));
                    continue;
                }
                for (PaymentEntity p : found) {
                    if (!"SCHEDULED".equals(p.status) && !"PAYABLE".equals(p.status)) {
                        rejected.add(new RowError(row, "month", "ALREADY_PAID", "Ce mois est déjà versé ou en cours de versement."));
                        continue;
                    }
                    p.attendedHours = attended;
                    p.scheduledHours = scheduled;
                    p.payableAmount = Schedules.payable(p.promisedAmount, attended, scheduled);
                    p.status = "PAYABLE";
                    updated.add(p.id);
                    Activity.record(em, "ATTENDANCE_REPORTED", null, organisation.name(), null, Channel.PARTNER,
                            p.dossierId, organisation.id(), "Présence " + month + " : " + attended + " h sur " + scheduled
                                    + " h ; à verser " + p.payableAmount + " € sur " + p.promisedAmount + " €");
                }
            }
        });
        return new AttendanceReport(rows.size(), updated.size(), updated, rejected);
    }

    @Override
    public AttendanceReport importAttendanceCsv(Organisation organisation, Reader csv) {
        return attendance(organisation, Spreadsheet.csv(Spreadsheet.text(csv), Spreadsheet.ATTENDANCE_COLUMNS, MAX_ROWS));
    }

    @Override
    public AttendanceReport importAttendanceSpreadsheet(Organisation organisation, java.io.InputStream content) {
        return attendance(organisation, Spreadsheet.read(content, Spreadsheet.ATTENDANCE_COLUMNS, MAX_ROWS));
    }

    // ---- SEPA

    @Override
    public List<Payment> due(Caller agent, LocalDate asOf) {
        requireAgent(agent);
        LocalDate day = asOf == null ? LocalDate.now(PARIS) : asOf;
        if (agent.schemes().isEmpty()) {
            return List.of();
        }
        // one query of the columns shown (thousands of due payments at the start of a month)
        return tx.call(em -> em.createQuery("select p.id, p.dossierId, d.reference, p.month, p.promisedAmount,"
                + " p.payableAmount, p.promisedDate, p.status, p.batchId, p.paidOn, p.attendedHours, p.scheduledHours,"
                + " x.payeeName, x.payeeIban from PaymentEntity p, DossierEntity d, DecisionEntity x where"
                + " p.dossierId = d.id and p.decisionId = x.id and p.status = 'PAYABLE' and p.promisedDate <= :day"
                + " and d.schemeId in :schemes and d.state = :granted order by p.promisedDate, p.id", Object[].class)
                .setParameter("day", Date.valueOf(day)).setParameter("schemes", agent.schemes())
                .setParameter("granted", org.guichet.api.dossiers.DossierState.GRANTED).getResultList().stream()
                .map(r -> new Payment((Long) r[0], (Long) r[1], (String) r[2], (String) r[3], (BigDecimal) r[4],
                        (BigDecimal) r[5], ((Date) r[6]).toLocalDate(), (String) r[7], (Long) r[8],
                        r[9] == null ? null : ((Date) r[9]).toLocalDate(), (BigDecimal) r[10], (BigDecimal) r[11],
                        (String) r[12], (String) r[13])).toList());
    }

    /** The dossiers and decisions of many payments in a few queries (see Preload). */
    private static void preload(EntityManager em, List<PaymentEntity> payments) {
        Preload.all(em, DossierEntity.class, payments.stream().map(p -> p.dossierId).toList());
        Preload.all(em, DecisionEntity.class, payments.stream().map(p -> p.decisionId).toList());
    }

    private static List<PaymentEntity> dueIn(EntityManager em, Caller agent, LocalDate day) {
        if (agent.schemes().isEmpty()) {
            return List.of();
        }
        return em.createQuery("select p from PaymentEntity p, DossierEntity d where p.dossierId = d.id and"
                + " p.status = 'PAYABLE' and p.promisedDate <= :day and d.schemeId in :schemes and d.state = :granted"
                + " order by p.promisedDate, p.id", PaymentEntity.class).setParameter("day", Date.valueOf(day))
                .setParameter("granted", org.guichet.api.dossiers.DossierState.GRANTED)
                .setParameter("schemes", agent.schemes()).getResultList();
    }

    @Override
    public PaymentBatch issue(Caller agent, LocalDate asOf, LocalDate executionDate) {
        requireAgent(agent);
        PaymentConfig c = config;
        if (c.debtor_iban() == null || c.debtor_iban().isBlank() || sepa.normaliseIban(c.debtor_iban()) == null) {
            throw new GuichetException(Kind.UNAVAILABLE, "PAYMENTS_NOT_CONFIGURED", null, "Le compte de la Région"
                    + " (debtor.iban dans etc/" + PaymentConfig.PID + ".cfg) n'est pas configuré ou pas valide.");
        }
        LocalDate day = asOf == null ? LocalDate.now(PARIS) : asOf;
        LocalDate execution = executionDate == null ? LocalDate.now(PARIS).plusDays(1) : executionDate;
        if (execution.isBefore(LocalDate.now(PARIS))) {
            throw GuichetException.invalid("EXECUTION_DATE_PAST", "executionDate", "La date d'exécution est passée.");
        }
        return tx.call(em -> {
            List<PaymentEntity> due = dueIn(em, agent, day);
            if (due.isEmpty()) {
                throw GuichetException.conflict("NOTHING_DUE", "Aucun versement n'est dû à cette date.");
            }
            PaymentBatchEntity b = new PaymentBatchEntity();
            b.createdAt = Timestamp.from(Instant.now());
            b.createdBy = agent.accountId();
            b.executionDate = Date.valueOf(execution);
            b.txCount = due.size();
            b.total = due.stream().map(p -> p.payableAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
            b.status = "ISSUED";
            b.messageId = "pending";
            b.sha256 = "pending";
            em.persist(b);
            em.flush();
            b.messageId = "GUICHET-" + DateTimeFormatter.BASIC_ISO_DATE.format(LocalDate.now(PARIS)) + "-" + b.id;
            List<CreditTransfer> transfers = new ArrayList<>();
            preload(em, due);
            for (PaymentEntity p : due) {
                DossierEntity d = em.find(DossierEntity.class, p.dossierId);
                DecisionEntity x = em.find(DecisionEntity.class, p.decisionId);
                String title = registry.activeDescriptor(d.schemeId, null).map(s -> s.title().fr()).orElse(d.schemeId);
                transfers.add(new CreditTransfer(d.reference + "-" + p.month, x.payeeName, x.payeeIban, x.payeeBic,
                        p.payableAmount, title + " " + p.month + " " + d.reference));
            }
            byte[] xml;
            try {
                xml = sepa.creditTransfers(b.messageId, b.createdAt.toInstant(), execution,
                        new SepaWriter.Debtor(c.debtor_name().isBlank() ? "Region" : c.debtor_name(), c.debtor_iban(),
                                c.debtor_bic()), transfers);
            } catch (IllegalArgumentException e) {
                throw new GuichetException(Kind.CONFLICT, "SEPA_FILE_INVALID", null, "Le fichier de virements serait"
                        + " refusé par la banque : " + e.getMessage());
            }
            b.sha256 = Secrets.sha256(xml);
            write(b.id, xml);
            for (PaymentEntity p : due) {
                p.status = "ISSUED";
                p.batchId = b.id;
                Activity.record(em, "PAYMENT_ISSUED", agent.accountId(), agent.displayName(), null, Channel.AGENT,
                        p.dossierId, null, "Versement " + p.month + " de " + p.payableAmount + " € dans le fichier "
                                + b.messageId);
            }
            em.flush();
            return batch(em, b);
        });
    }

    @Override
    public List<PaymentBatch> batches(Caller agent) {
        requireAgent(agent);
        return tx.call(em -> em.createQuery("select b from PaymentBatchEntity b order by b.id desc", PaymentBatchEntity.class)
                .setMaxResults(200).getResultList().stream().filter(b -> visible(em, agent, b)).map(b -> batch(em, b))
                .toList());
    }

    /** A SEPA file names payees of every dossier in it: only agents of all its schemes may see or act on it. */
    private static boolean visible(EntityManager em, Caller agent, PaymentBatchEntity b) {
        return em.createQuery("select distinct d.schemeId from PaymentEntity p, DossierEntity d where p.dossierId = d.id"
                + " and p.batchId = :b", String.class).setParameter("b", b.id).getResultList().stream()
                .allMatch(agent.schemes()::contains);
    }

    private static PaymentBatchEntity visibleBatch(EntityManager em, Caller agent, long batchId) {
        PaymentBatchEntity b = em.find(PaymentBatchEntity.class, batchId);
        if (b == null || !visible(em, agent, b)) {
            throw GuichetException.notFound("BATCH_NOT_FOUND", "Ce fichier de virements n'existe pas.");
        }
        return b;
    }

    @Override
    public Path batchFile(Caller agent, long batchId) {
        requireAgent(agent);
        return tx.call(em -> file(visibleBatch(em, agent, batchId).id));
    }

    @Override
    public PaymentBatch confirmPaid(Caller agent, long batchId, LocalDate paidOn) {
        requireAgent(agent);
        LocalDate day = paidOn == null ? LocalDate.now(PARIS) : paidOn;
        return Mails.deliver(mail, tx.call(em -> {
            PaymentBatchEntity b = visibleBatch(em, agent, batchId);
            // separation of duties: the agent who issued the SEPA file is not the one who says the bank paid it
            if (b.createdBy != null && b.createdBy.longValue() == agent.accountId()) {
                throw GuichetException.forbidden("ISSUER_CANNOT_CONFIRM", "Vous avez émis ce fichier de virements :"
                        + " un autre agent confirme qu'il a été payé.");
            }
            if ("PAID".equals(b.status)) {
                return Mails.Mailed.of(batch(em, b));
            }
            b.status = "PAID";
            b.paidOn = Date.valueOf(day);
            // one mail per dossier, listing its months
            Map<Long, List<PaymentEntity>> byDossier = new LinkedHashMap<>();
            for (PaymentEntity p : em.createQuery("select p from PaymentEntity p where p.batchId = :b order by p.dossierId,"
                    + " p.month", PaymentEntity.class).setParameter("b", b.id).getResultList()) {
                p.status = "PAID";
                p.paidOn = b.paidOn;
                Activity.record(em, "PAID", agent.accountId(), agent.displayName(), null, Channel.AGENT, p.dossierId, null,
                        "Versement " + p.month + " de " + p.payableAmount + " € fait le " + day);
                Ledger.paid(em, p.dossierId, p.promisedDate == null ? null : p.promisedDate.toLocalDate(), day);
                byDossier.computeIfAbsent(p.dossierId, k -> new ArrayList<>()).add(p);
            }
            List<OutgoingMail> notices = new ArrayList<>();
            byDossier.forEach((dossierId, list) -> {
                DossierEntity d = em.find(DossierEntity.class, dossierId);
                AccountEntity a = em.find(AccountEntity.class, d.applicantId);
                DecisionEntity x = em.find(DecisionEntity.class, list.get(0).decisionId);
                Words w = Words.of(a.language);
                List<String> lines = list.stream().map(p -> w.get("line.amount", "label", w.month(p.month), "amount",
                        w.euros(p.payableAmount))).toList();
                notices.add(Mails.mail(a.email, w, "payment", "PAYMENT", "name", a.displayName, "payee", x.payeeName,
                        "reference", d.reference, "lines", Mails.items(lines)));
            });
            em.flush();
            return Mails.Mailed.of(batch(em, b), notices);
        }));
    }

    private static PaymentBatch batch(EntityManager em, PaymentBatchEntity b) {
        List<Long> ids = em.createQuery("select p.id from PaymentEntity p where p.batchId = :b order by p.id", Long.class)
                .setParameter("b", b.id).getResultList();
        return new PaymentBatch(b.id, b.messageId, b.createdAt.toInstant(), b.executionDate.toLocalDate(), b.txCount,
                b.total, ids, b.status, b.sha256);
    }

    private Path dir() {
        String d = config.files_dir();
        return d == null || d.isBlank() ? Paths.get(System.getProperty("karaf.data", "data"), "guichet", "payments")
                : Paths.get(d);
    }

    private Path file(long batchId) {
        return dir().resolve("sepa-" + batchId + ".xml");
    }

    private void write(long batchId, byte[] xml) {
        try {
            org.guichet.dossiers.internal.PrivateFiles.directory(dir()); // IBANs: the portal's only (0700)
            Path tmp = Files.createTempFile(dir(), "sepa-", ".part");
            Files.write(tmp, xml);
            Files.move(tmp, file(batchId), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the SEPA file", e);
        }
    }

    private static void requireAgent(Caller c) {
        if (!c.has(Role.AGENT) && !c.has(Role.SUPERVISOR)) {
            throw GuichetException.forbidden("AGENT_ONLY", "Réservé aux agents instructeurs de la Région.");
        }
    }

}
