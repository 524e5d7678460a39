package org.guichet.dossiers.internal;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.Locale;
import org.guichet.api.mail.MailService;
import org.guichet.api.mail.OutgoingMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The messages people receive, in plain French; short, with one thing to do each. */
public final class Mails {
    private static final String SIGNATURE = "\n\n--\nGuichet des aides de la Région\n"
            + "Ce message est envoyé automatiquement. Si vous n'êtes pas à l'origine de cette demande, ignorez-le :"
            + " rien ne sera fait sans vous.\n";

    private static final Logger LOG = LoggerFactory.getLogger(Mails.class);

    private Mails() { }

    /**
     * Sends after the change is committed. A failure is logged, never thrown: what was saved stays saved, and the
     * person can ask again (a code, a link) or read it in her space.
     */
    public static void sendQuietly(MailService mail, OutgoingMail message) {
        try {
            mail.send(message);
        } catch (RuntimeException e) {
            LOG.error("Could not send the {} mail to {}: {}", message.topic(), masked(message.to()), e.getMessage());
        }
    }

    /**
     * An address as logs may show it ({@code l***@example.fr}): enough to tell messages apart, not to know who the
     * person is (logs are read by more people, and kept longer, than the accounts table).
     */
    public static String masked(String address) {
        if (address == null) {
            return null;
        }
        int at = address.lastIndexOf('@');
        if (at <= 0) {
            return "***";
        }
        return address.substring(0, address.offsetByCodePoints(0, 1)) + "***" + address.substring(at);
    }

    /** What a transaction made, and the mails to send once it is committed. */
    public record Mailed<T>(T result, java.util.List<OutgoingMail> mails) {
        public static <T> Mailed<T> of(T result, OutgoingMail... mails) {
            return new Mailed<>(result, java.util.Arrays.stream(mails).filter(java.util.Objects::nonNull).toList());
        }

        public static <T> Mailed<T> of(T result, java.util.List<OutgoingMail> mails) {
            return new Mailed<>(result, java.util.List.copyOf(mails));
        }
    }

    /** Sends the mails of a committed transaction (quietly) and gives its result. */
    public static <T> T deliver(MailService mail, Mailed<T> done) {
        done.mails().forEach(m -> sendQuietly(mail, m));
        return done.result();
    }

    /** 2 582,76 € (ordinary spaces: some mail readers show the typographic ones as boxes). */
    public static String euros(BigDecimal amount) {
        return java.text.NumberFormat.getCurrencyInstance(Locale.FRANCE).format(amount).replace('\u202f', ' ')
                .replace('\u00a0', ' ');
    }

    /** "septembre 2026" for 2026-09. */
    public static String month(String period) {
        YearMonth m = YearMonth.parse(period);
        return m.getMonth().getDisplayName(TextStyle.FULL, Locale.FRENCH) + " " + m.getYear();
    }

    public static OutgoingMail activation(String to, String name, String link, int hours) {
        return new OutgoingMail(to, "Confirmez votre adresse pour ouvrir votre compte",
                "Bonjour " + name + ",\n\n"
                        + "Pour ouvrir votre compte sur le guichet des aides, ouvrez ce lien :\n\n" + link + "\n\n"
                        + "Le lien est valable " + hours + " heures." + SIGNATURE, "ACTIVATION");
    }

    public static OutgoingMail invitation(String to, String name, String role, String link, int hours) {
        return new OutgoingMail(to, "Votre compte sur le guichet des aides a été créé",
                "Bonjour " + name + ",\n\n"
                        + "Un compte " + role + " a été créé pour vous sur le guichet des aides.\n"
                        + "Pour choisir votre mot de passe et l'activer, ouvrez ce lien :\n\n" + link + "\n\n"
                        + "Le lien est valable " + hours + " heures." + SIGNATURE, "INVITATION");
    }

    public static OutgoingMail signInCode(String to, String name, String code, int minutes) {
        return new OutgoingMail(to, "Votre code pour vous connecter : " + code,
                "Bonjour " + name + ",\n\n"
                        + "Voici votre code pour vous connecter au guichet des aides :\n\n    " + code + "\n\n"
                        + "Il est valable " + minutes + " minutes et ne sert qu'une fois. Ne le donnez à personne,"
                        + " sauf à la personne qui vous aide si vous l'avez choisie." + SIGNATURE, "SIGN_IN_CODE");
    }

    public static OutgoingMail passwordReset(String to, String name, String link) {
        return new OutgoingMail(to, "Choisir un nouveau mot de passe",
                "Bonjour " + name + ",\n\n"
                        + "Pour choisir un nouveau mot de passe, ouvrez ce lien :\n\n" + link + "\n\n"
                        + "Le lien est valable une heure. Vous pouvez aussi vous connecter sans mot de passe,"
                        + " avec un code reçu par courriel." + SIGNATURE, "PASSWORD_RESET");
    }

    public static OutgoingMail mandateRequest(String to, String applicantName, String mediatorName,
            String organisation, String link, String code) {
        return new OutgoingMail(to, mediatorName + " propose de faire votre demande d'aide avec vous",
                "Bonjour " + applicantName + ",\n\n"
                        + mediatorName + (organisation == null ? "" : " (" + organisation + ")")
                        + " propose de préparer et d'envoyer vos demandes d'aide à la Région pour vous.\n\n"
                        + "Si vous êtes d'accord, ouvrez ce lien :\n\n" + link + "\n\n"
                        + "ou donnez-lui ce code : " + code + "\n\n"
                        + "Vous verrez tout ce qui est fait pour vous dans votre espace, et vous pourrez retirer"
                        + " cette autorisation à tout moment." + SIGNATURE, "MANDATE_REQUEST");
    }

    public static OutgoingMail receipt(String to, String name, String text) {
        return new OutgoingMail(to, "Votre demande a bien été envoyée", "Bonjour " + name + ",\n\n" + text + SIGNATURE,
                "RECEIPT");
    }
}
