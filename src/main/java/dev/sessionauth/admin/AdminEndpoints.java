package dev.sessionauth.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.Session;
import dev.sessionauth.User;
import dev.sessionauth.config.Durations;
import dev.sessionauth.engine.Resolution;
import dev.sessionauth.engine.SignedIn;
import dev.sessionauth.web.ApiExchange;
import dev.sessionauth.web.Endpoint;
import dev.sessionauth.web.JsonBody;
import dev.sessionauth.web.UrlEncoded;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The admin endpoints under {@code basePath}, on Better Auth's admin plugin wire: its paths, bodies, answers and
 * error codes (see {@code docs/admin.md} for where SessionAuth is stricter). Each reads its body, then the caller's
 * session from the store, then runs the action through {@link AdminService}, which applies the who-may rules.
 * JSON only (no forms), except stop-impersonating, which the impersonation banner's form posts with its CSRF token.
 */
final class AdminEndpoints {
    /** What an admin may do, in Better Auth's statements: has-permission answers from these. */
    private static final Map<String, Set<String>> GRANTED = Map.of(
            "user", Set.of("create", "list", "set-role", "ban", "impersonate", "delete", "set-password", "set-email",
                    "set-phone", "get", "update"),
            "session", Set.of("list", "revoke", "delete"));
    private static final Duration LONGEST_BAN = Duration.ofDays(36_500);

    private final AdminPart part;
    private final ApiExchange api;
    private final AdminJson json;

    AdminEndpoints(AdminPart part, ApiExchange api) {
        this.part = part;
        this.api = api;
        this.json = new AdminJson(api.json());
    }

    Map<String, Endpoint> endpoints() {
        Map<String, Endpoint> all = new HashMap<>();
        all.put("/admin/create-user", Endpoint.post(this::createUser));
        all.put("/admin/list-users", Endpoint.get(this::listUsers));
        all.put("/admin/get-user", Endpoint.get(this::getUser));
        all.put("/admin/update-user", Endpoint.post(this::updateUser));
        all.put("/admin/set-role", Endpoint.post(this::setRole));
        all.put("/admin/ban-user", Endpoint.post(this::banUser));
        all.put("/admin/unban-user", Endpoint.post(this::unbanUser));
        all.put("/admin/list-user-sessions", Endpoint.post(this::listUserSessions));
        all.put("/admin/revoke-user-session", Endpoint.post(this::revokeUserSession));
        all.put("/admin/revoke-user-sessions", Endpoint.post(this::revokeUserSessions));
        all.put("/admin/set-user-password", Endpoint.post(this::setUserPassword));
        all.put("/admin/remove-user", Endpoint.post(this::removeUser));
        all.put("/admin/impersonate-user", Endpoint.post(this::impersonateUser));
        all.put("/admin/stop-impersonating", Endpoint.post(this::stopImpersonating));
        all.put("/admin/has-permission", Endpoint.post(this::hasPermission));
        // Only with two-factor sign-in on: without it the path is unknown (404), as any absent route.
        if (part.twoFactor().isPresent()) {
            all.put("/admin/disable-two-factor", Endpoint.post(this::disableTwoFactor));
        }
        return Map.copyOf(all);
    }

    private JsonBody body(HttpServletRequest request, String... fields) throws IOException {
        return api.body(request, false).allowOnly(Set.of(fields));
    }

    /** The tools acting as the caller, whose session (and user) are read from the store now. */
    private AdminService acting(HttpServletRequest request, HttpServletResponse response) {
        return part.acting(api.requireSession(request, response), api.caller(request));
    }

    private Instant now() {
        return part.context().clock().instant();
    }

    private ObjectNode withUser(User user) {
        ObjectNode out = api.json().object();
        out.set("user", json.user(user, now()));
        return out;
    }

    private void success(HttpServletResponse response, boolean value) throws IOException {
        ObjectNode out = api.json().object();
        out.put("success", value);
        api.write(response, out);
    }

    // ---- POST /admin/create-user {email, password, name, role?, data?} → {user}

