package org.guichet.dossiers.internal;

import java.math.BigDecimal;
import org.guichet.api.accounts.Role;
import org.guichet.api.mail.MailService;
import org.guichet.api.mail.OutgoingMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages people receive, short, with one thing to do each, in the language kept on the person's account:
 * their words are {@link Words}' (mails.properties, mails_en.properties).
 */
public final class Mails {
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

    /** 2 582,76 € (French: the services' own messages and records). */
    public static String euros(BigDecimal amount) {
        return Words.french().euros(amount);
    }

    /** "septembre 2026" for 2026-09 (French: the services' own records). */
    public static String month(String period) {
        return Words.french().month(period);
    }

    /** A mail of the bundle's words: {@code <key>.subject} and {@code <key>.body}, the same placeholders in both. */
    public static OutgoingMail mail(String to, Words w, String key, String topic, Object... namesAndValues) {
        return new OutgoingMail(to, w.get(key + ".subject", namesAndValues), w.get(key + ".body", namesAndValues),
                topic);
    }

    private static OutgoingMail withSignature(String to, Words w, String key, String topic, Object... namesAndValues) {
        OutgoingMail m = mail(to, w, key, topic, namesAndValues);
        return new OutgoingMail(m.to(), m.subject(), m.text() + w.get("mail.signature"), m.topic());
    }

    /** "- a\n- b\n": the lists inside mails. */
    public static String items(java.util.List<String> lines) {
        StringBuilder b = new StringBuilder();
        lines.forEach(l -> b.append("- ").append(l).append('\n'));
        return b.toString();
    }

    public static OutgoingMail activation(String to, String language, String name, String link, int hours) {
        return withSignature(to, Words.of(language), "activation", "ACTIVATION", "name", name, "link", link, "hours", hours);
    }

    /** Someone asked for an account with the address of an active account: its owner is told, nobody else. */
    public static OutgoingMail accountExists(String to, String language, String name, String signIn, String code,
            String forgotten) {
        return withSignature(to, Words.of(language), "accountExists", "ACCOUNT_EXISTS", "name", name, "signIn", signIn,
                "code", code, "forgotten", forgotten);
    }

    public static OutgoingMail invitation(String to, String language, String name, Role role, String link, int hours) {
        Words w = Words.of(language);
        return withSignature(to, w, "invitation", "INVITATION", "name", name, "role", w.get("role." + role.name()),
                "link", link, "hours", hours);
    }

    public static OutgoingMail signInCode(String to, String language, String name, String code, int minutes) {
        return withSignature(to, Words.of(language), "signInCode", "SIGN_IN_CODE", "name", name, "code", code,
                "minutes", minutes);
    }

    /** Her password was changed from her account: if it was not she, the reset link takes it back. */
    public static OutgoingMail passwordChanged(String to, String language, String name, String forgotten) {
        return withSignature(to, Words.of(language), "passwordChanged", "PASSWORD_CHANGED", "name", name,
                "forgotten", forgotten);
    }

    public static OutgoingMail passwordReset(String to, String language, String name, String link) {
        return withSignature(to, Words.of(language), "passwordReset", "PASSWORD_RESET", "name", name, "link", link);
    }

    /**
     * A mediator asks a person for her mandate; {@code signed}: the mediator recorded the consent form she signed, and
     * she confirms it.
     */
    public static OutgoingMail mandateRequest(String to, String language, String applicantName, String mediatorName,
            String organisation, String link, String code, boolean signed) {
        Words w = Words.of(language);
        Object[] values = {"name", applicantName, "mediator", mediatorName, "who",
            mediatorName + (organisation == null ? "" : " (" + organisation + ")"), "link", link, "code", code};
        return signed ? mail(to, w, "mandateSigned", "MANDATE_REQUEST", values)
                : withSignature(to, w, "mandateRequest", "MANDATE_REQUEST", values);
    }

    public static OutgoingMail receipt(String to, String language, String name, String text) {
        return withSignature(to, Words.of(language), "receipt", "RECEIPT", "name", name, "text", text);
    }
}
