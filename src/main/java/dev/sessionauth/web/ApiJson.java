package dev.sessionauth.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.sessionauth.Session;
import dev.sessionauth.User;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * The wire shapes of users and sessions (Better Auth's), each defined once as a streaming writer: get-session, which
 * Better Auth's client calls on every page load, writes its bytes straight from the values; the other endpoints take
 * the same shapes as trees to add their own fields to.
 */
public final class ApiJson {
    private final ObjectMapper mapper;

    ApiJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** An empty JSON object to build an answer in. */
    public ObjectNode object() {
        return mapper.createObjectNode();
    }

    /**
     * {@code instant} as JavaScript's {@code Date.toJSON()} writes it ({@code 2026-12-07T04:45:55.123Z}: always three
     * fraction digits, so clients parse every value alike), without a formatter's per-call setup: it is written seven
     * times per get-session.
     */
    public static String timestamp(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("a timestamp outside years 0-9999: " + instant);
        }
        char[] c = new char[24];
        digits(c, 0, year, 4);
        c[4] = '-';
        digits(c, 5, t.getMonthValue(), 2);
        c[7] = '-';
        digits(c, 8, t.getDayOfMonth(), 2);
        c[10] = 'T';
        digits(c, 11, t.getHour(), 2);
        c[13] = ':';
        digits(c, 14, t.getMinute(), 2);
        c[16] = ':';
        digits(c, 17, t.getSecond(), 2);
        c[19] = '.';
        digits(c, 20, t.getNano() / 1_000_000, 3);
        c[23] = 'Z';
        return new String(c);
    }

    private static void digits(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }

    /** {@code {id, name, email, emailVerified, image, createdAt, updatedAt, ...fields}}: never a password hash. */
    public ObjectNode user(User user) {
        return tree(g -> writeUser(g, user));
    }

    /** {@code {id, userId, expiresAt, createdAt, updatedAt, ipAddress, userAgent, token}}; token is the handle. */
    public ObjectNode session(Session session) {
        return tree(g -> writeSession(g, session));
    }

    /** {@code {session, user}} as a tree. */
    public ObjectNode sessionAndUser(Session session, User user) {
        return tree(g -> writeSessionAndUser(g, session, user));
    }

    /** {@code {session, user}} as the bytes of the answer, built without a tree. */
    byte[] sessionAndUserBytes(Session session, User user) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            writeSessionAndUser(g, session, user);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private void writeSessionAndUser(JsonGenerator g, Session session, User user) throws IOException {
        g.writeStartObject();
        g.writeFieldName("session");
        writeSession(g, session);
        g.writeFieldName("user");
        writeUser(g, user);
        g.writeEndObject();
    }

    private void writeUser(JsonGenerator g, User user) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", user.getId());
        g.writeStringField("name", user.getName());
        g.writeStringField("email", user.getEmail());
        g.writeBooleanField("emailVerified", user.isEmailVerified());
        g.writeStringField("image", user.getImage());
        g.writeStringField("createdAt", timestamp(user.getCreatedAt()));
        g.writeStringField("updatedAt", timestamp(user.getUpdatedAt()));
        writeFields(g, user.getFields());
        g.writeEndObject();
    }

    private void writeSession(JsonGenerator g, Session session) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", session.getId());
        g.writeStringField("userId", session.getUserId());
        g.writeStringField("expiresAt", timestamp(session.getExpiresAt()));
        g.writeStringField("createdAt", timestamp(session.getCreatedAt()));
        g.writeStringField("updatedAt", timestamp(session.getUpdatedAt()));
        g.writeStringField("ipAddress", session.getIpAddress());
        g.writeStringField("userAgent", session.getUserAgent());
        // A revocation handle, not the bearer secret: list-sessions must not hand out other devices' tokens.
        g.writeStringField("token", session.getId());
        writeFields(g, session.getFields());
        g.writeEndObject();
    }

    private void writeFields(JsonGenerator g, Map<String, Object> fields) throws IOException {
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            g.writeFieldName(field.getKey());
            mapper.writeValue(g, field.getValue());
        }
    }

    /** A streaming writer, for the trees the other endpoints extend. */
    @FunctionalInterface
    private interface Shape {
        void write(JsonGenerator g) throws IOException;
    }

    private ObjectNode tree(Shape shape) {
        try (TokenBuffer buffer = new TokenBuffer(mapper, false)) {
            shape.write(buffer);
            return (ObjectNode) mapper.readTree(buffer.asParser());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
