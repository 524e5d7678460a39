package org.guichet.web.internal;

import org.guichet.api.accounts.Caller;
import org.guichet.api.instruction.CaseFile;
import org.guichet.api.instruction.Decision;
import org.guichet.api.instruction.DocumentCheck;
import org.guichet.api.instruction.Payee;
import org.guichet.api.instruction.PhoneCall;

/** What the instruction page reads from a case file beyond its fields. */
public final class CaseFileView {
    private CaseFileView() { }

    /** The newest check of a document (the one that counts), or null. */
    public static DocumentCheck lastCheck(CaseFile f, long documentId) {
        DocumentCheck last = null;
        for (DocumentCheck c : f.checks()) {
            if (c.documentId() == documentId) {
                last = c;
            }
        }
        return last;
    }

    /** The call this agent has open on this dossier, or null. */
    public static PhoneCall openCall(CaseFile f, Caller agent) {
        PhoneCall open = null;
        for (PhoneCall call : f.calls()) {
            if (call.endedAt() == null && call.agent() != null && call.agent().id() == agent.accountId()) {
                open = call;
            }
        }
        return open;
    }

    /** Who the aid goes to, as the latest decision said, else the applicant by her name (a correction starts there). */
    public static Payee payee(CaseFile f) {
        for (int i = f.decisions().size() - 1; i >= 0; i--) {
            Decision d = f.decisions().get(i);
            if (d.payee() != null && d.payee().name() != null) {
                return d.payee();
            }
        }
        return new Payee(f.dossier().applicant().displayName(), null, null);
    }

    /** A file decided, or waiting on a complement, may be closed. */
    public static boolean closable(CaseFile f) {
        return f.dossier().state().decided() || "WAITING_COMPLEMENT".equals(f.dossier().state().name());
    }
}
