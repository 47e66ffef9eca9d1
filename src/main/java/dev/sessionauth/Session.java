package dev.sessionauth;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One signed-in device of a user, as the app sees it. It never holds the bearer token: {@link #getId()}
 * doubles as the revocation handle that the HTTP API calls {@code token}.
 *
 * <p>A final class with JavaBean getters rather than a record so that JSP EL can read it.
 */
public final class Session {
    private final String id;
    private final String userId;
    private final Instant expiresAt;
    private final Instant absoluteExpiresAt;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final String ipAddress;
    private final String userAgent;
    private final boolean remember;
    private final Map<String, Object> fields;

    /** A session without additional fields, as a store reads it back; apps receive these, they do not make them. */
    public Session(String id, String userId, Instant expiresAt, Instant absoluteExpiresAt, Instant createdAt,
                   Instant updatedAt, Optional<String> ipAddress, Optional<String> userAgent, boolean remember) {
        this(id, userId, expiresAt, absoluteExpiresAt, createdAt, updatedAt, ipAddress, userAgent, remember, Map.of());
    }

    /** A session with the values of its declared fields, as a store reads it back. */
    public Session(String id, String userId, Instant expiresAt, Instant absoluteExpiresAt, Instant createdAt,
                   Instant updatedAt, Optional<String> ipAddress, Optional<String> userAgent, boolean remember,
                   Map<String, Object> fields) {
        this.id = Objects.requireNonNull(id, "id");
        this.userId = Objects.requireNonNull(userId, "userId");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        this.absoluteExpiresAt = Objects.requireNonNull(absoluteExpiresAt, "absoluteExpiresAt");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.ipAddress = ipAddress.orElse(null);
        this.userAgent = userAgent.orElse(null);
        this.remember = remember;
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The session's id: not its token, safe to show and to name in a revocation. */
    public String getId() {
        return id;
    }

    /** The id of the user the session belongs to. */
    public String getUserId() {
        return userId;
    }

    /** When the session ends unless it is refreshed first. */
    public Instant getExpiresAt() {
        return expiresAt;
    }

    /** The hard cap from sign-in ({@code session.absoluteMaxAge}) that no refresh moves. */
    public Instant getAbsoluteExpiresAt() {
        return absoluteExpiresAt;
    }

    /** When the user signed in: the reference for freshness. */
    public Instant getCreatedAt() {
        return createdAt;
    }

    /** When the session was created or last refreshed. */
    public Instant getUpdatedAt() {
        return updatedAt;
    }

    /** The client address at sign-in, or {@code null} when unknown. */
    public String getIpAddress() {
        return ipAddress;
    }

    /** The User-Agent at sign-in, or {@code null} when unknown. */
    public String getUserAgent() {
        return userAgent;
    }

    /** False when the user signed in with {@code rememberMe:false}: a browser-session cookie, no sliding. */
    public boolean isRemember() {
        return remember;
    }

    /** The declared additional session fields, by name. */
    public Map<String, Object> getFields() {
        return fields;
    }

    /** An additional field, typed; empty when absent or of another type. */
    public <T> Optional<T> get(String field, Class<T> type) {
        Object value = fields.get(field);
        return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
    }

    /** Whether the sign-in is younger than {@code freshAge} at {@code now}. */
    public boolean isFreshAt(Instant now, java.time.Duration freshAge) {
        return now.isBefore(createdAt.plus(freshAge));
    }

    /** Whether the session has ended at this instant. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Session other && other.id.equals(id) && other.userId.equals(userId)
                && other.expiresAt.equals(expiresAt) && other.absoluteExpiresAt.equals(absoluteExpiresAt)
                && other.createdAt.equals(createdAt) && other.updatedAt.equals(updatedAt)
                && Objects.equals(other.ipAddress, ipAddress) && Objects.equals(other.userAgent, userAgent)
                && other.remember == remember && other.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "Session[id=" + id + ", userId=" + userId + ", expiresAt=" + expiresAt + "]";
    }
}
