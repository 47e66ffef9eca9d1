package dev.sessionauth.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionauth.AuthException;
import dev.sessionauth.engine.BrowserUpdate;
import dev.sessionauth.engine.ResolveMode;
import dev.sessionauth.engine.SignIn;
import dev.sessionauth.engine.SignInOutcome;
import dev.sessionauth.SignUp;
import dev.sessionauth.engine.SignedUp;
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
 * {@code /sign-up/email}, {@code /sign-in/email} and {@code /sign-out}: JSON for Better Auth's clients, and HTML
 * forms that go on to {@code callbackURL} (or back to {@code errorCallbackURL} with {@code ?error=CODE} and what the
 * user typed, passwords aside; sign-out forms carry the session's {@code _csrf}).
 */
final class SignInEndpoints {
    /** The longest typed value a failed form gets back in its URL (an address is at most 254 characters). */
    private static final int KEPT_MAX = 320;

    private final ApiExchange api;
    private final Engine auth;

    SignInEndpoints(ApiExchange api) {
        this.api = api;
        this.auth = api.auth();
    }

    Map<String, Endpoint> endpoints() {
        return Map.of(
                "/sign-up/email", Endpoint.post(this::signUp),
                "/sign-in/email", Endpoint.post(this::signIn),
                "/sign-out", Endpoint.post(this::signOut));
    }

    private void signUp(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = api.body(request, true).allowOnly(api.withUserFields(Set.of("name", "email",
                "password", "image", "rememberMe", "callbackURL", "errorCallbackURL", CsrfGuard.TOKEN_FIELD)));
        Optional<String> callback = api.callbackUrl(body, request, "callbackURL");
        Optional<String> errorCallback = api.callbackUrl(body, request, "errorCallbackURL");
        SignedUp result;
        try {
            SignUp signUp = new SignUp(body.requiredString("name"), body.requiredString("email"),
                    body.requiredString("password"), body.optionalString("image"),
                    rememberMe(body), body.fieldValues(auth.config().userFields(), api.mapper()));
            result = auth.signUp(signUp, api.caller(request));
        } catch (AuthException e) {
            ApiExchange.redirectOnFormError(body, keeping(errorCallback, body, "name", "email"), e, response);
            return;
        }
        result.signedIn().ifPresent(s -> api.apply(request, response, s.browser()));
        if (body.isForm() && callback.isPresent()) {
            ApiExchange.redirect(response, callback.get());
            return;
        }
        ObjectNode out = api.json().object();
        // Without a session (e-mail verification required first) the token is null, as in Better Auth.
        out.put("token", result.signedIn().map(SignedIn::token).orElse(null));
        out.set("user", api.json().user(result.user()));
        api.write(response, out);
    }

    private void signIn(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = api.body(request, true)
                .allowOnly(Set.of("email", "password", "rememberMe", "callbackURL", "errorCallbackURL",
                        CsrfGuard.TOKEN_FIELD));
        Optional<String> callback = api.callbackUrl(body, request, "callbackURL");
        Optional<String> errorCallback = api.callbackUrl(body, request, "errorCallbackURL");
        SignInOutcome outcome;
        try {
            SignIn signIn = new SignIn(body.requiredString("email"), body.requiredString("password"),
                    rememberMe(body));
            outcome = auth.signIn(signIn, api.caller(request));
        } catch (AuthException e) {
            ApiExchange.redirectOnFormError(body, keeping(errorCallback, body, "email"), e, response);
            return;
        }
        api.answerSignIn(request, response, body, callback, outcome);
    }

    /**
     * JSON: {@code {}} or nothing. A plain HTML form ({@code <form method=post>} with {@code <auth:csrfInput/>}) may
     * sign out too: its session's CSRF token is checked, then it goes on to {@code callbackURL}.
     */
    private void signOut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = api.body(request, true);
        body.allowOnly(body.isForm() ? Set.of("callbackURL", CsrfGuard.TOKEN_FIELD) : ApiExchange.NO_FIELDS);
        Optional<String> callback = api.callbackUrl(body, request, "callbackURL");
        if (body.isForm()) {
            api.checkFormToken(body, request, auth.resolve(api.presented(request), ResolveMode.STORE.withoutRefresh()));
        }
        auth.signOut(api.presented(request));
        api.apply(request, response, BrowserUpdate.CLEAR);
        ObjectNode out = api.json().object();
        out.put("success", true);
        api.succeed(body, callback, response, out);
    }

    /**
     * JSON clients omit {@code rememberMe} to mean the default (remembered, as in Better Auth); an HTML form
     * omits an unchecked checkbox, so in a form an absent field means "do not remember".
     */
    private static boolean rememberMe(JsonBody body) {
        return body.optionalBoolean("rememberMe").orElse(!body.isForm());
    }

    /**
     * The page a failed form goes back to, with the named fields as the user typed them ({@code &email=...}), so it
     * can fill them in again instead of making the user retype the address after a mistyped password. Never a
     * password; a field that is absent, not text or longer than {@link #KEPT_MAX} characters is left out.
     */
    private static Optional<String> keeping(Optional<String> errorCallback, JsonBody body, String... fields) {
        if (errorCallback.isEmpty() || !body.isForm()) {
            return errorCallback;
        }
        StringBuilder url = new StringBuilder(errorCallback.get());
        for (String field : fields) {
            Optional<String> typed;
            try {
                typed = body.optionalString(field).filter(v -> !v.isEmpty() && v.length() <= KEPT_MAX);
            } catch (AuthException notText) {
                typed = Optional.empty();
            }
            typed.ifPresent(v -> url.append(url.indexOf("?") < 0 ? '?' : '&').append(field).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        }
        return Optional.of(url.toString());
    }
}
