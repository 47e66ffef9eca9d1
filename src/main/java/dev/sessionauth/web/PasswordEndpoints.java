package dev.sessionauth.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.engine.PasswordChange;
import dev.sessionauth.engine.PasswordChanged;
import dev.sessionauth.engine.Resolution;
import dev.sessionauth.engine.SignedIn;
import dev.sessionauth.engine.Engine;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Passwords: {@code /change-password} (knowing the current one), {@code /request-password-reset},
 * {@code GET /reset-password/:token} (the mailed link, on to the app's reset page) and {@code /reset-password}.
 * JSON for Better Auth's clients; HTML forms (with {@code _csrf} when signed in) go on to {@code callbackURL} or back
 * to {@code errorCallbackURL} with {@code ?error=CODE}. The engine throttles every password check and hash; wrong
 * current passwords count against the account like failed sign-ins.
 */
final class PasswordEndpoints {
    private static final String RESET_REQUESTED = "If this email exists in our system, check your email for the reset"
            + " link";

    private final ApiExchange api;
    private final Engine auth;

    PasswordEndpoints(ApiExchange api) {
        this.api = api;
        this.auth = api.auth();
    }

    Map<String, Endpoint> endpoints() {
        return Map.of(
                "/change-password", Endpoint.post(this::changePassword),
                "/request-password-reset", Endpoint.post(this::requestPasswordReset),
                "/reset-password", new Endpoint("POST", this::resetPassword));
    }

    /** The endpoints whose last path segment is a parameter. */
    Map<String, Endpoint.WithSegment> prefixedEndpoints() {
        return Map.of("/reset-password/", new Endpoint.WithSegment("GET", this::openResetLink));
    }

    private void changePassword(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = api.body(request, true).allowOnly(ApiExchange.withFormFields(Set.of("currentPassword",
                "newPassword", "revokeOtherSessions")));
        Optional<String> callback = api.callbackUrl(body, request, "callbackURL");
        ApiExchange.backToFormOnError(body, api.callbackUrl(body, request, "errorCallbackURL"), response, () -> {
            Resolution current = api.requireSession(request, response);
            api.checkFormToken(body, request, current);
            PasswordChange change = new PasswordChange(body.requiredString("currentPassword"),
                    body.requiredString("newPassword"), body.optionalBoolean("revokeOtherSessions").orElse(false));
            PasswordChanged changed = auth.changePassword(current, change, api.caller(request));
            changed.newSession().ifPresent(s -> api.apply(request, response, s.browser()));
            ObjectNode out = api.json().object();
            // Better Auth's answer: the new session's token when the others were revoked, else null.
            out.put("token", changed.newSession().map(SignedIn::token).orElse(null));
            out.set("user", api.json().user(changed.user()));
            api.succeed(body, callback, response, out);
        });
    }

    private void requestPasswordReset(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = api.body(request, true).allowOnly(ApiExchange.withFormFields(Set.of("email", "redirectTo")));
        Optional<String> callback = api.callbackUrl(body, request, "callbackURL");
        ApiExchange.backToFormOnError(body, api.callbackUrl(body, request, "errorCallbackURL"), response, () -> {
            // Where the mailed link leads obeys the callbackURL rules: a path in this app or a trusted origin.
            Optional<String> redirectTo = api.callbackUrl(body, request, "redirectTo");
            auth.requestPasswordReset(body.requiredString("email"), ApiExchange.linkBase(request), redirectTo,
                    api.clientInfo(request));
            // The same answer whether or not the address has an account.
            ObjectNode out = api.json().object();
            out.put("status", true);
            out.put("message", RESET_REQUESTED);
            api.succeed(body, callback, response, out);
        });
    }

    /**
     * The mailed link: on to {@code callbackURL?token=<token>} while the token is valid (nothing is used up: mail
     * scanners open links too), else to {@code callbackURL?error=INVALID_TOKEN}. Without a callbackURL, JSON.
     */
    private void openResetLink(HttpServletRequest request, HttpServletResponse response, UrlEncoded query,
                               String token) throws IOException {
        Optional<String> callback = api.callbackUrl(query, request, "callbackURL");
        boolean valid = auth.isPasswordResetValid(token);
        if (callback.isPresent()) {
            ApiExchange.redirect(response, valid
                    ? callback.get() + (callback.get().contains("?") ? "&" : "?") + "token="
                            + URLEncoder.encode(token, StandardCharsets.UTF_8)
                    : ApiExchange.withError(callback.get(), ErrorCode.INVALID_TOKEN));
            return;
        }
        if (!valid) {
            throw new AuthException(ErrorCode.INVALID_TOKEN, "This password-reset link is not valid: it was used"
                    + " already, has expired or never existed");
        }
        ObjectNode out = api.json().object();
        out.put("token", token);
        api.write(response, out);
    }

    private void resetPassword(HttpServletRequest request, HttpServletResponse response, UrlEncoded query)
            throws IOException {
        JsonBody body = api.body(request, true).allowOnly(ApiExchange.withFormFields(Set.of("newPassword", "token")));
        Optional<String> callback = api.callbackUrl(body, request, "callbackURL");
        ApiExchange.backToFormOnError(body, api.callbackUrl(body, request, "errorCallbackURL"), response, () -> {
            // Better Auth's client may send the token in the query instead of the body.
            String token = body.optionalString("token").or(() -> query.single("token")).orElse("");
            String newPassword = body.requiredString("newPassword");
            auth.resetPassword(token, newPassword, api.clientInfo(request));
            ObjectNode out = api.json().object();
            out.put("status", true);
            api.succeed(body, callback, response, out);
        });
    }
}
