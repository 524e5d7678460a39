package org.guichet.api.instruction;

import java.time.LocalDate;
import java.util.List;
import org.guichet.api.dossiers.Dossier;
import org.guichet.api.dossiers.PersonRef;
import org.guichet.api.mandates.Mandate;
import org.guichet.api.payments.Payment;

/** A dossier as an agent instructs it: the applicant's view plus what only agents see. */
public record CaseFile(Dossier dossier, PersonRef assignee, String waitingOn, LocalDate deadline, Mandate mandate,
        List<DocumentCheck> checks, List<ComplementRequest> complements, List<ThreadMessage> messages,
        List<InternalNote> notes, List<Decision> decisions, List<Payment> payments, List<PhoneCall> calls) { }
