package dev.sessionauth.engine;

import java.util.Optional;

/** What is recorded about the client that signs in: its address and User-Agent, both optional and truncated. */
public record ClientInfo(Optional<String> ipAddress, Optional<String> userAgent) {
    private static final int MAX_IP = 64;
    private static final int MAX_USER_AGENT = 512;

    public ClientInfo {
        ipAddress = ipAddress.filter(s -> !s.isBlank()).map(s -> truncate(s.trim(), MAX_IP));
        userAgent = userAgent.filter(s -> !s.isBlank()).map(s -> truncate(s, MAX_USER_AGENT));
    }

    /** No address, no User-Agent: a sign-in made from code. */
    public static ClientInfo unknown() {
        return new ClientInfo(Optional.empty(), Optional.empty());
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
