package org.guichet.dossiers.internal.accounts;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.Configuration;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.resources.DictionaryBuilder;
import me.gosimple.nbvcxz.scoring.Result;
import org.guichet.api.error.GuichetException;

/**
 * What a password must be: 12 to 128 characters (any characters, spaces included: a sentence is welcome), not in
 * the list of the 100,000 most common passwords shipped by nbvcxz, and not guessable from those words, keyboard
 * patterns, dates or the person's own email and name, as nbvcxz's estimator measures it (zxcvbn's method).
 * No composition rules: they make passwords harder to remember, not harder to guess.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;
    /** bits of entropy below which nbvcxz finds a password guessable; 12 random lower-case letters give ~56 */
    static final double MIN_ENTROPY = 40;

    private final Set<String> common;

    public PasswordPolicy() {
        common = load("/dictionaries/passwords.txt");
    }

    private static Set<String> load(String resource) {
        Set<String> out = new HashSet<>();
        try (InputStream in = Nbvcxz.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("nbvcxz dictionary missing: " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    out.add(line.strip().toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /**
     * @param personalWords the email address and name, which a password must not lean on
     * @throws GuichetException INVALID with code PASSWORD_TOO_SHORT, PASSWORD_TOO_LONG, PASSWORD_COMMON or
     *                          PASSWORD_GUESSABLE, field "password"
     */
    public void check(String password, String... personalWords) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw new GuichetException(GuichetException.Kind.INVALID, "PASSWORD_TOO_SHORT", "password",
                    "Le mot de passe doit contenir au moins " + MIN_LENGTH + " caractères. Une phrase facile à retenir"
                            + " convient très bien, par exemple quatre mots séparés par des espaces.", null,
                    java.util.Map.of("min", MIN_LENGTH));
        }
        if (password.codePointCount(0, password.length()) > MAX_LENGTH) {
            throw new GuichetException(GuichetException.Kind.INVALID, "PASSWORD_TOO_LONG", "password",
                    "Le mot de passe doit contenir au plus " + MAX_LENGTH + " caractères.", null,
                    java.util.Map.of("max", MAX_LENGTH));
        }
        if (common.contains(password.toLowerCase(Locale.ROOT))) {
            throw GuichetException.invalid("PASSWORD_COMMON", "password",
                    "Ce mot de passe fait partie des mots de passe les plus utilisés : choisissez-en un autre.");
        }
        List<String> words = new ArrayList<>();
        for (String w : personalWords) {
            if (w != null && !w.isBlank()) {
                words.add(w.toLowerCase(Locale.ROOT));
                for (String part : w.toLowerCase(Locale.ROOT).split("[@._\\-\\s]+")) {
                    if (part.length() >= 3) {
                        words.add(part);
                    }
                }
            }
        }
        Result result = estimator(words).estimate(password);
        if (result.getEntropy() < MIN_ENTROPY) {
            throw GuichetException.invalid("PASSWORD_GUESSABLE", "password",
                    "Ce mot de passe serait trop facile à deviner (mot courant, suite du clavier, date, ou votre nom"
                            + " ou adresse). Ajoutez des mots qui n'ont rien à voir entre eux.");
        }
    }

    private static Nbvcxz estimator(List<String> personal) {
        List<Dictionary> dictionaries = ConfigurationBuilder.getDefaultDictionaries();
        if (!personal.isEmpty()) {
            DictionaryBuilder b = new DictionaryBuilder().setDictionaryName("personal").setExclusion(true);
            for (int i = 0; i < personal.size(); i++) {
                b.addWord(personal.get(i), i);
            }
            dictionaries = new ArrayList<>(dictionaries);
            dictionaries.add(b.createDictionary());
        }
        Configuration configuration = new ConfigurationBuilder().setDictionaries(dictionaries)
                .setMinimumEntropy(MIN_ENTROPY).createConfiguration();
        return new Nbvcxz(configuration);
    }
}
