package org.guichet.dossiers.internal.jpa;

import java.sql.Date;
import java.sql.Timestamp;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Version;
import org.guichet.api.dossiers.DossierState;
import org.guichet.dossiers.internal.lifecycle.DossierLifecycle;
import org.guichet.dossiers.internal.lifecycle.WaitingOn;

/**
 * A dossier row. Its state, who it waits on, its deadline and its assignee are private: they change only through
 * {@link #move}, whose step only {@link DossierLifecycle} can make (one writer per invariant).
 */
@Entity
@Table(name = "DOSSIER")
public class DossierEntity {
    @Id @GeneratedValue(strategy = GenerationType.IDENTITY) @Column(name = "ID") public Long id;
    @Column(name = "REFERENCE") public String reference;
    @Column(name = "SCHEME_ID") public String schemeId;
    @Column(name = "SCHEME_VERSION") public String schemeVersion;
    @Enumerated(EnumType.STRING) @Column(name = "STATE") private DossierState state = DossierState.DRAFT;
    @Column(name = "APPLICANT_ID") public Long applicantId;
    @Column(name = "CREATED_BY") public Long createdBy;
    /** the mandate that lets a mediator reach this dossier: the one it was filed under, or one she shared it with */
    @Column(name = "MANDATE_ID") public Long mandateId;
    /** the training organisation the dossier names (its enrolment data was accepted): its key reaches this dossier */
    @Column(name = "ORGANISATION_ID") public Long organisationId;
    /** JSON object: field name → value as JSON gives it */
    @Column(name = "ANSWERS") public String answers;
    /** JSON object: field name → who gave it (e.g. ORGANISATION:12) for pre-filled answers */
    @Column(name = "ANSWER_SOURCES") public String answerSources;
    /** JSON of the Evaluation stored at submission */
    @Column(name = "EVALUATION") public String evaluation;
    /** JSON of the Receipt */
    @Column(name = "RECEIPT") public String receipt;
    @Column(name = "CREATED_AT") public Timestamp createdAt;
    @Column(name = "UPDATED_AT") public Timestamp updatedAt;
    @Column(name = "SUBMITTED_AT") public Timestamp submittedAt;
    /** the agent who took it */
    @Column(name = "ASSIGNEE_ID") private Long assigneeId;
    @Enumerated(EnumType.STRING) @Column(name = "WAITING_ON") private WaitingOn waitingOn;
    @Column(name = "DEADLINE") private Date deadline;
    @Column(name = "DECIDED_AT") public Timestamp decidedAt;
    /**
     * 1 for a test dossier (staff trying the version they are served, never submittable), 0 otherwise; set once when
     * the dossier is opened ({@link #markTest}), never changed after (a promotion of its version leaves it a test)
     */
    @Column(name = "TEST_DOSSIER") private short testDossier;
    /** optimistic lock: two people editing at once never overwrite each other silently */
    @Version @Column(name = "VERSION") public long version;

    public DossierState state() {
        return state;
    }

    public WaitingOn waitingOn() {
        return waitingOn;
    }

    public Date deadline() {
        return deadline;
    }

    public Long assigneeId() {
        return assigneeId;
    }

    /** Whether this is a test dossier (see the column). */
    public boolean test() {
        return testDossier != 0;
    }

    /** Marks a dossier being opened as a test dossier; refused on a dossier already stored. */
    public DossierEntity markTest() {
        if (id != null) {
            throw new IllegalStateException("a dossier is a test dossier from its opening or never");
        }
        testDossier = 1;
        return this;
    }

    /** True when the dossier is held by this agent (ids compared by value, never by identity). */
    public boolean heldBy(long agentId) {
        return assigneeId != null && assigneeId.longValue() == agentId;
    }

    public DossierLifecycle.Snapshot snapshot() {
        return new DossierLifecycle.Snapshot(state, waitingOn, deadline == null ? null : deadline.toLocalDate(),
                assigneeId, test());
    }

    /** Applies a move as the lifecycle decides it, or throws its refusal (the row is then untouched). */
    public DossierEntity move(DossierLifecycle.Move move, java.time.LocalDate today) {
        apply(DossierLifecycle.next(snapshot(), move, today));
        return this;
    }

    /** Writes what the lifecycle decided; nothing else writes these four columns. */
    private void apply(DossierLifecycle.Step step) {
        this.state = step.state();
        this.waitingOn = step.waitingOn();
        this.deadline = step.deadline() == null ? null : Date.valueOf(step.deadline());
        this.assigneeId = step.assigneeId();
    }
}
