package org.guichet.dossiers.internal.impact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.guichet.dossiers.testing.TestSchemes;

/**
 * A candidate version of vocational-training built for the tests: a copy of the scheme's folder as version 0.9.0
 * (below 1.0.0, so that new dossiers keep getting 1.0.0 until PREVIEW exists), with one bracket of the base amount
 * changed (family quotient above 1,000 up to 1,500 €: 350 → 380 € a month) and the shortest training raised
 * (strictly more than 70 → 100 hours). The test cases those figures contradict are left out of its test pack.
 */
final class Candidate {
    static final String VERSION = "0.9.0";
    static final int MONTHLY_INCREASE = 30;
    static final int HOURS_BEFORE = 70;
    static final int HOURS_AFTER = 100;

    private static final String ANSWERS = """
              answers:
                birthDate: "2001-03-10"
                trainingStartDate: "2026-09-14"
                trainingEndDate: "2027-02-26"
                trainingHours: %d
                programme: QUALIF_EMPLOI
                regionFunded: true
                franceTravailRegistered: true
                unemploymentBenefit: NONE
                taxNoticeProvided: true
                referenceTaxIncome: 14400
                taxShares: 1
                familyBreakdown: false
                singleParent: false
                homeToTrainingKm: 25
            """;
    /** the two changes, as a directorate would test them: 100 hours too short now; QF 1,200 € gets 380 + 60 + 60 */
    static final String CASES = "- name: \"hours: 100 is not enough any more\"\n" + ANSWERS.formatted(100)
            + "  expect:\n    eligible: false\n    reasons: [TRAINING_TOO_SHORT]\n\n"
            + "- name: \"family quotient 1,200: base 380\"\n" + ANSWERS.formatted(101)
            + "  expect:\n    eligible: true\n    monthly: 500\n";

    private Candidate() { }

    /** The standard schemes and the candidate, as the portal would hold them side by side. */
    static TestSchemes schemes() {
        Path rules = TestSchemes.rulesFolder();
        return TestSchemes.of(rules.resolve("vocational-training"), rules.resolve("driving-licence"),
                rules.resolve("digital-equipment"), folder());
    }

    static synchronized Path folder() {
        Path source = TestSchemes.rulesFolder().resolve("vocational-training");
        Path target = Path.of("target", "impact-candidate", "vocational-training-" + VERSION).toAbsolutePath();
        try {
            if (!Files.isDirectory(target)) {
                copy(source, target);
                replace(target.resolve("scheme.yaml"), "version: 1.0.0", "version: " + VERSION);
                replace(target.resolve("parameters/base-by-family-quotient.csv"), "1000,1500,350", "1000,1500,380");
                replace(target.resolve("parameters/figures.csv"), "training.hoursMustExceed," + HOURS_BEFORE,
                        "training.hoursMustExceed," + HOURS_AFTER);
                // its own test pack: the old one checks the old figures
                try (Stream<Path> old = Files.list(target.resolve("tests"))) {
                    for (Path f : old.toList()) {
                        Files.delete(f);
                    }
                }
                Files.writeString(target.resolve("tests/candidate.yaml"), CASES);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String s = Files.readString(file);
        if (!s.contains(from)) {
            throw new IllegalStateException(file + " no longer holds '" + from + "': update the test candidate");
        }
        Files.writeString(file, s.replace(from, to));
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.filter(p -> !p.toString().contains("/target")).toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
