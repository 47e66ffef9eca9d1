package dev.sessionauth.crypto;

import dev.sessionauth.Session;
import dev.sessionauth.User;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sessions and users as JWT claims and back, for the jwt strategy's {@code session_data} cookie. Reading is
 * strict: a claim of the wrong shape makes the whole cookie count as absent, so the store is asked instead.
 */
public final class SessionClaims {
    public static final String TOKEN_HASH = "sth";

    private SessionClaims() {
    }

    /**
     * The claims for a session and its user. Only what a reader needs travels: the session's user id is the user's
     * id, and absent values (no address, no image, no extra fields) are left out rather than written as null or
     * empty, since the cookie rides on every request.
     */
    public static Map<String, Object> of(Session session, User user, String tokenHash) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", session.getId());
        if (!session.getUserId().equals(user.getId())) {
            s.put("userId", session.getUserId());
        }
        s.put("expiresAt", time(session.getExpiresAt()));
        s.put("absoluteExpiresAt", time(session.getAbsoluteExpiresAt()));
        s.put("createdAt", time(session.getCreatedAt()));
        s.put("updatedAt", time(session.getUpdatedAt()));
        Optional.ofNullable(session.getIpAddress()).ifPresent(ip -> s.put("ipAddress", ip));
        Optional.ofNullable(session.getUserAgent()).ifPresent(agent -> s.put("userAgent", agent));
        s.put("remember", session.isRemember());
        putFields(s, session.getFields());
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("id", user.getId());
        u.put("name", user.getName());
        u.put("email", user.getEmail());
        u.put("emailVerified", user.isEmailVerified());
        Optional.ofNullable(user.getImage()).ifPresent(image -> u.put("image", image));
        u.put("createdAt", time(user.getCreatedAt()));
        u.put("updatedAt", time(user.getUpdatedAt()));
        putFields(u, user.getFields());
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put(TOKEN_HASH, tokenHash);
        claims.put("session", s);
        claims.put("user", u);
        return claims;
    }

    private static void putFields(Map<String, Object> target, Map<String, Object> fields) {
        if (!fields.isEmpty()) {
            target.put("fields", fields);
        }
    }

    /** The session and user in {@code claims}, if they are complete and well-typed. */
    public static Optional<Map.Entry<Session, User>> read(Map<String, Object> claims) {
        try {
            Map<String, Object> s = map(claims.get("session"));
            Map<String, Object> u = map(claims.get("user"));
            // Cookies issued before the claims were trimmed carry userId, nulls and empty field maps: still read.
            String userId = s.containsKey("userId") ? str(s, "userId") : str(u, "id");
            Session session = new Session(str(s, "id"), userId, instant(s, "expiresAt"),
                    instant(s, "absoluteExpiresAt"), instant(s, "createdAt"), instant(s, "updatedAt"),
                    Optional.ofNullable((String) s.get("ipAddress")), Optional.ofNullable((String) s.get("userAgent")),
                    (Boolean) s.get("remember"), fields(s));
            User user = new User(str(u, "id"), str(u, "name"), str(u, "email"), (Boolean) u.get("emailVerified"),
                    Optional.ofNullable((String) u.get("image")), instant(u, "createdAt"), instant(u, "updatedAt"),
                    fields(u));
            return Optional.of(Map.entry(session, user));
        } catch (RuntimeException e) {
            // ClassCastException, NullPointerException, DateTimeParseException: not a cookie we wrote.
            return Optional.empty();
        }
    }

    private static Map<String, Object> fields(Map<String, Object> m) {
        return m.containsKey("fields") ? map(m.get("fields")) : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        if (o instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException("not an object");
    }

    private static String str(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(key + " is not a string");
    }

    /**
     * An instant as epoch milliseconds: parsing six ISO-8601 strings was a third of the cost of answering from the
     * cookie. The rare instant finer than a millisecond (a row written by other code) stays an exact ISO string.
     */
    private static Object time(Instant t) {
        return t.getNano() % 1_000_000 == 0 ? (Object) t.toEpochMilli() : t.toString();
    }

    private static Instant instant(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v instanceof Long millis) {
            return Instant.ofEpochMilli(millis);
        }
        if (v instanceof String iso) {
            return Instant.parse(iso);
        }
        throw new IllegalArgumentException(key + " is not an instant");
    }
}
