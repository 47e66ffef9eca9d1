package dev.sessionauth.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionauth.Session;
import dev.sessionauth.User;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** The wire shapes of users and sessions (Better Auth's), built as JSON trees. */
public final class ApiJson {
    // Always three fraction digits, like JavaScript's Date.toJSON(), so clients parse every value alike.
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final ObjectMapper mapper;

    ApiJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public ObjectNode object() {
        return mapper.createObjectNode();
    }

    public static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    /** {@code {id, name, email, emailVerified, image, createdAt, updatedAt, ...fields}}: never a password hash. */
    public ObjectNode user(User user) {
        ObjectNode n = mapper.createObjectNode();
        n.put("id", user.getId());
        n.put("name", user.getName());
        n.put("email", user.getEmail());
        n.put("emailVerified", user.isEmailVerified());
        n.put("image", user.getImage());
        n.put("createdAt", timestamp(user.getCreatedAt()));
        n.put("updatedAt", timestamp(user.getUpdatedAt()));
        for (Map.Entry<String, Object> field : user.getFields().entrySet()) {
            n.set(field.getKey(), mapper.valueToTree(field.getValue()));
        }
        return n;
    }

    /** {@code {id, userId, expiresAt, createdAt, updatedAt, ipAddress, userAgent, token}}; token is the handle. */
    public ObjectNode session(Session session) {
        ObjectNode n = mapper.createObjectNode();
        n.put("id", session.getId());
        n.put("userId", session.getUserId());
        n.put("expiresAt", timestamp(session.getExpiresAt()));
        n.put("createdAt", timestamp(session.getCreatedAt()));
        n.put("updatedAt", timestamp(session.getUpdatedAt()));
        n.put("ipAddress", session.getIpAddress());
        n.put("userAgent", session.getUserAgent());
        // A revocation handle, not the bearer secret: list-sessions must not hand out other devices' tokens.
        n.put("token", session.getId());
        for (Map.Entry<String, Object> field : session.getFields().entrySet()) {
            n.set(field.getKey(), mapper.valueToTree(field.getValue()));
        }
        return n;
    }

    public ObjectNode sessionAndUser(Session session, User user) {
        ObjectNode n = mapper.createObjectNode();
        n.set("session", session(session));
        n.set("user", user(user));
        return n;
    }
}
