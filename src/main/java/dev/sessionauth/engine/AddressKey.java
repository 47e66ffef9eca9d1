package dev.sessionauth.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * What a client address is counted as by the per-address throttles: IPv4 as it is (without a port some proxies
 * append), IPv6 as its /64 prefix (the block one subscriber usually gets, or a single client could pick a fresh
 * address per request), anything else (a proxy that writes names) as its first 64 characters.
 */
public final class AddressKey {
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

    private AddressKey() {
    }

    /** The key {@code address} is counted under. */
    public static String of(String address) {
        String a = address.strip();
        if (a.startsWith("[")) {
            int end = a.indexOf(']');
            a = end > 0 ? a.substring(1, end) : a;
        } else if (a.indexOf(':') > 0 && a.indexOf(':') == a.lastIndexOf(':') && a.indexOf('.') > 0) {
            a = a.substring(0, a.indexOf(':'));
        }
        if (a.indexOf(':') >= 0 && IPV6.matcher(a).matches()) {
            try {
                // A string with ':' that starts with a hex digit or ':' is parsed as a literal, never looked up.
                byte[] bytes = InetAddress.getByName(a).getAddress();
                if (bytes.length == 16) {
                    StringBuilder prefix = new StringBuilder();
                    for (int i = 0; i < 8; i += 2) {
                        prefix.append(Integer.toHexString((bytes[i] & 0xFF) << 8 | (bytes[i + 1] & 0xFF))).append(':');
                    }
                    return prefix.append(":/64").toString();
                }
                return InetAddress.getByAddress(bytes).getHostAddress();
            } catch (UnknownHostException e) {
                // not an address after all: counted as the text it is
            }
        }
        return a.length() <= 64 ? a : a.substring(0, 64);
    }
}
