package org.guichet.web.internal;

import static org.guichet.web.internal.CommonTemplatesTest.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.guichet.api.error.GuichetException;
import org.guichet.api.scheme.AnswerError;
import org.junit.jupiter.api.Test;

/** The account pages (/compte): every template in French and English, landing on the outcome, all errors at once. */
class AccountTemplatesTest {
    static final Ui FR = Samples.ui(Locale.FRENCH);
    static final Ui EN = Samples.ui(Locale.ENGLISH);

    /** What the account service says to a sign-up with every field wrong. */
    static GuichetException everythingWrong() {
        return new GuichetException(GuichetException.Kind.INVALID, "EMAIL_INVALID", "email", "Adresse mal formée",
                List.of(new AnswerError("email", "EMAIL_INVALID", "Adresse mal formée"),
                        new AnswerError("displayName", "NAME_TOO_LONG", "Nom trop long"),
                        new AnswerError("password", "PASSWORD_COMMON", "Mot de passe parmi les plus utilisés")), null);
    }

    static Map<String, String> values(String name, String email) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("displayName", name);
        v.put("email", email);
        return v;
    }

    @Test
    void signUpFormMarksWhatIsRequiredAndLandsOnItsOutcome() {
        String fr = render("account/signUp.jte", "ui", FR, "values", Map.of(), "errors", Map.of());
        assertTrue(fr.contains("<title>Créer mon compte — Guichet</title>"), fr);
        assertTrue(fr.contains("action=\"/compte/inscription#suite\""), fr);
        assertTrue(fr.indexOf("id=\"suite\"") < fr.indexOf("<form"), "the outcome comes right after the title");
        assertTrue(fr.contains("name=\"_csrf\" value=\"csrf-value\""), fr);
        assertTrue(fr.contains("name=\"displayName\"") && fr.contains("name=\"email\"") && fr.contains("name=\"password\""));
        assertTrue(fr.contains("(facultatif)"), "the name may be left out: " + fr);
        assertTrue(fr.contains("id=\"email\" name=\"email\" value=\"\" autocomplete=\"email\"")
                || fr.contains("id=\"email\" name=\"email\" autocomplete=\"email\""), fr);
        assertEquals(2, count(fr, "aria-required=\"true\""), "email and password are required and say so");
        assertTrue(fr.contains("autocomplete=\"new-password\""));
        String en = render("account/signUp.jte", "ui", EN, "values", Map.of(), "errors", Map.of());
        assertTrue(en.contains("<title>Create my account — Guichet</title>"), en);
        assertTrue(en.contains("action=\"/compte/inscription?lang=en#suite\""), "language before the fragment: " + en);
        assertTrue(en.contains("href=\"/compte/connexion?lang=en\""), en);
        assertTrue(en.contains("(required)") && en.contains("(optional)"));
    }

    @Test
    void signUpReportsEveryErrorAtOnceInTheOrderOfTheFields() {
        Map<String, String> errors = AccountPages.errors(FR, everythingWrong(), AccountPages.SIGN_UP);
        assertEquals(List.of("displayName", "email", "password"), List.copyOf(errors.keySet()), "the order of the form");
        String fr = render("account/signUp.jte", "ui", FR, "values", values("Léa <b>", "lea at example"), "errors", errors);
        assertTrue(fr.contains("<title>Erreur — Créer mon compte — Guichet</title>"), fr);
        int summary = fr.indexOf("class=\"error-summary\"");
        assertTrue(summary > 0 && summary < fr.indexOf("<form"), fr);
        assertTrue(fr.indexOf("href=\"#displayName\"") < fr.indexOf("href=\"#email\"")
                && fr.indexOf("href=\"#email\"") < fr.indexOf("href=\"#password\""), "all errors, in order: " + fr);
        assertTrue(fr.contains("id=\"password-erreur\"") && fr.contains("id=\"email-erreur\"")
                && fr.contains("id=\"displayName-erreur\""), fr);
        assertEquals(3, count(fr, "aria-invalid=\"true\""));
        assertTrue(fr.contains("value=\"Léa &lt;b"), "what was typed is kept, escaped: " + fr);
        assertTrue(fr.contains("value=\"lea at example\""));
        assertFalse(fr.contains("Léa <b>"));
        // in English, the service's problems in English words, by their codes
        Map<String, String> en = AccountPages.errors(EN, everythingWrong(), AccountPages.SIGN_UP);
        String html = render("account/signUp.jte", "ui", EN, "values", Map.of(), "errors", en);
        assertTrue(html.contains("<title>Error — Create my account — Guichet</title>"), html);
        assertTrue(html.contains("among the most used") && html.contains("not in the right form")
                && html.contains("200 characters"), html);
    }

    @Test
    void aRefusalWithNoListGoesOnItsFieldOrFirstWhenItHasNone() {
        Map<String, String> one = AccountPages.errors(FR, new GuichetException(GuichetException.Kind.UNAUTHENTICATED,
                "INVALID_CREDENTIALS", "password", "Adresse ou mot de passe incorrect."), AccountPages.SIGN_IN);
        // French pages say a refusal in the bundle's words too, not in the service's own sentence
        assertEquals(Map.of("password", "Adresse ou mot de passe incorrect. Vous pouvez aussi vous connecter avec un"
                + " code reçu par courriel."), one);
        Map<String, String> link = AccountPages.errors(EN, GuichetException.invalid("LINK_INVALID", "token", "Lien"),
                AccountPages.PASSWORD);
        assertEquals(List.of(""), List.copyOf(link.keySet()), "a problem with no field of the form is not linked");
        assertTrue(link.get("").startsWith("This link is no longer valid"), link.toString());
        Map<String, String> code = AccountPages.errors(FR, GuichetException.invalid("INVALID_CODE", null, "Mauvais code"),
                AccountPages.CODE, "code");
        assertEquals(Map.of("code", "Ce code n'est pas le bon, ou il n'est plus valable. Un nouveau code peut être"
                + " demandé."), code);
    }

    @Test
    void checkMailSaysWhereTheLinkWentEscaped() {
        String fr = render("account/checkMail.jte", "ui", FR, "email", "lea<x>@example.fr");
        assertTrue(fr.contains("<title>Regardez vos courriels — Guichet</title>"), fr);
        assertTrue(fr.contains("lea&lt;x&gt;@example.fr"), fr);
        assertTrue(fr.contains("id=\"fait\"") && fr.indexOf("id=\"suite\"") < fr.indexOf("id=\"fait\""), fr);
        assertTrue(fr.contains("href=\"/compte/code\""));
        String en = render("account/checkMail.jte", "ui", EN, "email", "sam@example.org");
        assertTrue(en.contains("Check your mail") && en.contains("href=\"/compte/code?lang=en\""), en);
    }

    @Test
    void activationConfirmsOrAsksForAPassword() {
        String confirm = render("account/activate.jte", "ui", FR, "token", "abc\"def", "askPassword", false,
                "errors", Map.of());
        assertTrue(confirm.contains("name=\"jeton\" value=\"abc&#34;def\"") || confirm.contains("value=\"abc&quot;def\""),
                confirm);
        assertTrue(confirm.contains("Confirmez que cette adresse est bien la vôtre"));
        assertFalse(confirm.contains("id=\"password\""));
        assertTrue(confirm.contains("action=\"/compte/activer#suite\""));
        String ask = render("account/activate.jte", "ui", EN, "token", "t", "askPassword", true, "errors", Map.of());
        assertTrue(ask.contains("first choose a password") && ask.contains("id=\"fait\""), ask);
        assertTrue(ask.contains("id=\"password\"") && ask.contains("aria-required=\"true\""), ask);
        String wrong = render("account/activate.jte", "ui", FR, "token", "t", "askPassword", true, "errors",
                Map.of("password", "Trop court"));
        assertTrue(wrong.startsWith("<!DOCTYPE html>") && wrong.contains("Erreur — Ouvrir mon compte"), wrong);
        assertTrue(wrong.contains("href=\"#password\"") && !wrong.contains("id=\"fait\""), wrong);
    }

    @Test
    void signInSaysWhatWasDoneAndKeepsTheAddress() {
        String fr = render("account/signIn.jte", "ui", FR, "errors", Map.of(), "done", "Votre compte est ouvert : connectez-vous.");
        assertTrue(fr.contains("<title>Se connecter — Guichet</title>"), fr);
        assertTrue(fr.contains("id=\"fait\"") && fr.contains("Votre compte est ouvert"), fr);
        assertTrue(fr.contains("autocomplete=\"current-password\""));
        assertTrue(fr.indexOf("<button") < fr.indexOf("href=\"/compte/code\""), "the button comes right after the password");
        assertTrue(fr.contains("href=\"/compte/mot-de-passe-oublie\"") && fr.contains("href=\"/compte/inscription\""));
        String en = render("account/signIn.jte", "ui", EN, "email", "sam@example.org", "errors",
                Map.of("password", "Wrong address or password."));
        assertTrue(en.contains("Error — Sign in") && en.contains("value=\"sam@example.org\""), en);
        assertTrue(en.contains("action=\"/compte/connexion?lang=en#suite\""), en);
        assertFalse(en.contains("id=\"fait\""));
    }

    @Test
    void codeRequestAndEntry() {
        String fr = render("account/codeRequest.jte", "ui", FR, "errors", Map.of());
        assertTrue(fr.contains("<title>Recevoir un code de connexion — Guichet</title>"), fr);
        assertTrue(fr.contains("action=\"/compte/code#suite\""));
        String en = render("account/codeRequest.jte", "ui", EN, "email", "x", "errors", Map.of("email", "Bad"));
        assertTrue(en.startsWith("<!DOCTYPE html>") && en.contains("<title>Error — Get a sign-in code — Guichet</title>"), en);
        String entry = render("account/codeEntry.jte", "ui", FR, "email", "lea@example.fr", "errors", Map.of());
        assertTrue(entry.contains("action=\"/compte/code/saisie#suite\""), entry);
        assertTrue(entry.contains("name=\"email\" value=\"lea@example.fr\""), entry);
        assertTrue(entry.contains("autocomplete=\"one-time-code\" inputmode=\"numeric\""), entry);
        assertTrue(entry.contains("id=\"fait\"") && entry.contains("saisissez-le sans attendre"), entry);
        String wrong = render("account/codeEntry.jte", "ui", EN, "email", "sam@example.org", "errors",
                Map.of("code", "This code is not the right one"));
        assertTrue(wrong.contains("Error — Enter the code you received") && wrong.contains("href=\"#code\""), wrong);
        assertFalse(wrong.contains("id=\"fait\""));
    }

    @Test
    void changingThePasswordAsksTheCurrentOne() {
        String fr = render("account/changePassword.jte", "ui", FR, "errors", Map.of());
        assertTrue(fr.contains("<title>Changer mon mot de passe — Guichet</title>"), fr);
        assertTrue(fr.contains("action=\"/compte/mot-de-passe#suite\""), fr);
        assertTrue(fr.contains("autocomplete=\"current-password\"") && fr.contains("autocomplete=\"new-password\""), fr);
        String wrong = render("account/changePassword.jte", "ui", FR, "errors",
                Map.of("currentPassword", FR.t("error.CURRENT_PASSWORD_WRONG")));
        assertTrue(wrong.contains("href=\"#currentPassword\"") && wrong.contains("id=\"currentPassword-erreur\""), wrong);
        String done = render("account/changePassword.jte", "ui", EN, "errors", Map.of(), "done",
                EN.t("account.change.done"));
        assertTrue(done.contains("id=\"fait\"") && done.contains("Your password is changed"), done);
    }

    @Test
    void forgottenAndReset() {
        String sent = render("account/forgotten.jte", "ui", FR, "errors", Map.of(), "sent", true);
        assertTrue(sent.contains("<title>Mot de passe oublié — Guichet</title>") && sent.contains("id=\"fait\""), sent);
        assertTrue(sent.contains("action=\"/compte/mot-de-passe-oublie#suite\""));
        String en = render("account/forgotten.jte", "ui", EN, "errors", Map.of());
        assertTrue(en.contains("Forgotten password") && !en.contains("id=\"fait\""), en);
        String reset = render("account/reset.jte", "ui", FR, "token", "tok", "errors", Map.of());
        assertTrue(reset.contains("<title>Choisir un nouveau mot de passe — Guichet</title>"), reset);
        assertTrue(reset.contains("name=\"jeton\" value=\"tok\"") && reset.contains("autocomplete=\"new-password\""));
        assertTrue(reset.contains("action=\"/compte/nouveau-mot-de-passe#suite\""));
        String resetEn = render("account/reset.jte", "ui", EN, "token", "tok", "errors", Map.of("", "This link is no longer valid"));
        assertTrue(resetEn.contains("Error — Choose a new password") && resetEn.contains("This link is no longer valid"), resetEn);
        assertFalse(resetEn.contains("href=\"#\""), "a problem with no field is not a link");
    }

    static int count(String html, String what) {
        int n = 0;
        for (int i = html.indexOf(what); i >= 0; i = html.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
