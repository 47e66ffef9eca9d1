package dev.sessionauth.web;

import dev.sessionauth.engine.Outcome;
import dev.sessionauth.ChangeEmail;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionauth.AuthException;
import dev.sessionauth.DeleteUser;
import dev.sessionauth.DeleteUserResult;
import dev.sessionauth.engine.Resolution;
import dev.sessionauth.engine.Engine;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The account itself: {@code /change-email}, {@code /delete-user} and {@code GET /delete-user/callback} (the mailed
 * confirmation link). JSON for Better Auth's clients; HTML forms with the session's {@code _csrf} go on to
 * {@code callbackURL} or back to {@code errorCallbackURL} with {@code ?error=CODE}.
 */
final class AccountEndpoints {
    private final ApiExchange api;
    private final Engine auth;

    AccountEndpoints(ApiExchange api) {
        this.api = api;
        this.auth = api.auth();
    }

    Map<String, Endpoint> endpoints() {
        return Map.of(
                "/change-email", Endpoint.post(this::changeEmail),
                "/delete-user", Endpoint.post(this::deleteUser),
                "/delete-user/callback", Endpoint.get(this::deleteUserCallback));
    }

    private void changeEmail(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = api.body(request, true).allowOnly(ApiExchange.withFormFields(Set.of("newEmail", "password")));
        Optional<String> callback = api.callbackUrl(body, request, "callbackURL");
        ApiExchange.backToFormOnError(body, api.callbackUrl(body, request, "errorCallbackURL"), response, () -> {
            Resolution current = api.requireSession(request, response);
            api.checkFormToken(body, request, current);
            ChangeEmail change = new ChangeEmail(body.requiredString("newEmail"), body.optionalString("password"),
                    callback);
            api.apply(request, response, auth.changeEmail(current, change, api.caller(request)).browser());
            // Changed, confirmation sent or address taken: one answer, as Better Auth gives.
            ObjectNode out = api.json().object();
            out.put("status", true);
            api.succeed(body, callback, response, out);
        });
    }

    private void deleteUser(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = api.body(request, true).allowOnly(ApiExchange.withFormFields(Set.of("password", "token")));
        Optional<String> callback = api.callbackUrl(body, request, "callbackURL");
        ApiExchange.backToFormOnError(body, api.callbackUrl(body, request, "errorCallbackURL"), response, () -> {
            Resolution current = api.requireSession(request, response);
            api.checkFormToken(body, request, current);
            DeleteUser delete = new DeleteUser(body.optionalString("password"), callback);
            Outcome<DeleteUserResult> result = auth.deleteUser(current, delete, body.optionalString("token"),
                    api.caller(request));
            api.succeed(body, callback, response, deleted(request, response, result));
        });
    }

    /** The mailed confirmation link, opened in a browser signed in as the user: deletes, then on to callbackURL. */
    private void deleteUserCallback(HttpServletRequest request, HttpServletResponse response, UrlEncoded query)
            throws IOException {
        Optional<String> callback = api.callbackUrl(query, request, "callbackURL");
        Outcome<DeleteUserResult> result;
        try {
            Resolution current = api.requireSession(request, response);
            result = auth.deleteUser(current, new DeleteUser(Optional.empty(), callback),
                    Optional.of(query.single("token").orElse("")), api.caller(request));
        } catch (AuthException e) {
            if (callback.isPresent()) {
                ApiExchange.redirect(response, ApiExchange.withError(callback.get(), e.code()));
                return;
            }
            throw e;
        }
        ObjectNode out = deleted(request, response, result);
        if (callback.isPresent()) {
            ApiExchange.redirect(response, callback.get());
        } else {
            api.write(response, out);
        }
    }

    /** Better Auth's answer; a deleted user's browser has its cookies cleared. */
    private ObjectNode deleted(HttpServletRequest request, HttpServletResponse response,
                               Outcome<DeleteUserResult> result) {
        boolean deleted = result.value().status() == DeleteUserResult.Status.DELETED;
        api.apply(request, response, result.browser());
        ObjectNode out = api.json().object();
        out.put("success", true);
        out.put("message", deleted ? "User deleted" : "Verification email sent");
        return out;
    }
}
