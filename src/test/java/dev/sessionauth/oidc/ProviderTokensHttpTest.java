package dev.sessionauth.oidc;

import static dev.sessionauth.oidc.SocialBrowser.location;
import static dev.sessionauth.oidc.SocialIdp.FORGE;
import static dev.sessionauth.oidc.SocialIdp.IDP;
import static dev.sessionauth.testing.Accounts.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The provider's tokens of a social sign-in, kept encrypted on the provider account and served as Better Auth serves
 * them ({@code /get-access-token}, {@code /refresh-token}), against mock-oauth2-server: the token answered is one the
 * provider honours, an expiring one is refreshed through the provider (the server's clock moves past its expiry),
 * and nobody reaches another user's tokens.
 */
class ProviderTokensHttpTest {
    private static final String GET_ACCESS_TOKEN = "/api/auth/get-access-token";
    private static final String REFRESH_TOKEN = "/api/auth/refresh-token";
    private static final String LIST = "/api/auth/list-accounts";
    private static final String UNLINK = "/api/auth/unlink-account";

    private static SocialIdp idp;
    private static MutableClock clock;
    private static TestServer server;

    @BeforeAll
    static void start() {
        idp = SocialIdp.start();
        clock = new MutableClock(Instant.now());
        server = TestServer.builder().clock(clock).settings(idp.bothProviders()).start();
        SocialTests.awaitProviders(server, IDP, FORGE);
    }

    @AfterAll
    static void stop() {
        server.close();
        idp.close();
    }

    @BeforeEach
    void honestProviderAndTheRealTime() {
        // A test that moved the server's clock past the provider's tokens must not leave later sign-ins there.
        clock.advance(Duration.between(clock.instant(), Instant.now()));
        idp.answerRefreshes(200, "{\"access_token\":\"forge-refreshed\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        idp.tokenRequests();
    }

    /** A new user signed in with {@value SocialIdp#IDP}: the browser and the provider's subject. */
    private record SocialUser(TestClient browser, String subject, String email) {
    }

    private static SocialUser signedInAtIdp() {
        String subject = "sub-" + UUID.randomUUID();
        String email = Accounts.uniqueEmail("tokens");
        idp.nextUser(subject, email, true);
        SocialBrowser browser = new SocialBrowser(server.client(), idp);
        assertThat(location(browser.signIn(IDP, "callbackURL", "/dashboard"))).isEqualTo("/dashboard");
        return new SocialUser(browser.client(), subject, email);
    }

    private static TestClient signedInAtForge(String subject) {
        SocialBrowser browser = new SocialBrowser(server.client(), idp);
        Reply start = browser.start(FORGE, "callbackURL", "/dashboard");
        String nonce = MockIdp.queryValue(SocialBrowser.url(start), "nonce");
        idp.forge(idp.token(nonce, c -> c.subject(subject).claim("email", subject + "@forge.example")));
        assertThat(location(browser.callback(browser.authorize(start)))).isEqualTo("/dashboard");
        idp.forge("");
        return browser.client();
    }

    private static String accountRowId(String providerId, String subject) {
        return column("SELECT id FROM sa_account WHERE provider_id = ? AND account_id = ?", providerId, subject);
    }

    private static List<String> storedTokens(String accountRowId) {
        try (Connection c = server.database(); PreparedStatement ps = c.prepareStatement(
                "SELECT access_token, refresh_token, id_token FROM sa_social_token WHERE account_id = ?")) {
            ps.setString(1, accountRowId);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a token row for " + accountRowId).isTrue();
                List<String> all = new ArrayList<>();
                for (int i = 1; i <= 3; i++) {
                    all.add(rs.getString(i));
                }
                return all;
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static String column(String sql, String... params) {
        try (Connection c = server.database(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as(sql).isTrue();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** What the provider's userinfo endpoint answers for {@code accessToken}: proof the provider honours it. */
    private static HttpResponse<String> userinfo(String accessToken) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(idp.issuer(IDP) + "/userinfo"))
                    .header("Authorization", "Bearer " + accessToken).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void theProvidersTokensAreKeptEncryptedAndNeverListed() {
        SocialUser user = signedInAtIdp();
        String account = accountRowId(IDP, user.subject());

        JsonNode answer = user.browser().post(GET_ACCESS_TOKEN, Accounts.json("providerId", IDP)).json();
        String accessToken = answer.path("accessToken").asText();

        List<String> stored = storedTokens(account);
        assertThat(stored).doesNotContainNull();
        assertThat(stored.get(0)).isNotEqualTo(accessToken).doesNotContain(accessToken.substring(0, 20));
        assertThat(stored.get(2)).doesNotContain(answer.path("idToken").asText().substring(0, 20));
        assertThat(String.join(" ", stored)).doesNotContain(".ey");
        Reply listed = user.browser().get(LIST);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(accessToken).doesNotContain("accessToken")
                .doesNotContain("refreshToken").doesNotContain("idToken");
    }

    @Test
    void getAccessTokenAnswersTheTokenTheProviderIssuedWithItsExpiryAndScopes() {
        SocialUser user = signedInAtIdp();

        Reply reply = user.browser().post(GET_ACCESS_TOKEN, Accounts.json("providerId", IDP));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode answer = reply.json();
        HttpResponse<String> info = userinfo(answer.path("accessToken").asText());
        assertThat(info.statusCode()).as(info.body()).isEqualTo(200);
        assertThat(info.body()).contains(user.subject());
        Instant expiresAt = Instant.parse(answer.path("accessTokenExpiresAt").asText());
        assertThat(Duration.between(clock.instant(), expiresAt)).isBetween(Duration.ofMinutes(55),
                Duration.ofMinutes(61));
        assertThat(answer.path("scopes").isArray()).isTrue();
        assertThat(answer.path("scopes").toString()).contains("openid");
        assertThat(answer.path("idToken").asText()).startsWith("ey");
        assertThat(idp.tokenRequests()).as("no refresh for a fresh token").isEqualTo(1);

        // By Better Auth 1.7's selection too: the account's id as list-accounts shows it.
        String account = accountRowId(IDP, user.subject());
        Reply byId = user.browser().post(GET_ACCESS_TOKEN, Accounts.json("accountId", account));
        assertThat(byId.json().path("accessToken").asText()).isEqualTo(answer.path("accessToken").asText());
    }

    @Test
    void anExpiredAccessTokenIsRefreshedThroughTheProviderAndTheNewOneKept() {
        SocialUser user = signedInAtIdp();
        String account = accountRowId(IDP, user.subject());
        String first = user.browser().post(GET_ACCESS_TOKEN, Accounts.json("providerId", IDP)).json()
                .path("accessToken").asText();
        List<String> storedBefore = storedTokens(account);
        idp.tokenRequests();

        clock.advance(Duration.ofMinutes(61));
        Reply reply = user.browser().post(GET_ACCESS_TOKEN, Accounts.json("providerId", IDP));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        String refreshed = reply.json().path("accessToken").asText();
        assertThat(refreshed).isNotEqualTo(first);
        assertThat(idp.tokenRequests()).as("one refresh at the provider").isEqualTo(1);
        assertThat(Instant.parse(reply.json().path("accessTokenExpiresAt").asText())).isAfter(clock.instant());
        assertThat(userinfo(refreshed).statusCode()).isEqualTo(200);
        List<String> storedAfter = storedTokens(account);
        assertThat(storedAfter.get(0)).isNotEqualTo(storedBefore.get(0));
        assertThat(storedAfter.get(1)).as("the refresh token is kept").isNotNull();

        // Kept: the next call answers the new token without going to the provider.
        assertThat(user.browser().post(GET_ACCESS_TOKEN, Accounts.json("providerId", IDP)).json()
                .path("accessToken").asText()).isEqualTo(refreshed);
        assertThat(idp.tokenRequests()).isZero();
    }

    @Test
    void refreshTokenForcesARefreshAndAnswersBetterAuthsShape() {
        SocialUser user = signedInAtIdp();
        String account = accountRowId(IDP, user.subject());
        String first = user.browser().post(GET_ACCESS_TOKEN, Accounts.json("providerId", IDP)).json()
                .path("accessToken").asText();
        idp.tokenRequests();

        Reply reply = user.browser().post(REFRESH_TOKEN, Accounts.json("providerId", IDP));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode answer = reply.json();
        assertThat(answer.path("accessToken").asText()).isNotEqualTo(first);
        assertThat(answer.path("refreshToken").asText()).isNotEmpty();
        assertThat(answer.path("providerId").asText()).isEqualTo(IDP);
        assertThat(answer.path("accountId").asText()).isEqualTo(account);
        assertThat(answer.path("scope").asText()).contains("openid");
        assertThat(answer.hasNonNull("accessTokenExpiresAt")).isTrue();
        assertThat(idp.tokenRequests()).isEqualTo(1);
        assertThat(user.browser().post(GET_ACCESS_TOKEN, Accounts.json("providerId", IDP)).json()
                .path("accessToken").asText()).isEqualTo(answer.path("accessToken").asText());
    }

    @Test
    void theProviderKeepsItsRefreshTokenWhenARefreshSendsNone() {
        String subject = "forge-" + UUID.randomUUID();
        TestClient browser = signedInAtForge(subject);

        Reply reply = browser.post(REFRESH_TOKEN, Accounts.json("providerId", FORGE));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().path("accessToken").asText()).isEqualTo("forge-refreshed");
        assertThat(reply.json().path("refreshToken").asText()).isEqualTo("forge-refresh");
        assertThat(browser.post(REFRESH_TOKEN, Accounts.json("providerId", FORGE)).status()).isEqualTo(200);
    }

    @Test
    void aProviderRefusingTheRefreshGivesBetterAuthsErrorAndKeepsWhatWasStored() {
        String subject = "forge-" + UUID.randomUUID();
        TestClient browser = signedInAtForge(subject);
        List<String> before = storedTokens(accountRowId(FORGE, subject));
        idp.answerRefreshes(400, "{\"error\":\"invalid_grant\",\"error_description\":\"token revoked <secret>\"}");

        Reply forced = browser.post(REFRESH_TOKEN, Accounts.json("providerId", FORGE));
        assertError(forced, 400, "FAILED_TO_REFRESH_ACCESS_TOKEN");
        assertThat(forced.body()).doesNotContain("revoked").doesNotContain("invalid_grant");

        clock.advance(Duration.ofMinutes(61));
        assertError(browser.post(GET_ACCESS_TOKEN, Accounts.json("providerId", FORGE)), 400,
                "FAILED_TO_GET_ACCESS_TOKEN");
        assertThat(storedTokens(accountRowId(FORGE, subject))).isEqualTo(before);
    }

    @Test
    void aProviderThatFailsTheRefreshIsServiceUnavailable() {
        TestClient browser = signedInAtForge("forge-" + UUID.randomUUID());
        idp.answerRefreshes(502, "{\"error\":\"bad gateway\"}");

        assertError(browser.post(REFRESH_TOKEN, Accounts.json("providerId", FORGE)), 503, "SERVICE_UNAVAILABLE");
    }

    @Test
    void anotherUsersAccountIsNotFoundAndTheirUserIdRefused() {
        SocialUser owner = signedInAtIdp();
        SocialUser other = signedInAtIdp();
        String ownersAccount = accountRowId(IDP, owner.subject());
        String ownersUserId = column("SELECT user_id FROM sa_account WHERE id = ?", ownersAccount);

        assertError(other.browser().post(GET_ACCESS_TOKEN, Accounts.json("accountId", ownersAccount)), 400,
                "ACCOUNT_NOT_FOUND");
        assertError(other.browser().post(REFRESH_TOKEN, Accounts.json("accountId", ownersAccount)), 400,
                "ACCOUNT_NOT_FOUND");
        assertError(other.browser().post(GET_ACCESS_TOKEN, Accounts.json("providerId", IDP, "userId", ownersUserId)),
                403, "USER_ID_NOT_ALLOWED");
        assertError(other.browser().post(REFRESH_TOKEN, Accounts.json("providerId", IDP, "userId", ownersUserId)),
                403, "USER_ID_NOT_ALLOWED");
    }

    @Test
    void anUnknownProviderOrAnAccountTheUserDoesNotHaveIsRefused() {
        SocialUser user = signedInAtIdp();

        assertError(user.browser().post(GET_ACCESS_TOKEN, Accounts.json("providerId", "nowhere")), 400,
                "PROVIDER_NOT_SUPPORTED");
        assertError(user.browser().post(GET_ACCESS_TOKEN, Accounts.json("providerId", FORGE)), 400,
                "ACCOUNT_NOT_FOUND");
        assertError(user.browser().post(GET_ACCESS_TOKEN, "{}"), 400, "ACCOUNT_NOT_FOUND");
        assertError(user.browser().post(GET_ACCESS_TOKEN, Accounts.json("providerId", IDP, "extra", 1)), 400,
                "INVALID_REQUEST_BODY");
        assertError(user.browser().post(REFRESH_TOKEN, Accounts.json("providerId", 7)), 400, "INVALID_REQUEST_BODY");
    }

    @Test
    void aPasswordUserHasNoProviderTokens() {
        SignedInUser user = Accounts.signUp(server, "password-only");

        assertError(user.browser().post(GET_ACCESS_TOKEN, Accounts.json("providerId", IDP)), 400,
                "ACCOUNT_NOT_FOUND");
    }

    @Test
    void withoutASessionTheTokensAreUnauthorized() {
        TestClient stranger = server.client();

        assertError(stranger.post(GET_ACCESS_TOKEN, Accounts.json("providerId", IDP)), 401, "UNAUTHORIZED");
        assertError(stranger.post(REFRESH_TOKEN, Accounts.json("providerId", IDP)), 401, "UNAUTHORIZED");
    }

    @Test
    void unlinkingTheAccountOrDeletingTheUserDeletesItsTokens() {
        SignedInUser owner = Accounts.signUp(server, "unlinks");
        Accounts.markVerified(server, owner.email());
        String subject = "sub-" + UUID.randomUUID();
        idp.nextUser(subject, owner.email(), true);
        SocialBrowser browser = new SocialBrowser(server.client(), idp);
        assertThat(location(browser.signIn(IDP, "callbackURL", "/dashboard"))).isEqualTo("/dashboard");
        String account = accountRowId(IDP, subject);
        assertThat(server.count("SELECT COUNT(*) FROM sa_social_token WHERE account_id = ?", account)).isEqualTo(1);

        Reply unlinked = browser.client().post(UNLINK, Accounts.json("accountId", account));

        assertThat(unlinked.status()).as(unlinked.body()).isEqualTo(200);
        assertThat(server.count("SELECT COUNT(*) FROM sa_social_token WHERE account_id = ?", account)).isZero();
        assertError(browser.client().post(GET_ACCESS_TOKEN, Accounts.json("providerId", IDP)), 400,
                "ACCOUNT_NOT_FOUND");

        SocialUser gone = signedInAtIdp();
        String goneAccount = accountRowId(IDP, gone.subject());
        server.update("DELETE FROM sa_user WHERE email = ?", gone.email());
        assertThat(server.count("SELECT COUNT(*) FROM sa_social_token WHERE account_id = ?", goneAccount)).isZero();
    }

    @Test
    void aLinkSocialCallbackKeepsTheTokensToo() {
        SignedInUser owner = Accounts.signUp(server, "links");
        Accounts.markVerified(server, owner.email());
        String subject = "sub-" + UUID.randomUUID();
        idp.nextUser(subject, owner.email(), true);
        Reply start = owner.browser().post("/api/auth/link-social", Accounts.json("provider", IDP,
                "callbackURL", "/settings"));
        assertThat(start.status()).as(start.body()).isEqualTo(200);

        Reply back = owner.browser().get(SocialIdp.pathAndQuery(idp.authorize(SocialBrowser.url(start))));

        assertThat(location(back)).isEqualTo("/settings");
        Reply tokens = owner.browser().post(GET_ACCESS_TOKEN, Accounts.json("providerId", IDP));
        assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
        assertThat(userinfo(tokens.json().path("accessToken").asText()).body()).contains(subject);
    }

    @Test
    void accountInfoAnswersWhatTheProvidersUserinfoSaysWithTheKeptToken() {
        SocialUser user = signedInAtIdp();
        String account = accountRowId(IDP, user.subject());
        idp.tokenRequests();

        Reply reply = user.browser().get("/api/auth/account-info?accountId=" + account);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode info = reply.json();
        assertThat(info.path("user").path("id").asText()).isEqualTo(user.subject());
        assertThat(info.path("user").path("email").asText()).isEqualTo(user.email());
        assertThat(info.path("user").path("emailVerified").asBoolean()).isTrue();
        assertThat(info.path("data").path("sub").asText()).isEqualTo(user.subject());
        assertThat(info.path("account").path("id").asText()).isEqualTo(account);
        assertThat(info.path("account").path("providerId").asText()).isEqualTo(IDP);
        assertThat(info.path("account").path("accountId").asText()).isEqualTo(user.subject());
        assertThat(idp.tokenRequests()).as("a fresh token is not refreshed").isZero();

        clock.advance(Duration.ofMinutes(61));
        Reply later = user.browser().get("/api/auth/account-info?accountId=" + account);
        assertThat(later.status()).as(later.body()).isEqualTo(200);
        assertThat(idp.tokenRequests()).as("an expired token is refreshed first").isEqualTo(1);
    }

    @Test
    void accountInfoRefusesAnotherUsersAccountUnknownParametersAndATokenTheProviderRefuses() {
        SocialUser owner = signedInAtIdp();
        SocialUser other = signedInAtIdp();
        String ownersAccount = accountRowId(IDP, owner.subject());
        TestClient forgeUser = signedInAtForge("forge-" + UUID.randomUUID());

        assertError(other.browser().get("/api/auth/account-info?accountId=" + ownersAccount), 400, "ACCOUNT_NOT_FOUND");
        assertError(other.browser().get("/api/auth/account-info?accountId=" + ownersAccount + "&x=1"), 400,
                "INVALID_REQUEST_BODY");
        assertError(server.client().get("/api/auth/account-info?accountId=" + ownersAccount), 401, "UNAUTHORIZED");
        // The forge issuer's userinfo endpoint does not honour its made-up access token "at".
        assertError(forgeUser.get("/api/auth/account-info?providerId=" + FORGE), 401, "FAILED_TO_GET_USER_INFO");
    }

    @Test
    void aNativeAppsIdTokenSignInKeepsTheTokensItSentAsBetterAuthDoes() {
        String subject = "native-" + UUID.randomUUID();
        String token = idp.token("app-nonce", c -> c.subject(subject).claim("email", subject + "@forge.example"));
        TestClient app = server.client();

        Reply in = app.post(SocialIdp.SIGN_IN, SocialBrowser.body(FORGE, "idToken", java.util.Map.of("token", token,
                "nonce", "app-nonce", "accessToken", "app-access", "refreshToken", "app-refresh",
                "expiresAt", 1767225600000L)));

        assertThat(in.status()).as(in.body()).isEqualTo(200);
        JsonNode kept = app.post(GET_ACCESS_TOKEN, Accounts.json("providerId", FORGE)).json();
        assertThat(kept.path("accessToken").asText()).isEqualTo("app-access");
        assertThat(kept.path("idToken").asText()).isEqualTo(token);
        assertThat(kept.has("accessTokenExpiresAt")).as("the app names no expiry").isFalse();
        assertThat(storedTokens(accountRowId(FORGE, subject))).doesNotContain("app-access", "app-refresh", token);
        Reply refreshed = app.post(REFRESH_TOKEN, Accounts.json("providerId", FORGE));
        assertThat(refreshed.json().path("accessToken").asText()).isEqualTo("forge-refreshed");
        assertThat(refreshed.json().path("refreshToken").asText()).isEqualTo("app-refresh");

        Reply badExpiry = server.client().post(SocialIdp.SIGN_IN, SocialBrowser.body(FORGE, "idToken",
                java.util.Map.of("token", idp.token("n2", c -> c.subject("never-" + subject)), "nonce", "n2",
                        "expiresAt", "tomorrow")));
        assertError(badExpiry, 400, "INVALID_REQUEST_BODY");
        assertThat(server.count("SELECT COUNT(*) FROM sa_account WHERE account_id = ?", "never-" + subject)).isZero();
    }

    @Test
    void theJavaApiHandsTheServerTheUsersProviderTokenRefreshedWhenItExpires() {
        SocialUser user = signedInAtIdp();
        String userId = column("SELECT user_id FROM sa_account WHERE provider_id = ? AND account_id = ?", IDP,
                user.subject());
        SocialSignIn social = server.auth().feature(SocialSignIn.class).orElseThrow();
        idp.tokenRequests();

        ProviderAccessToken token = social.accessToken(userId, IDP);

        assertThat(userinfo(token.accessToken()).body()).contains(user.subject());
        assertThat(token.expiresAt()).isPresent();
        assertThat(token.scopes()).contains("openid");
        assertThat(token.toString()).doesNotContain(token.accessToken());
        assertThat(idp.tokenRequests()).isZero();
        clock.advance(Duration.ofMinutes(61));
        assertThat(social.accessToken(userId, IDP).accessToken()).isNotEqualTo(token.accessToken());
        assertThat(idp.tokenRequests()).isEqualTo(1);
        assertThatThrownBy(() -> social.accessToken(userId, FORGE)).isInstanceOf(dev.sessionauth.AuthException.class)
                .extracting("code").isEqualTo(dev.sessionauth.ErrorCode.ACCOUNT_NOT_FOUND);
    }

    @Test
    void aNewSignInReplacesTheKeptTokens() {
        SocialUser user = signedInAtIdp();
        String account = accountRowId(IDP, user.subject());
        String first = user.browser().post(GET_ACCESS_TOKEN, Accounts.json("providerId", IDP)).json()
                .path("accessToken").asText();

        idp.nextUser(user.subject(), user.email(), true);
        SocialBrowser again = new SocialBrowser(server.client(), idp);
        assertThat(location(again.signIn(IDP, "callbackURL", "/dashboard"))).isEqualTo("/dashboard");

        String second = again.client().post(GET_ACCESS_TOKEN, Accounts.json("providerId", IDP)).json()
                .path("accessToken").asText();
        assertThat(second).isNotEqualTo(first);
        assertThat(user.browser().post(GET_ACCESS_TOKEN, Accounts.json("providerId", IDP)).json()
                .path("accessToken").asText()).isEqualTo(second);
        assertThat(server.count("SELECT COUNT(*) FROM sa_social_token WHERE account_id = ?", account)).isEqualTo(1);
    }
}
