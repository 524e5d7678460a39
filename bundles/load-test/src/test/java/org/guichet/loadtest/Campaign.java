package org.guichet.loadtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the populations of one run share, in this JVM: the people of the run (addresses carry a run suffix, so a run
 * works on a database that is not empty), the trainees the organisation enrolled, the dossiers submitted and not yet
 * decided, the granted trainees whose attendance the organisation reports, and the end of the morning.
 *
 * <p>Virtual agents share out the dossiers of this run among themselves, as a team lead does: the run never decides a
 * dossier it did not make, and two virtual agents never race for the same one (that race, and its 409, are tested in
 * the integration tests).
 */
final class Campaign {
    static final String SCHEME = "vocational-training";
    static final String APPLICANT_PASSWORD = "une foule arrive en septembre";
    static final String STAFF_PASSWORD = "la rentree des stagiaires en region";
    static final String PAYEE_IBAN = "FR76 3000 6000 0112 3456 7890 189";
    /** The months of the worked example's training (14 September 2026 to 26 February 2027), one attendance each. */
    static final List<String> MONTHS = List.of("2026-09", "2026-10", "2026-11", "2026-12", "2027-01", "2027-02");
    static final int ENROLMENT_ROWS = 30;

    final String run = Long.toString(System.currentTimeMillis() % 2_000_000_000L, 36);
    private final AtomicInteger people = new AtomicInteger();
    private final Duration length;
    private final AtomicLong deadline = new AtomicLong();

    final Queue<String> agents = new ConcurrentLinkedQueue<>();
    final Queue<String> mediators = new ConcurrentLinkedQueue<>();
    volatile String apiKey;

    /** Enrolled by the organisation and not yet signed up: the next trainees use these addresses. */
    private final Queue<String> enrolled = new ConcurrentLinkedQueue<>();
    private final AtomicInteger enrolmentBatches = new AtomicInteger();
    private final Queue<Submitted> toDecide = new ConcurrentLinkedQueue<>();
    private final List<String> grantedEnrolled = new CopyOnWriteArrayList<>();
    private final AtomicInteger attendanceMonth = new AtomicInteger();

    final AtomicInteger submitted = new AtomicInteger();
    final AtomicInteger decided = new AtomicInteger();
    final AtomicInteger attendanceRows = new AtomicInteger();
    final AtomicInteger failedJourneys = new AtomicInteger();

    record Submitted(long dossierId, String name, String email, boolean enrolled) { }

    /** At most this long after the planned end, a run that must cover every path goes on until it has. */
    static final Duration COVERAGE_GRACE = Duration.ofSeconds(90);
    private final boolean untilEveryPath;

    Campaign(Duration length) {
        this(length, false);
    }

    /**
     * @param untilEveryPath the smoke run: it asserts that every kind of request ran at least once, and the
     *                       organisation's attendance needs a granted, enrolled trainee first, which a busy machine
     *                       may reach only after the planned 20 s; the run then goes on (at most
     *                       {@link #COVERAGE_GRACE} more) until an attendance has been posted
     */
    Campaign(Duration length, boolean untilEveryPath) {
        this.length = length;
        this.untilEveryPath = untilEveryPath;
    }

    /** True until the end of the morning: `duration` seconds after the first virtual user started. */
    boolean running() {
        long now = System.nanoTime();
        deadline.compareAndSet(0, now + length.toNanos());
        if (now < deadline.get()) {
            return true;
        }
        return untilEveryPath && attendanceRows.get() == 0 && now < deadline.get() + COVERAGE_GRACE.toNanos();
    }

    String email(String who) {
        return who + "-" + run + "-" + people.incrementAndGet() + "@example.fr";
    }

    String staffEmail(String role, int i) {
        return role + "-" + run + "-" + i + "@region.example";
    }

    // ---- the training organisation

    boolean needsEnrolments(int traineeUsers) {
        return enrolled.size() < Math.max(10, traineeUsers);
    }

    boolean firstEnrolmentsSent() {
        return enrolmentBatches.get() > 0;
    }

    /** Thirty new trainees, as the organisation's spreadsheet exports them (semicolons, French dates). */
    List<String> newEnrolmentBatch() {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < ENROLMENT_ROWS; i++) {
            emails.add(email("inscrit"));
        }
        return emails;
    }

    static String enrolmentCsv(List<String> emails) {
        StringBuilder csv = new StringBuilder(
                "traineeEmail;firstName;lastName;trainingStartDate;trainingEndDate;trainingHours;programme;regionFunded\n");
        int i = 0;
        for (String e : emails) {
            csv.append(e).append(";Léa;Martin-").append(++i).append(";14/09/2026;26/02/2027;600;QUALIF_EMPLOI;oui\n");
        }
        return csv.toString();
    }

    void enrolmentsAccepted(List<String> emails) {
        enrolled.addAll(emails);
        enrolmentBatches.incrementAndGet();
    }

    /** An enrolled address for the next trainee, or null (she then answers the training questions herself). */
    String takeEnrolled() {
        return enrolled.poll();
    }

    boolean hasGrantedEnrolled() {
        return !grantedEnrolled.isEmpty();
    }

    /** This month's attendance of every enrolled trainee granted so far; each report is the next month. */
    Map.Entry<String, Integer> attendanceCsv() {
        String month = MONTHS.get(Math.floorMod(attendanceMonth.getAndIncrement(), MONTHS.size()));
        StringBuilder csv = new StringBuilder("traineeEmail;month;attendedHours;scheduledHours\n");
        List<String> trainees = List.copyOf(grantedEnrolled);
        for (int i = 0; i < trainees.size(); i++) {
            // most attend every hour; one in five missed a day
            csv.append(trainees.get(i)).append(';').append(month).append(';').append(i % 5 == 0 ? 98 : 105)
                    .append(";105\n");
        }
        return Map.entry(csv.toString(), trainees.size());
    }

    // ---- dossiers between filers and agents

    void submittedDossier(long id, String name, String email, boolean isEnrolled) {
        toDecide.add(new Submitted(id, name, email, isEnrolled));
        submitted.incrementAndGet();
    }

    Submitted nextToDecide() {
        return toDecide.poll();
    }

    void granted(Submitted s) {
        decided.incrementAndGet();
        if (s.enrolled()) {
            grantedEnrolled.add(s.email());
        }
    }

    // ---- the end of the run

    /** Prints the first failures (which request, what the portal answered) as they happen. */
    void failed(String scenario, String request, String body) {
        int n = failedJourneys.incrementAndGet();
        if (n <= 20) {
            String b = body == null ? "(no body)" : body.length() > 400 ? body.substring(0, 400) + "…" : body;
            System.out.println("[load-test] journey failed (" + scenario + ", at " + request + "): " + b);
        }
    }

    Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dossiers submitted", submitted.get());
        m.put("dossiers granted", decided.get());
        m.put("left in the queue", toDecide.size());
        m.put("enrolment CSVs accepted", enrolmentBatches.get());
        m.put("attendance rows accepted", attendanceRows.get());
        m.put("journeys that failed", failedJourneys.get());
        return m;
    }
}