    private void createUser(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = body(request, "email", "password", "name", "role", "data");
        String email = body.requiredString("email");
        String password = body.requiredString("password");
        String name = body.requiredString("name");
        Optional<String> role = role(body.node("role"));
        boolean verified = false;
        Optional<String> image = Optional.empty();
        Map<String, Object> fields = new HashMap<>();
        Optional<JsonNode> data = body.node("data");
        if (data.isPresent()) {
            if (!data.get().isObject()) {
                throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "data must be an object of user fields");
            }
            Iterator<Map.Entry<String, JsonNode>> it = data.get().fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = field.getValue();
                switch (field.getKey()) {
                    // Better Auth: a top-level role wins over data.role.
                    case AdminFields.ROLE -> role = role.isPresent() ? role : role(Optional.of(value));
                    case "emailVerified" -> {
                        if (!value.isBoolean()) {
                            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "data.emailVerified must be true"
                                    + " or false");
                        }
                        verified = value.booleanValue();
                    }
                    case "image" -> {
                        if (!value.isNull() && !value.isTextual()) {
                            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "data.image must be a string");
                        }
                        image = value.isNull() ? Optional.empty() : Optional.of(value.textValue());
                    }
                    default -> fields.put(field.getKey(), api.mapper().convertValue(value, Object.class));
                }
            }
        }
        NewUser user = new NewUser(email, name, password, role, verified, image, fields);
        api.write(response, withUser(acting(request, response).createUser(user)));
    }

    /** A role as Better Auth takes it: a string, or a list of strings joined with commas. */
    private static Optional<String> role(Optional<JsonNode> node) {
        if (node.isEmpty()) {
            return Optional.empty();
        }
        JsonNode n = node.get();
        if (n.isTextual()) {
            return Optional.of(n.textValue());
        }
        if (n.isArray()) {
            List<String> roles = new ArrayList<>();
            for (JsonNode element : n) {
                if (!element.isTextual()) {
                    throw new AuthException(ErrorCode.INVALID_ROLE_TYPE);
                }
                roles.add(element.textValue());
            }
            return Optional.of(String.join(",", roles));
        }
        throw new AuthException(ErrorCode.INVALID_ROLE_TYPE);
    }

    // ---- GET /admin/list-users?searchValue&searchField&searchOperator&sortBy&sortDirection&filter…&limit&offset

    private void listUsers(HttpServletRequest request, HttpServletResponse response, UrlEncoded query)
            throws IOException {
        api.refuseForeignOrigin(request);
        UserQuery q = query(query);
        UserPage page = acting(request, response).listUsers(q);
        ObjectNode out = api.json().object();
        ArrayNode users = out.putArray("users");
        Instant now = now();
        page.users().forEach(u -> users.add(json.user(u, now)));
        out.put("total", page.total());
        out.put("limit", page.limit());
        out.put("offset", page.offset());
        api.write(response, out);
    }

    /** The list-users query, read strictly: an unknown field, operator or direction is a 400 that names it. */
    static UserQuery query(UrlEncoded query) {
        UserQuery q = UserQuery.all();
        try {
            int limit = number(query, "limit", UserQuery.DEFAULT_LIMIT);
            q = q.page(Math.min(limit == 0 ? UserQuery.DEFAULT_LIMIT : limit, UserQuery.MAX_LIMIT),
                    number(query, "offset", 0));
            Optional<String> search = query.single("searchValue").filter(v -> !v.isEmpty());
            if (search.isPresent()) {
                q = q.search(field(query, "searchField", "email"), operator(query, "searchOperator", "contains"),
                        search.get());
            }
            Optional<String> sortBy = query.single("sortBy").filter(v -> !v.isEmpty());
            String direction = query.single("sortDirection").filter(v -> !v.isEmpty()).orElse("asc");
            if (!direction.equals("asc") && !direction.equals("desc")) {
                throw new IllegalArgumentException("sortDirection must be asc or desc");
            }
            if (sortBy.isPresent()) {
                q = q.sortBy(field(query, "sortBy", "createdAt"), direction.equals("desc"));
            } else if (direction.equals("desc")) {
                q = q.sortBy(UserQuery.Field.CREATED_AT, true);
            }
            Optional<String> filterValue = query.single("filterValue");
            if (filterValue.isPresent()) {
                q = q.filter(field(query, "filterField", "email"), operator(query, "filterOperator", "eq"),
                        filterValue.get());
            }
        } catch (IllegalArgumentException e) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, e.getMessage());
        }
        return q;
    }

    private static int number(UrlEncoded query, String name, int absent) {
        Optional<String> value = query.single(name).filter(v -> !v.isEmpty());
        if (value.isEmpty()) {
            return absent;
        }
        try {
            int n = Integer.parseInt(value.get());
            if (n < 0) {
                throw new IllegalArgumentException(name + " must be 0 or more");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
    }

    private static UserQuery.Field field(UrlEncoded query, String name, String absent) {
        String value = query.single(name).filter(v -> !v.isEmpty()).orElse(absent);
        return UserQuery.Field.of(value).orElseThrow(() -> new IllegalArgumentException(name + " cannot be "
                + shown(value)));
    }

    private static UserQuery.Operator operator(UrlEncoded query, String name, String absent) {
        String value = query.single(name).filter(v -> !v.isEmpty()).orElse(absent);
        return UserQuery.Operator.of(value).orElseThrow(() -> new IllegalArgumentException(name + " cannot be "
                + shown(value) + "; use eq, ne, contains, starts_with or ends_with"));
    }

    private static String shown(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }

    // ---- GET /admin/get-user?id → User (bare, as Better Auth answers)

    private void getUser(HttpServletRequest request, HttpServletResponse response, UrlEncoded query)
            throws IOException {
        api.refuseForeignOrigin(request);
        String id = query.single("id").filter(v -> !v.isEmpty())
                .orElseThrow(() -> new AuthException(ErrorCode.INVALID_REQUEST_BODY, "Missing query parameter: id"));
        User user = acting(request, response).getUser(id)
                .orElseThrow(() -> new AuthException(ErrorCode.USER_NOT_FOUND));
        api.write(response, json.user(user, now()));
    }

    // ---- the user's account

    /** {@code {userId, data}} → the user afterwards, bare (Better Auth answers update-user so, unlike set-role). */
    private void updateUser(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = body(request, "userId", "data");
        String userId = body.requiredString("userId");
        JsonNode data = body.node("data").orElseThrow(() -> new AuthException(ErrorCode.INVALID_REQUEST_BODY,
                "Missing field: data, the user fields to change"));
        if (!data.isObject()) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "data must be an object of user fields");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        data.fields().forEachRemaining(f -> fields.put(f.getKey(), api.mapper().convertValue(f.getValue(),
                Object.class)));
        api.write(response, json.user(acting(request, response).updateUser(userId, fields), now()));
    }

    private void setRole(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = body(request, "userId", "role");
        String userId = body.requiredString("userId");
        String role = role(body.node("role")).orElseThrow(() -> new AuthException(ErrorCode.INVALID_REQUEST_BODY,
                "Missing field: role"));
        api.write(response, withUser(acting(request, response).setRole(userId, role)));
    }

    private void banUser(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = body(request, "userId", "banReason", "banExpiresIn");
        String userId = body.requiredString("userId");
        Optional<String> reason = body.optionalString("banReason");
        Optional<Duration> expiresIn = body.node("banExpiresIn").map(AdminEndpoints::seconds);
        AdminService admin = acting(request, response);
        User banned = admin.ban(userId, reason, expiresIn.or(() -> part.settings().defaultBanExpiresIn()));
        api.write(response, withUser(banned));
    }

    /** {@code banExpiresIn}: a positive number of seconds (Better Auth's unit), not text. */
    private static Duration seconds(JsonNode n) {
        if (!n.isNumber()) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "banExpiresIn must be a number of seconds");
        }
        double seconds = n.doubleValue();
        if (!(seconds > 0) || seconds > LONGEST_BAN.getSeconds()) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "banExpiresIn must be a positive number of"
                    + " seconds, at most " + Durations.format(LONGEST_BAN) + "; leave it out for a ban until lifted");
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    private void unbanUser(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String userId = body(request, "userId").requiredString("userId");
        api.write(response, withUser(acting(request, response).unban(userId)));
    }

    private void setUserPassword(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = body(request, "userId", "newPassword");
        String userId = body.requiredString("userId");
        String password = body.requiredString("newPassword");
        acting(request, response).setUserPassword(userId, password);
        api.status(response);
    }

    /** {@code {userId}} → {@code {status: true}}: the user's two-factor sign-in is off (SessionAuth's own). */
    private void disableTwoFactor(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String userId = body(request, "userId").requiredString("userId");
        acting(request, response).disableTwoFactor(userId);
        api.status(response);
    }

    private void removeUser(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String userId = body(request, "userId").requiredString("userId");
        success(response, acting(request, response).removeUser(userId));
    }

    // ---- the user's sessions

    private void listUserSessions(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String userId = body(request, "userId").requiredString("userId");
        List<Session> sessions = acting(request, response).listUserSessions(userId);
        ObjectNode out = api.json().object();
        ArrayNode list = out.putArray("sessions");
        sessions.forEach(s -> list.add(json.session(s)));
        api.write(response, out);
    }

    /**
     * {@code {sessionToken, userId?}}: the token is the handle list-user-sessions gave (never a bearer token);
     * with {@code userId}, only a session of that user ends.
     */
    private void revokeUserSession(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = body(request, "sessionToken", "userId");
        String handle = body.requiredString("sessionToken");
        Optional<String> userId = body.optionalString("userId");
        success(response, acting(request, response).revokeSession(userId, handle));
    }

    private void revokeUserSessions(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String userId = body(request, "userId").requiredString("userId");
        acting(request, response).revokeUserSessions(userId);
        success(response, true);
    }

    // ---- impersonation

    private void impersonateUser(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String userId = body(request, "userId").requiredString("userId");
        AdminService.Impersonated done = acting(request, response).impersonate(userId);
        api.apply(request, response, done.browser());
        SignedIn in = done.signedIn();
        ObjectNode out = api.json().object();
        out.set("session", json.session(in.session()));
        out.set("user", json.user(in.user(), now()));
        api.write(response, out);
    }

    private void stopImpersonating(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = api.body(request, true).allowOnly(ApiExchange.withFormFields(ApiExchange.NO_FIELDS));
        Resolution current = api.requireSession(request, response);
        api.checkFormToken(body, request, current);
        Optional<String> callback = api.callbackUrl(body, request, "callbackURL");
        SignedIn back = part.stop(api.auth(), current, api.caller(request),
                update -> api.apply(request, response, update));
        ObjectNode out = api.json().object();
        out.set("session", json.session(back.session()));
        out.set("user", json.user(back.user(), now()));
        api.succeed(body, callback, response, out);
    }

    // ---- POST /admin/has-permission {permissions} → {error: null, success}

    private void hasPermission(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = body(request, "permissions", "permission", "userId", "role");
        JsonNode asked = body.node("permissions").orElseThrow(() -> new AuthException(ErrorCode.INVALID_REQUEST_BODY,
                "Missing field: permissions, e.g. {\"user\": [\"ban\"]}"));
        if (!asked.isObject() || asked.isEmpty()) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "permissions must map resources to actions");
        }
        AdminService admin = acting(request, response);
        boolean granted;
        try {
            admin.permit(ErrorCode.YOU_ARE_NOT_ALLOWED_TO_GET_USER);
            granted = true;
        } catch (AuthException notAnAdmin) {
            // Not an admin (or not now): no permission, which is the answer, not an error.
            granted = false;
        }
        Iterator<Map.Entry<String, JsonNode>> it = asked.fields();
        while (granted && it.hasNext()) {
            Map.Entry<String, JsonNode> resource = it.next();
            JsonNode actions = resource.getValue();
            if (!actions.isArray() || actions.isEmpty()) {
                granted = false;
                break;
            }
            for (JsonNode action : actions) {
                String name = action.asText();
                boolean adminTargets = resource.getKey().equals("user") && name.equals("impersonate-admins")
                        && part.settings().allowAdminTargets();
                granted &= adminTargets || GRANTED.getOrDefault(resource.getKey(), Set.of()).contains(name);
            }
        }
        ObjectNode out = api.json().object();
        out.putNull("error");
        out.put("success", granted);
        api.write(response, out);
    }
}
