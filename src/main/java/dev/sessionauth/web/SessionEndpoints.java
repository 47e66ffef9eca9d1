package dev.sessionauth.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionauth.engine.BrowserUpdate;
import dev.sessionauth.engine.Resolution;
import dev.sessionauth.engine.ResolveMode;
import dev.sessionauth.Session;
import dev.sessionauth.engine.Writer;
import dev.sessionauth.engine.Engine;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The caller's sessions: {@code /get-session}, {@code /refresh-session}, {@code /update-session},
 * {@code /list-sessions} and the three ways to revoke ({@code /revoke-session}, {@code /revoke-other-sessions},
 * {@code /revoke-sessions}).
 */
final class SessionEndpoints {
    private final ApiExchange api;
    private final Engine auth;

    SessionEndpoints(ApiExchange api) {
        this.api = api;
        this.auth = api.auth();
    }

    Map<String, Endpoint> endpoints() {
        return Map.of(
                "/get-session", Endpoint.get(this::getSession),
                "/refresh-session", Endpoint.post(this::refreshSession),
                "/update-session", Endpoint.post(this::updateSession),
                "/list-sessions", Endpoint.getWithoutQuery(this::listSessions),
                "/revoke-session", Endpoint.post(this::revokeSession),
                "/revoke-other-sessions", Endpoint.post(this::revokeOtherSessions),
                "/revoke-sessions", Endpoint.post(this::revokeSessions));
    }

    private void getSession(HttpServletRequest request, HttpServletResponse response, UrlEncoded query)
            throws IOException {
        // The answer shows the user: read it with the session, in one statement.
        ResolveMode mode = ResolveMode.PAGE.withUser();
        mode = ApiExchange.flag(query, "disableCookieCache") ? mode.withoutCache() : mode;
        mode = ApiExchange.flag(query, "disableRefresh") ? mode.withoutRefresh() : mode;
        Resolution r = auth.resolve(api.presented(request), mode);
        api.apply(request, response, r.browser());
        if (!r.isValid()) {
            api.write(response, NullNode.getInstance());
            return;
        }
        api.write(response, api.json().sessionAndUserBytes(r.session().orElseThrow(), r.user().orElseThrow()));
    }

    private void refreshSession(HttpServletRequest request, HttpServletResponse response) throws IOException {
        api.body(request, false).allowOnly(ApiExchange.NO_FIELDS);
        Resolution refreshed = auth.refresh(api.requireSession(request, response));
        api.apply(request, response, refreshed.browser());
        api.write(response, api.json().sessionAndUser(refreshed.session().orElseThrow(),
                refreshed.user().orElseThrow()));
    }

    private void updateSession(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = api.body(request, false);
        Set<String> declared = new HashSet<>();
        auth.config().sessionFields().forEach(f -> declared.add(f.name()));
        body.allowOnly(declared);
        Resolution r = api.requireSession(request, response);
        Resolution updated = auth.updateSession(r, body.fieldValues(auth.config().sessionFields(), api.mapper()),
                Writer.CLIENT);
        api.apply(request, response, updated.browser());
        ObjectNode out = api.json().object();
        out.set("session", api.json().session(updated.session().orElseThrow()));
        api.write(response, out);
    }

    private void listSessions(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Resolution r = api.requireSession(request, response);
        ArrayNode out = api.mapper().createArrayNode();
        for (Session s : auth.listSessions(r.user().orElseThrow().getId())) {
            out.add(api.json().session(s));
        }
        api.write(response, out);
    }

    private void revokeSession(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = api.body(request, false).allowOnly(Set.of("token"));
        String handle = body.requiredString("token");
        Resolution r = api.requireSession(request, response);
        // Someone else's handle and an unknown one get the same answer, and neither revokes anything.
        auth.revokeSession(r.user().orElseThrow().getId(), handle);
        if (handle.equals(r.session().orElseThrow().getId())) {
            api.apply(request, response, BrowserUpdate.CLEAR);
        }
        api.status(response);
    }

    private void revokeOtherSessions(HttpServletRequest request, HttpServletResponse response) throws IOException {
        api.body(request, false).allowOnly(ApiExchange.NO_FIELDS);
        Resolution r = api.requireSession(request, response);
        auth.revokeOtherSessions(r.user().orElseThrow().getId(), r.session().orElseThrow().getId());
        api.status(response);
    }

    private void revokeSessions(HttpServletRequest request, HttpServletResponse response) throws IOException {
        api.body(request, false).allowOnly(ApiExchange.NO_FIELDS);
        Resolution r = api.requireSession(request, response);
        auth.revokeAllSessions(r.user().orElseThrow().getId());
        api.apply(request, response, BrowserUpdate.CLEAR);
        api.status(response);
    }
}
