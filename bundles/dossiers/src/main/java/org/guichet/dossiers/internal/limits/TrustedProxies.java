package org.guichet.dossiers.internal.limits;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reverse proxies whose {@code X-Forwarded-For} and {@code X-Forwarded-Proto} the portal believes: one list for
 * the whole portal, {@code trusted.proxies} in etc/org.guichet.ratelimits.cfg (numeric addresses or CIDR blocks,
 * comma-separated). A request from anywhere else is judged by itself only: a client can neither choose the address
 * its requests are counted under nor make the portal think it came over HTTPS by sending the headers.
 */
public final class TrustedProxies {
    private record Block(byte[] network, int bits) { }

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = blocks;
    }

    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    /** "127.0.0.1, 10.0.0.0/8, ::1": numeric addresses only (no name is looked up); a bad entry is an error. */
    public static TrustedProxies parse(String... values) {
        List<Block> blocks = new ArrayList<>();
        for (String entry : Arrays.stream(values == null ? new String[0] : values)
                .flatMap(v -> Arrays.stream(v.split("[,\\s]+"))).map(String::strip).filter(v -> !v.isEmpty()).toList()) {
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            byte[] bytes = numeric(address);
            if (bytes == null) {
                throw new IllegalArgumentException("trusted.proxies: not a numeric address: " + entry);
            }
            int bits = slash < 0 ? bytes.length * 8 : Integer.parseInt(entry.substring(slash + 1));
            if (bits < 0 || bits > bytes.length * 8) {
                throw new IllegalArgumentException("trusted.proxies: bad prefix length: " + entry);
            }
            blocks.add(new Block(bytes, bits));
        }
        return new TrustedProxies(List.copyOf(blocks));
    }

    public boolean trusts(String remoteAddress) {
        if (blocks.isEmpty() || remoteAddress == null) {
            return false;
        }
        byte[] a = numeric(remoteAddress);
        if (a == null) {
            return false;
        }
        for (Block b : blocks) {
            if (b.network().length == a.length && samePrefix(b.network(), a, b.bits())) {
                return true;
            }
        }
        return false;
    }

    private static boolean samePrefix(byte[] network, byte[] address, int bits) {
        int n = network.length * 8;
        BigInteger mask = bits == 0 ? BigInteger.ZERO
                : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftLeft(n - bits);
        return new BigInteger(1, network).and(mask).equals(new BigInteger(1, address).and(mask));
    }

    /** The bytes of a numeric IPv4/IPv6 address, or null (host names are refused: no lookup here). */
    private static byte[] numeric(String address) {
        String a = address.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        if (!a.matches("[0-9.]+") && !(a.contains(":") && a.matches("[0-9A-Fa-f:.%a-zA-Z0-9]+"))) {
            return null;
        }
        int zone = a.indexOf('%');
        if (zone >= 0) {
            a = a.substring(0, zone);
        }
        try {
            return InetAddress.getByName(a).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
