package dev.sessionauth.web;

import dev.sessionauth.User;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionauth.AuthException;
import dev.sessionauth.engine.Outcome;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.ProfileChange;
import dev.sessionauth.engine.Resolution;
import dev.sessionauth.engine.Writer;
import dev.sessionauth.engine.Engine;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The signed-in user's account: {@code /update-user}, {@code /send-verification-email} and {@code /verify-email}. */
final class UserEndpoints {
    private final ApiExchange api;
    private final Engine auth;

    UserEndpoints(ApiExchange api) {
        this.api = api;
        this.auth = api.auth();
    }

    Map<String, Endpoint> endpoints() {
        return Map.of(
                "/update-user", Endpoint.post(this::updateUser),
                "/send-verification-email", Endpoint.post(this::sendVerificationEmail),
                "/verify-email", Endpoint.get(this::verifyEmail));
    }

    private void updateUser(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = api.body(request, false);
        if (body.has("email")) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "email cannot be changed through update-user");
        }
        body.allowOnly(api.withUserFields(Set.of("name", "image")));
        ProfileChange change = new ProfileChange(body.optionalString("name"), body.has("image")
                ? Optional.of(new ProfileChange.ImageChange(body.optionalString("image"))) : Optional.empty(),
                body.fieldValues(auth.config().userFields(), api.mapper()));
        if (change.isEmpty()) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "Nothing to update: send name, image or a field");
        }
        Resolution updated = auth.updateUser(api.requireSession(request, response), change, Writer.CLIENT);
        api.apply(request, response, updated.browser());
        api.status(response);
    }

    private void sendVerificationEmail(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = api.body(request, false).allowOnly(Set.of("email", "callbackURL"));
        Optional<String> callback = api.callbackUrl(body, request, "callbackURL");
        auth.requestVerification(body.requiredString("email"), Optional.of(ApiExchange.linkBase(request)), callback,
                api.clientInfo(request));
        // The same answer whether or not the address has an account: nothing to learn from it.
        api.status(response);
    }

    private void verifyEmail(HttpServletRequest request, HttpServletResponse response, UrlEncoded query)
            throws IOException {
        // Read strictly by us, not getParameter: a bad escape must be a 400 naming the parameter on every container.
        Optional<String> callback = api.callbackUrl(query, request, "callbackURL");
        Outcome<User> verified;
        try {
            verified = auth.verifyEmail(query.single("token").orElse(""), api.presented(request));
        } catch (AuthException e) {
            if (callback.isPresent()) {
                ApiExchange.redirect(response, ApiExchange.withError(callback.get(), e.code()));
                return;
            }
            throw e;
        }
        api.apply(request, response, verified.browser());
        if (callback.isPresent()) {
            ApiExchange.redirect(response, callback.get());
            return;
        }
        ObjectNode out = api.json().object();
        out.put("status", true);
        out.set("user", api.json().user(verified.value()));
        api.write(response, out);
    }
}
