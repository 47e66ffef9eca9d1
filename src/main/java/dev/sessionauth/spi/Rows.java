package dev.sessionauth.spi;

import dev.sessionauth.Session;
import dev.sessionauth.User;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Copies of the user and session rows with some values changed, as a store writes them: the values themselves stay
 * immutable and offer no such methods, so that nothing an app is handed can be altered into another session or user.
 */
public final class Rows {
    private Rows() {
    }

    /** {@code user} with another name and image, updated at {@code at}. */
    public static User withProfile(User user, String name, Optional<String> image, Instant at) {
        return new User(user.getId(), name, user.getEmail(), user.isEmailVerified(), image, user.getCreatedAt(), at,
                user.getFields());
    }

    /** {@code user} with other additional field values, updated at {@code at}. */
    public static User withFields(User user, Map<String, Object> fields, Instant at) {
        return new User(user.getId(), user.getName(), user.getEmail(), user.isEmailVerified(),
                Optional.ofNullable(user.getImage()), user.getCreatedAt(), at, fields);
    }

    /** {@code user} with another address, verified or not, updated at {@code at}. */
    public static User withEmail(User user, String email, boolean verified, Instant at) {
        return new User(user.getId(), user.getName(), email, verified, Optional.ofNullable(user.getImage()),
                user.getCreatedAt(), at, user.getFields());
    }

    /** {@code session} with a moved expiry, as a sliding refresh writes it at {@code at}. */
    public static Session refreshed(Session session, Instant expiresAt, Instant at) {
        return new Session(session.getId(), session.getUserId(), expiresAt, session.getAbsoluteExpiresAt(),
                session.getCreatedAt(), at, Optional.ofNullable(session.getIpAddress()),
                Optional.ofNullable(session.getUserAgent()), session.isRemember(), session.getFields());
    }

    /** {@code session} with other additional field values, updated at {@code at}. */
    public static Session withFields(Session session, Map<String, Object> fields, Instant at) {
        return new Session(session.getId(), session.getUserId(), session.getExpiresAt(),
                session.getAbsoluteExpiresAt(), session.getCreatedAt(), at, Optional.ofNullable(session.getIpAddress()),
                Optional.ofNullable(session.getUserAgent()), session.isRemember(), fields);
    }
}
