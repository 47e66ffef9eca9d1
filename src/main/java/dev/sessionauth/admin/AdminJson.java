package dev.sessionauth.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionauth.Session;
import dev.sessionauth.User;
import dev.sessionauth.web.ApiJson;
import java.time.Instant;

/**
 * Users and sessions as the admin endpoints show them: the core shapes plus Better Auth's admin fields, each present
 * ({@code null} when unset, as its SQL adapter gives them), and the ban as it holds now: a ban past its end reads as
 * none, though the row is only cleared at the user's next sign-in.
 */
final class AdminJson {
    private final ApiJson json;

    AdminJson(ApiJson json) {
        this.json = json;
    }

    ObjectNode user(User user, Instant now) {
        ObjectNode n = json.user(user);
        if (!n.has(AdminFields.ROLE)) {
            n.putNull(AdminFields.ROLE);
        }
        AdminFields.Ban ban = AdminFields.Ban.of(user);
        boolean holds = ban.holdsAt(now);
        n.put(AdminFields.BANNED, holds);
        if (holds) {
            n.put(AdminFields.BAN_REASON, ban.reason().orElse(null));
            n.put(AdminFields.BAN_EXPIRES, ban.expires().map(AdminFields::timestamp).orElse(null));
        } else {
            n.putNull(AdminFields.BAN_REASON);
            n.putNull(AdminFields.BAN_EXPIRES);
        }
        return n;
    }

    ObjectNode session(Session session) {
        ObjectNode n = json.session(session);
        if (!n.has(AdminFields.IMPERSONATED_BY)) {
            n.putNull(AdminFields.IMPERSONATED_BY);
        }
        return n;
    }
}
