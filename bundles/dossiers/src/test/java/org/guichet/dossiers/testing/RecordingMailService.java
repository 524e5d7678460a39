package org.guichet.dossiers.testing;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.guichet.api.mail.MailException;
import org.guichet.api.mail.MailService;
import org.guichet.api.mail.OutgoingMail;

/**
 * A {@link MailService} that keeps every message in memory, in the order sent (safe from many threads), so that a
 * test can read the links and codes a person would read. {@link #failWith} makes it fail like an unreachable SMTP
 * server.
 */
public final class RecordingMailService implements MailService {
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"']+");
    private static final Pattern CODE = Pattern.compile("\\b\\d{6}\\b");

    private final List<OutgoingMail> sent = new CopyOnWriteArrayList<>();
    private final AtomicLong counter = new AtomicLong();
    private volatile RuntimeException failure;

    @Override
    public String send(OutgoingMail mail) {
        RuntimeException f = failure;
        if (f != null) {
            throw f;
        }
        sent.add(mail);
        return "recorded:" + counter.incrementAndGet();
    }

    /** Every message, oldest first. */
    public List<OutgoingMail> all() {
        return List.copyOf(sent);
    }

    /** The messages to one address (case-insensitive), oldest first. */
    public List<OutgoingMail> to(String address) {
        String a = normalise(address);
        return sent.stream().filter(m -> normalise(m.to()).equals(a)).collect(Collectors.toUnmodifiableList());
    }

    /** The messages to one address with a given topic (ACTIVATION, SIGN_IN_CODE, RECEIPT ...), oldest first. */
    public List<OutgoingMail> to(String address, String topic) {
        return to(address).stream().filter(m -> topic.equals(m.topic())).collect(Collectors.toUnmodifiableList());
    }

    public Optional<OutgoingMail> last(String address) {
        List<OutgoingMail> mails = to(address);
        return mails.isEmpty() ? Optional.empty() : Optional.of(mails.get(mails.size() - 1));
    }

    /** The first http(s) link of the last message to that address (without a sentence's closing punctuation). */
    public Optional<String> lastLink(String address) {
        return last(address).flatMap(m -> firstLink(m.text()));
    }

    /** A query parameter of {@link #lastLink}, e.g. {@code lastLinkParameter(email, "jeton")}. */
    public Optional<String> lastLinkParameter(String address, String name) {
        return lastLink(address).flatMap(link -> {
            int q = link.indexOf('?');
            if (q < 0) {
                return Optional.empty();
            }
            for (String pair : link.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals(name)) {
                    return Optional.of(java.net.URLDecoder.decode(pair.substring(eq + 1),
                            java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            return Optional.empty();
        });
    }

    /** The first six-digit code (outside links) of the last message to that address. */
    public Optional<String> lastCode(String address) {
        return last(address).flatMap(m -> {
            Matcher c = CODE.matcher(LINK.matcher(m.text()).replaceAll(" "));
            return c.find() ? Optional.of(c.group()) : Optional.empty();
        });
    }

    public static Optional<String> firstLink(String text) {
        Matcher m = LINK.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        String link = m.group();
        while (!link.isEmpty() && ".,;:!?)]".indexOf(link.charAt(link.length() - 1)) >= 0) {
            link = link.substring(0, link.length() - 1);
        }
        return Optional.of(link);
    }

    /** From now on every send throws this (a {@link MailException} as the real service would); null to stop. */
    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    /** Makes every send fail as the real service does when SMTP is unreachable; {@code false} to stop. */
    public void failing(boolean fail) {
        failWith(fail ? new MailException("recording mail service told to fail", null) : null);
    }

    public void clear() {
        sent.clear();
    }

    private static String normalise(String address) {
        return address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
    }
}
