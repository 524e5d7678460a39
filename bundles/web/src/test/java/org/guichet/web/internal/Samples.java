package org.guichet.web.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.guichet.api.scheme.Amount;
import org.guichet.api.scheme.AmountLine;
import org.guichet.api.scheme.Choice;
import org.guichet.api.scheme.Evaluation;
import org.guichet.api.scheme.FieldDefinition;
import org.guichet.api.scheme.FieldType;
import org.guichet.api.scheme.Installment;
import org.guichet.api.scheme.LocalizedText;
import org.guichet.api.scheme.Reason;
import org.guichet.api.scheme.RequiredDocument;
import org.guichet.api.scheme.SchemeDescriptor;
import org.guichet.api.scheme.SchemeRef;

/** Values for the render tests: a small scheme with a question of each kind, and its rules' answers. */
final class Samples {
    private Samples() { }

    static Ui ui(Locale locale) {
        return new Ui(locale, "/test", () -> "csrf-value", () -> null);
    }

    static LocalizedText text(String fr, String en) {
        return new LocalizedText(fr, en);
    }

    static SchemeDescriptor scheme() {
        List<FieldDefinition> fields = List.of(
                new FieldDefinition("birthDate", FieldType.DATE, "you", text("Date de naissance", "Birth date"),
                        text("Comme sur votre pièce d'identité", "As on your ID"), true, null, null, false, null, null,
                        List.of()),
                new FieldDefinition("jobSeeker", FieldType.BOOLEAN, "situation", text("Inscrit à France Travail ?",
                        "Registered with France Travail?"), null, true, null, null, false, null, null, List.of()),
                new FieldDefinition("programme", FieldType.CHOICE, "training", text("Programme", "Programme"), null, true,
                        null, null, false, null, null, List.of(new Choice("QUALIF_EMPLOI", text("Qualif Emploi",
                                "Qualif Emploi")), new Choice("UNKNOWN", text("Je ne sais pas", "I don't know")))),
                new FieldDefinition("hours", FieldType.INTEGER, "training", text("Heures", "Hours"), null, false, null,
                        null, false, null, null, List.of()));
        return new SchemeDescriptor("vocational-training", "1.0.0", text("Aide <formation>", "Training <aid>"),
                text("Résumé", "Summary"), text("Description", "Description"), List.of("APPLICANT", "MEDIATOR"),
                "APPLICANT", true, fields, List.of(), Map.of(), List.of(
                        new org.guichet.api.scheme.StepDefinition("you", text("Vous", "You"), null),
                        new org.guichet.api.scheme.StepDefinition("situation", text("Votre situation", "Your situation"),
                                null),
                        new org.guichet.api.scheme.StepDefinition("training", text("Votre formation", "Your training"),
                                null)));
    }

    static Evaluation eligible() {
        return new Evaluation(new SchemeRef("vocational-training", "1.0.0"), true, List.of(),
                List.of(new RequiredDocument("ID", "Pièce d'identité", "Pour savoir qui vous êtes", "r")),
                new Amount("EUR", new BigDecimal("500.00"), new BigDecimal("750.00"), List.of(
                        new Installment("2026-09", new BigDecimal("250.00")),
                        new Installment("2026-10", new BigDecimal("500.00"))),
                        List.of(new AmountLine("BASE", "Base", new BigDecimal("500.00"), "r"))), List.of());
    }

    static Evaluation refused() {
        return new Evaluation(new SchemeRef("vocational-training", "1.0.0"), false,
                List.of(new Reason("TOO_OLD", "Vous avez plus de 30 ans", "r")), List.of(), null, List.of());
    }
}
