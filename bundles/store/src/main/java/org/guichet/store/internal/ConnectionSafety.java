package org.guichet.store.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ASVS 12.3: a connection to a database on another machine must be encrypted and the server's certificate checked.
 * For PostgreSQL that is {@code sslmode=verify-full} in the JDBC URL (etc/org.ops4j.datasource-guichet.cfg); the
 * portal warns in its log at each start when a remote PostgreSQL is reached without it. A database on the same machine
 * (loopback, a Unix socket) and the embedded Derby need nothing.
 */
final class ConnectionSafety {
    private static final Pattern POSTGRES = Pattern.compile("jdbc:postgresql://(\\[[^\\]]+\\]|[^/:?]+)?(?::\\d+)?(/[^?]*)?(\\?.*)?",
            Pattern.CASE_INSENSITIVE);

    private ConnectionSafety() { }

    /** The warning to log for this JDBC URL, or null when it is safe. */
    static String warning(String url) {
        if (url == null) {
            return null;
        }
        Matcher m = POSTGRES.matcher(url.strip());
        if (!m.matches()) {
            return null;
        }
        String host = m.group(1) == null ? "localhost" : m.group(1).toLowerCase(Locale.ROOT);
        if (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]")) {
            return null;
        }
        String query = m.group(3) == null ? "" : m.group(3).toLowerCase(Locale.ROOT);
        if (query.matches(".*[?&]sslmode=verify-full(&.*)?")) {
            return null;
        }
        return "The database at " + host + " is reached without sslmode=verify-full: the connection may be unencrypted"
                + " or the server unauthenticated. Add ?sslmode=verify-full (and sslrootcert=<the CA file>) to url in"
                + " etc/org.ops4j.datasource-guichet.cfg (ASVS 12.3).";
    }
}
