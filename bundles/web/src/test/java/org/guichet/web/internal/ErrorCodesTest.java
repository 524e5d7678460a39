package org.guichet.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.guichet.api.error.GuichetException;
import org.guichet.api.error.GuichetException.Kind;
import org.junit.jupiter.api.Test;

/**
 * Every refusal the services can make has words in both languages: the codes are read from the main Java sources
 * of every module beside this one ({@code bundles/}{@code *}{@code /src/main/java}), and each must have an
 * {@code error.<CODE>} entry in messages.properties and messages_en.properties.
 *
 * <p>A code is an upper-case string literal ({@code [A-Z][A-Z0-9_]+}) found in one of these four shapes, spaces and
 * line breaks allowed where Java allows them:
 * <ol>
 * <li>{@code invalid("CODE"}, {@code notFound("CODE"}, {@code forbidden("CODE"}, {@code conflict("CODE"},
 *     {@code refuse("CODE"} — GuichetException's factories (and the lifecycle's own {@code refuse});</li>
 * <li>{@code GuichetException(Kind.X, "CODE"} or {@code GuichetException(GuichetException.Kind.X, "CODE"} — its
 *     constructor;</li>
 * <li>{@code new AnswerError(<field>, "CODE"} — an answer's error (rules engine, submission);</li>
 * <li>{@code new Invalid("CODE"} — the rules engine's answer validator, whose code becomes an AnswerError's.</li>
 * </ol>
 * A new way of throwing a code must be added here, or its codes go unchecked.
 */
class ErrorCodesTest {
    static final List<Pattern> SHAPES = List.of(
            Pattern.compile("\\b(?:invalid|notFound|forbidden|conflict|refuse)\\(\\s*\"([A-Z][A-Z0-9_]+)\""),
            Pattern.compile("GuichetException\\(\\s*(?:GuichetException\\.)?Kind\\.[A-Z_]+\\s*,\\s*\"([A-Z][A-Z0-9_]+)\""),
            Pattern.compile("\\bnew AnswerError\\([^;]*?,\\s*\"([A-Z][A-Z0-9_]+)\""),
            Pattern.compile("\\bnew Invalid\\(\\s*\"([A-Z][A-Z0-9_]+)\""));
    static final Pattern NAMED = Pattern.compile("\\{[A-Za-z][A-Za-z0-9]*\\}");

    /** The modules' folder: this module's parent ({@code basedir} is set by Surefire to bundles/web). */
    static Path modules() {
        return Paths.get(System.getProperty("basedir", ".")).toAbsolutePath().normalize().resolve("..").normalize();
    }

    /** Each code, with the first module it was found in; {@code modules} gets every module where one was found. */
    static Map<String, String> codes(Set<String> modules) throws IOException {
        Map<String, String> codes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(modules())) {
            files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> f.toString().replace('\\', '/').contains("/src/main/java/"))
                    .forEach(f -> {
                        String source;
                        try {
                            source = Files.readString(f);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        String module = modules().relativize(f).getName(0).toString();
                        for (Pattern shape : SHAPES) {
                            Matcher m = shape.matcher(source);
                            while (m.find()) {
                                codes.putIfAbsent(m.group(1), module);
                                modules.add(module);
                            }
                        }
                    });
        }
        return codes;
    }

    @Test
    void everyCodeTheServicesThrowHasWordsInBothLanguages() throws IOException {
        Set<String> modules = new TreeSet<>();
        Map<String, String> codes = codes(modules);
        assertTrue(codes.size() >= 120, "the scan found only " + codes.size() + " codes in " + modules() + ": " + codes);
        for (String module : List.of("dossiers", "rules-engine", "rest", "web")) {
            assertTrue(modules.contains(module), "no code found in bundles/" + module + ": " + modules);
        }
        Properties fr = MessagesTest.load("messages.properties");
        Properties en = MessagesTest.load("messages_en.properties");
        Set<String> missingFr = new TreeSet<>();
        Set<String> missingEn = new TreeSet<>();
        codes.forEach((code, module) -> {
            if (!fr.containsKey("error." + code)) {
                missingFr.add(code + " (" + module + ")");
            }
            if (!en.containsKey("error." + code)) {
                missingEn.add(code + " (" + module + ")");
            }
        });
        assertEquals(Set.of(), missingFr, "codes without French words in messages.properties");
        assertEquals(Set.of(), missingEn, "codes without English words in messages_en.properties");
    }

    @Test
    void aRefusalSaysTheSameDetailsInBothLanguages() throws IOException {
        Properties fr = MessagesTest.load("messages.properties");
        Properties en = MessagesTest.load("messages_en.properties");
        for (String key : fr.stringPropertyNames()) {
            if (key.startsWith("error.")) {
                assertEquals(named(fr.getProperty(key)), named(en.getProperty(key)), key);
            }
        }
    }

    static Set<String> named(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = NAMED.matcher(text == null ? "" : text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    @Test
    void theWordsAreTheBundlesInFrenchTooFilledFromTheDetails() {
        GuichetException locked = new GuichetException(Kind.TOO_MANY_ATTEMPTS, "ACCOUNT_LOCKED", "password",
                "le message du service", null, Map.of("minutes", 15L, "retryAfterSeconds", 900L));
        assertEquals("Trop d'essais de mot de passe : la connexion par mot de passe est bloquée pendant 15 minutes."
                + " Vous pouvez vous connecter tout de suite avec un code reçu par courriel.",
                Messages.of(Locale.FRENCH, locked));
        assertTrue(Messages.of(Locale.ENGLISH, locked).contains("blocked for 15 minutes"));

        GuichetException tooLarge = new GuichetException(Kind.TOO_LARGE, "FILE_TOO_LARGE", "file", "x", null,
                Map.of("label", "Pièce d'identité", "label.en", "Identity document", "size", "5 Mo", "size.en", "5 MB"));
        assertTrue(Messages.of(Locale.FRENCH, tooLarge).startsWith("Le fichier « Pièce d'identité » est trop lourd :"
                + " 5 Mo au plus."), Messages.of(Locale.FRENCH, tooLarge));
        assertTrue(Messages.of(Locale.ENGLISH, tooLarge).startsWith("The file \"Identity document\" is too large: 5 MB"
                + " at most."), Messages.of(Locale.ENGLISH, tooLarge));
        // a value is never read as a placeholder
        GuichetException taken = new GuichetException(Kind.CONFLICT, "ALREADY_TAKEN", null, "x", null,
                Map.of("assignee", "{minutes}"));
        assertEquals("Ce dossier est déjà pris par {minutes}.", Messages.of(Locale.FRENCH, taken));
    }

    @Test
    void withoutTheDetailsOrTheWordsTheServicesFrenchOrAPlainSentence() {
        GuichetException noDetails = GuichetException.conflict("ALREADY_TAKEN", "Ce dossier est déjà pris par un autre"
                + " agent.");
        assertEquals("Ce dossier est déjà pris par un autre agent.", Messages.of(Locale.FRENCH, noDetails));
        assertEquals(Messages.text(Locale.ENGLISH, "error.fallback"), Messages.of(Locale.ENGLISH, noDetails));
        GuichetException unknown = GuichetException.invalid("NOT_A_CODE_ANYONE_THROWS", null, "Phrase du service.");
        assertEquals("Phrase du service.", Messages.of(Locale.FRENCH, unknown));
        String english = Messages.of(Locale.ENGLISH, unknown);
        assertFalse(english.contains("error."), english);
        assertEquals("This request could not be completed. Try again, or ask the aid service for help.", english);
    }
}
