package dev.sessionauth.oidc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.User;
import dev.sessionauth.engine.Resolution;
import dev.sessionauth.spi.LinkedAccount;
import dev.sessionauth.web.ApiExchange;
import dev.sessionauth.web.ApiJson;
import dev.sessionauth.web.Endpoint;
import dev.sessionauth.web.JsonBody;
import dev.sessionauth.web.UrlEncoded;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Better Auth's endpoints that hand an app the provider's tokens of the signed-in user's provider account, with its
 * request and answer shapes and error codes:
 * <ul>
 *   <li>{@code POST /get-access-token}: {@code {accessToken, accessTokenExpiresAt, scopes, idToken}}, refreshed at
 *       the provider first when it expires within five seconds (Better Auth's margin) and a refresh token is kept;</li>
 *   <li>{@code POST /refresh-token}: the refresh, forced: {@code {accessToken, refreshToken, accessTokenExpiresAt,
 *       refreshTokenExpiresAt, scope, idToken, providerId, accountId}};</li>
 *   <li>{@code GET /account-info?accountId=}: {@code {user, data, account}}, what the provider's userinfo endpoint
 *       (GitHub: its user API) says now, asked with the (refreshed if need be) access token.</li>
 * </ul>
 * The account is chosen by {@code accountId} (the account's id, as {@code /list-accounts} shows it; Better Auth 1.7)
 * and/or {@code providerId} (the user's account at that provider; Better Auth before 1.7). A {@code userId} other than
 * the caller's own is refused: Better Auth honours it only in server code. A provider that refuses the refresh gives
 * Better Auth's 400; one that fails or cannot be reached, 503.
 */
final class ProviderTokenEndpoints {
    static final String GET_ACCESS_TOKEN = "/get-access-token";
    static final String REFRESH_TOKEN = "/refresh-token";
    static final String ACCOUNT_INFO = "/account-info";

    private static final Set<String> SELECTION = Set.of("providerId", "accountId", "userId", "useAccountCookie");

    private final SocialPart part;
    private final ApiExchange api;

    ProviderTokenEndpoints(SocialPart part, ApiExchange api) {
        this.part = part;
        this.api = api;
    }

    Map<String, Endpoint> endpoints() {
        return Map.of(
                GET_ACCESS_TOKEN, Endpoint.post(this::getAccessToken),
                REFRESH_TOKEN, Endpoint.post(this::refreshToken),
                ACCOUNT_INFO, Endpoint.get(this::accountInfo));
    }

    // ---- POST /get-access-token

    private void getAccessToken(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = api.body(request, false).allowOnly(SELECTION);
        LinkedAccount account = select(body, signedIn(request, response));
        ProviderTokens tokens = part.validTokens(account);
        String accessToken = tokens.accessToken().orElseThrow();
        ObjectNode out = api.json().object();
        out.put("accessToken", accessToken);
        tokens.accessTokenExpiresAt().ifPresent(at -> out.put("accessTokenExpiresAt", ApiJson.timestamp(at)));
        ArrayNode scopes = out.putArray("scopes");
        tokens.scopes().forEach(scopes::add);
        tokens.idToken().ifPresent(id -> out.put("idToken", id));
        api.write(response, out);
    }

    // ---- POST /refresh-token

    private void refreshToken(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonBody body = api.body(request, false).allowOnly(SELECTION);
        LinkedAccount account = select(body, signedIn(request, response));
        ProviderTokens tokens = part.refreshTokens(account, true, ErrorCode.FAILED_TO_REFRESH_ACCESS_TOKEN);
        ObjectNode out = api.json().object();
        out.put("accessToken", tokens.accessToken().orElseThrow());
        tokens.refreshToken().ifPresent(t -> out.put("refreshToken", t));
        tokens.accessTokenExpiresAt().ifPresent(at -> out.put("accessTokenExpiresAt", ApiJson.timestamp(at)));
        tokens.refreshTokenExpiresAt().ifPresent(at -> out.put("refreshTokenExpiresAt", ApiJson.timestamp(at)));
        if (!tokens.scopes().isEmpty()) {
            out.put("scope", tokens.scope());
        }
        tokens.idToken().ifPresent(id -> out.put("idToken", id));
        out.put("providerId", account.providerId());
        out.put("accountId", account.id());
        api.write(response, out);
    }

    // ---- GET /account-info

    private void accountInfo(HttpServletRequest request, HttpServletResponse response, UrlEncoded query)
            throws IOException {
        User user = signedIn(request, response);
        for (String name : query.singles().keySet()) {
            if (!SELECTION.contains(name)) {
                throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "Unknown query parameter: " + name);
            }
        }
        LinkedAccount account = select(new Selection(query.single("providerId"), query.single("accountId"),
                query.single("userId")), user);
        String accessToken = part.validTokens(account).accessToken().orElseThrow();
        ProviderProfile profile;
        try {
            profile = part.client(account.providerId()).profile(accessToken, account.accountId());
        } catch (OidcException e) {
            throw new AuthException(ErrorCode.FAILED_TO_GET_USER_INFO);
        } catch (ProviderUnavailableException e) {
            throw SocialPart.unavailable(e);
        }
        ObjectNode out = api.json().object();
        ObjectNode u = out.putObject("user");
        u.put("id", profile.id());
        u.put("name", profile.name().orElse(null));
        u.put("email", profile.email().orElse(null));
        u.put("image", profile.image().orElse(null));
        u.put("emailVerified", profile.emailVerified());
        out.set("data", profile.data());
        ObjectNode a = out.putObject("account");
        a.put("id", account.id());
        a.put("providerId", account.providerId());
        a.put("accountId", account.accountId());
        api.write(response, out);
    }

    // ---- shared

    private User signedIn(HttpServletRequest request, HttpServletResponse response) {
        Resolution session = api.requireSession(request, response);
        return session.user().orElseThrow(() -> new AuthException(ErrorCode.UNAUTHORIZED));
    }

    /**
     * The caller's provider account the request names.
     *
     * @throws AuthException {@code USER_ID_NOT_ALLOWED} for another user's id, {@code PROVIDER_NOT_SUPPORTED} for a
     *     provider that is not configured, {@code ACCOUNT_NOT_FOUND} when no account of the caller fits
     */
    private LinkedAccount select(JsonBody body, User user) {
        // Better Auth's signed account cookie is not kept here, so selecting by it alone finds nothing.
        body.optionalBoolean("useAccountCookie");
        return select(new Selection(body.optionalString("providerId"), body.optionalString("accountId"),
                body.optionalString("userId")), user);
    }

    /** Which account a request names: Better Auth's selection, from a JSON body or a query. */
    private record Selection(Optional<String> providerId, Optional<String> accountId, Optional<String> userId) {
    }

    private LinkedAccount select(Selection selection, User user) {
        Optional<String> userId = selection.userId();
        if (userId.isPresent() && !userId.get().equals(user.getId())) {
            throw new AuthException(ErrorCode.USER_ID_NOT_ALLOWED);
        }
        Optional<String> providerId = selection.providerId();
        Optional<String> accountId = selection.accountId();
        if (providerId.isPresent() && !part.isConfigured(providerId.get())) {
            throw new AuthException(ErrorCode.PROVIDER_NOT_SUPPORTED);
        }
        if (providerId.isEmpty() && accountId.isEmpty()) {
            throw new AuthException(ErrorCode.ACCOUNT_NOT_FOUND);
        }
        LinkedAccount account = part.accountStore().listOf(user.getId()).stream()
                .filter(a -> accountId.map(a.id()::equals).orElse(true))
                .filter(a -> providerId.map(a.providerId()::equals).orElse(true))
                .findFirst()
                .orElseThrow(() -> new AuthException(ErrorCode.ACCOUNT_NOT_FOUND));
        if (!part.isConfigured(account.providerId())) {
            throw new AuthException(ErrorCode.PROVIDER_NOT_SUPPORTED);
        }
        return account;
    }
}
