package dev.sessionauth.engine;

import dev.sessionauth.Session;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the browser must be told after the engine handled a request: keep its session cookie, set it (a new or
 * refreshed session) or clear every SessionAuth cookie, and, under the jwt strategy, the signed session cache to
 * attach. The engine decides; the web layer applies it in one call and never works it out for itself.
 *
 * @param tokenCookie what happens to the session cookie
 * @param token       the token and session to write when {@code tokenCookie} is {@link TokenCookie#SET}
 * @param cache       the {@code session_data} value to attach, if any
 */
public record BrowserUpdate(TokenCookie tokenCookie, Optional<IssuedToken> token, Optional<SessionCache> cache,
                            Map<String, FeatureCookie> features) {
    /** Nothing to tell the browser. */
    public static final BrowserUpdate KEEP = new BrowserUpdate(TokenCookie.KEEP, Optional.empty(), Optional.empty(),
            Map.of());
    /** Expire every SessionAuth session cookie: signed out, revoked, or a credential that no longer works. */
    public static final BrowserUpdate CLEAR = new BrowserUpdate(TokenCookie.CLEAR, Optional.empty(), Optional.empty(),
            Map.of());

    /** What happens to the session cookie. */
    public enum TokenCookie {
        /** Leave it as the browser has it. */
        KEEP,
        /** Write it (with the session's lifetime): a new session or a sliding refresh. */
        SET,
        /** Expire it, and every other SessionAuth cookie with it. */
        CLEAR
    }

    /** A session cookie to write: the bearer token and the session whose lifetime the cookie takes. */
    public record IssuedToken(String token, Session session) {
        public IssuedToken {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(session, "session");
        }

        @Override
        public String toString() {
            return "IssuedToken[session=" + session.getId() + "]";
        }
    }

    /**
     * The jwt strategy's signed {@code session_data} value and how long the cookie keeps it.
     *
     * @param browserSession whether the cookie should end with the browser session (no {@code Max-Age})
     */
    public record SessionCache(String jwt, Instant expiresAt, boolean browserSession) {
        @Override
        public String toString() {
            return "SessionCache[expiresAt=" + expiresAt + "]";
        }
    }

    /**
     * A cookie of a way in (a pending second step, a provider's state, a trusted device): its name after the
     * {@code cookie.prefix}, its signed value or none to expire it, and its lifetime (none: the browser session).
     * Written with the session cookie's attributes (path, {@code HttpOnly}, {@code SameSite}, {@code Secure}).
     */
    public record FeatureCookie(String name, Optional<String> value, Optional<java.time.Duration> maxAge) {
        /** Sets the cookie for {@code maxAge}. */
        public static FeatureCookie set(String name, String value, java.time.Duration maxAge) {
            return new FeatureCookie(name, Optional.of(value), Optional.of(maxAge));
        }

        /** Expires the cookie. */
        public static FeatureCookie clear(String name) {
            return new FeatureCookie(name, Optional.empty(), Optional.of(java.time.Duration.ZERO));
        }

        @Override
        public String toString() {
            return "FeatureCookie[" + name + (value.isPresent() ? "" : ", cleared") + "]";
        }
    }

    public BrowserUpdate {
        features = Map.copyOf(features);
        if ((tokenCookie == TokenCookie.SET) != token.isPresent()) {
            throw new IllegalArgumentException("a token is written exactly when the session cookie is set");
        }
        if (tokenCookie == TokenCookie.CLEAR && cache.isPresent()) {
            throw new IllegalArgumentException("a cleared session carries no cache");
        }
    }

    /** Write the session cookie for this token and session, and attach the cache if there is one. */
    public static BrowserUpdate set(String token, Session session, Optional<SessionCache> cache) {
        return new BrowserUpdate(TokenCookie.SET, Optional.of(new IssuedToken(token, session)), cache, Map.of());
    }

    /** Only these cookies of a way in; the session cookie stays as it is. */
    public static BrowserUpdate features(FeatureCookie... cookies) {
        return KEEP.with(cookies);
    }

    /** This update with these cookies of a way in as well (a later one of the same name replaces an earlier one). */
    public BrowserUpdate with(FeatureCookie... cookies) {
        Map<String, FeatureCookie> all = new java.util.LinkedHashMap<>(features);
        for (FeatureCookie c : cookies) {
            all.put(c.name(), c);
        }
        return new BrowserUpdate(tokenCookie, token, cache, all);
    }

    /**
     * This update followed by {@code later}, as one: the later decision about the session cookie wins (setting or
     * clearing it), a later cache replaces an earlier one, and nothing is attached to a cleared session.
     */
    public BrowserUpdate then(BrowserUpdate later) {
        BrowserUpdate session;
        if (later.tokenCookie != TokenCookie.KEEP) {
            session = later;
        } else if (later.cache.isEmpty() || tokenCookie == TokenCookie.CLEAR) {
            session = this;
        } else {
            session = new BrowserUpdate(tokenCookie, token, later.cache, Map.of());
        }
        Map<String, FeatureCookie> all = new java.util.LinkedHashMap<>(features);
        all.putAll(later.features);
        return new BrowserUpdate(session.tokenCookie, session.token, session.cache, all);
    }

    /** Leave the session cookie alone; attach the cache if there is one. */
    public static BrowserUpdate keep(Optional<SessionCache> cache) {
        return cache.isEmpty() ? KEEP : new BrowserUpdate(TokenCookie.KEEP, Optional.empty(), cache, Map.of());
    }
}
