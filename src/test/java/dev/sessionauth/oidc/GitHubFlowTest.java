package dev.sessionauth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * GitHub sign-in against a stub of GitHub's three endpoints (token, {@code /user}, {@code /user/emails}). GitHub is
 * OAuth 2.0 without OpenID Connect: no discovery, no ID token, no nonce, so mock-oauth2-server (an OpenID Connect
 * provider) cannot stand in for it; the stub answers as GitHub's documentation shows.
 */
class GitHubFlowTest {
    private static final URI CALLBACK = URI.create("https://app.example/api/auth/callback/github");
    private static final String USER = "{\"login\":\"octocat\",\"id\":583231,\"name\":null,"
            + "\"avatar_url\":\"https://avatars.githubusercontent.com/u/583231?v=4\",\"email\":\"typed@anything.example\"}";
    private static final String EMAILS = "[{\"email\":\"old@example.com\",\"primary\":false,\"verified\":true},"
            + "{\"email\":\"octocat@github.com\",\"primary\":true,\"verified\":true,\"visibility\":\"public\"}]";

    private final StubServer github;
    private final OidcClient client;

    GitHubFlowTest() throws IOException {
        github = new StubServer();
        ProviderSettings settings = ProviderSettings.github("gh-client", "gh-secret").withProtocol(new Protocol.GitHub(
                github.uri("/login/oauth/authorize"), github.uri("/login/oauth/access_token"), github.uri("/user"),
                github.uri("/user/emails")));
        client = OidcClient.gitHub(settings, OidcHttp.defaults());
        github.answer("/login/oauth/access_token", StubServer.Reply.json(
                "{\"access_token\":\"gho_token\",\"token_type\":\"bearer\",\"scope\":\"read:user,user:email\"}"));
        github.answer("/user", StubServer.Reply.json(USER));
        github.answer("/user/emails", StubServer.Reply.json(EMAILS));
    }

    @AfterEach
    void stop() {
        github.close();
    }

    /** What GitHub sends the browser back with after the user agreed. */
    private static CallbackParams callback(AuthorizationRedirect redirect) {
        return CallbackParams.fromParameters(Map.of("code", List.of("gh-code"),
                "state", List.of(MockIdp.queryValue(redirect.url(), "state"))));
    }

    @Test
    void aGitHubSignInTakesTheNumericIdAndThePrimaryVerifiedAddress() {
        AuthorizationRedirect redirect = client.begin(CALLBACK);
        IdentityClaims identity = client.finish(redirect.pending(), callback(redirect), CALLBACK);

        assertThat(identity).isEqualTo(new IdentityClaims("github", "local:oauth:github", "583231",
                "octocat@github.com", true, Optional.of("octocat"),
                Optional.of("https://avatars.githubusercontent.com/u/583231?v=4"), Optional.empty()));
    }

    @Test
    void theExchangeAndTheApiCallsAreTheOnesGitHubDocuments() {
        AuthorizationRedirect redirect = client.begin(CALLBACK);
        client.finish(redirect.pending(), callback(redirect), CALLBACK);

        List<StubServer.Received> received = github.received();
        assertThat(received).extracting(StubServer.Received::path)
                .containsExactly("/login/oauth/access_token", "/user", "/user/emails");
        StubServer.Received token = received.get(0);
        assertThat(token.header("Accept")).isEqualTo("application/json");
        assertThat(token.header("Authorization")).isNull();
        assertThat(token.body()).contains("code=gh-code", "client_id=gh-client", "client_secret=gh-secret",
                "code_verifier=" + redirect.pending().codeVerifier());
        for (StubServer.Received api : received.subList(1, 3)) {
            assertThat(api.header("Authorization")).isEqualTo("Bearer gho_token");
            assertThat(api.header("Accept")).isEqualTo("application/vnd.github+json");
        }
    }

    @Test
    void theAuthorizationUrlHasPkceAndGitHubsScopesButNoNonce() {
        URI url = client.begin(CALLBACK).url();
        assertThat(url.getPath()).isEqualTo("/login/oauth/authorize");
        assertThat(MockIdp.query(url)).doesNotContainKey("nonce").containsKey("code_challenge");
        assertThat(MockIdp.queryValue(url, "scope")).isEqualTo("read:user user:email");
    }

    @Test
    void aUserWithoutAPrimaryVerifiedAddressIsEmailNotFound() {
        github.answer("/user/emails", StubServer.Reply.json(
                "[{\"email\":\"octocat@github.com\",\"primary\":true,\"verified\":false},"
                        + "{\"email\":\"other@example.com\",\"primary\":false,\"verified\":true}]"));
        AuthorizationRedirect redirect = client.begin(CALLBACK);
        assertThatThrownBy(() -> client.finish(redirect.pending(), callback(redirect), CALLBACK))
                .isInstanceOf(OidcException.class).hasFieldOrPropertyWithValue("callbackError", "email_not_found");
    }

    @Test
    void aCodeGitHubRefusesWithStatus200IsInvalidCode() {
        github.answer("/login/oauth/access_token", StubServer.Reply.json("{\"error\":\"bad_verification_code\","
                + "\"error_description\":\"The code passed is incorrect or expired.\"}"));
        AuthorizationRedirect redirect = client.begin(CALLBACK);
        assertThatThrownBy(() -> client.finish(redirect.pending(), callback(redirect), CALLBACK))
                .isInstanceOf(OidcException.class).hasFieldOrPropertyWithValue("failure", OidcFailure.INVALID_CODE)
                .hasMessageNotContaining("incorrect");
        assertThat(github.received()).extracting(StubServer.Received::path).containsExactly("/login/oauth/access_token");
    }

    @Test
    void aFailingApiIsUnableToGetUserInfo() {
        github.answer("/user", new StubServer.Reply(401, "application/json", "{\"message\":\"Bad credentials\"}"));
        AuthorizationRedirect redirect = client.begin(CALLBACK);
        assertThatThrownBy(() -> client.finish(redirect.pending(), callback(redirect), CALLBACK))
                .isInstanceOf(OidcException.class).hasFieldOrPropertyWithValue("failure", OidcFailure.USER_INFO_FAILED)
                .hasFieldOrPropertyWithValue("callbackError", "unable_to_get_user_info");
    }

    @Test
    void aGitHubSignInHandsOverItsTokenAndGrantedScopes() {
        AuthorizationRedirect redirect = client.begin(CALLBACK);
        Tokens tokens = client.finishWithTokens(redirect.pending(), callback(redirect), CALLBACK).tokens();

        assertThat(tokens.accessToken()).isEqualTo("gho_token");
        assertThat(tokens.refreshToken()).isEmpty();
        assertThat(ProviderTokens.granted(tokens, List.of("user:email"), java.time.Instant.EPOCH).scopes())
                .containsExactly("read:user", "user:email");
    }

    @Test
    void accountInfoOfAGitHubAccountIsItsUserWithThePrimaryVerifiedAddress() {
        ProviderProfile profile = client.profile("gho_token", "583231");

        assertThat(profile.id()).isEqualTo("583231");
        assertThat(profile.name()).contains("octocat");
        assertThat(profile.email()).contains("octocat@github.com");
        assertThat(profile.emailVerified()).isTrue();
        assertThat(profile.image()).contains("https://avatars.githubusercontent.com/u/583231?v=4");
        assertThat(profile.data().path("login").asText()).isEqualTo("octocat");
        assertThatThrownBy(() -> client.profile("gho_token", "1"))
                .isInstanceOf(OidcException.class).hasFieldOrPropertyWithValue("failure", OidcFailure.USER_INFO_FAILED);
    }

    @Test
    void aGitHubRefreshAnswerGivesTheNewTokensAndTheirLifetimes() {
        github.answer("/login/oauth/access_token", StubServer.Reply.json("{\"access_token\":\"ghu_new\","
                + "\"expires_in\":28800,\"refresh_token\":\"ghr_new\",\"refresh_token_expires_in\":15811200,"
                + "\"token_type\":\"bearer\",\"scope\":\"\"}"));

        Tokens tokens = client.refresh("ghr_old");

        assertThat(tokens.accessToken()).isEqualTo("ghu_new");
        assertThat(tokens.refreshToken()).contains("ghr_new");
        assertThat(tokens.expiresIn()).contains(java.time.Duration.ofHours(8));
        assertThat(tokens.refreshExpiresIn()).contains(java.time.Duration.ofSeconds(15811200));
        assertThat(tokens.idToken()).isEmpty();
    }

    @Test
    void anIssParameterOnAGitHubCallbackIsRefused() {
        AuthorizationRedirect redirect = client.begin(CALLBACK);
        CallbackParams withIss = CallbackParams.fromParameters(Map.of("code", List.of("gh-code"),
                "state", List.of(redirect.pending().state()), "iss", List.of("https://github.com")));
        assertThatThrownBy(() -> client.finish(redirect.pending(), withIss, CALLBACK))
                .isInstanceOf(OidcException.class).hasFieldOrPropertyWithValue("failure", OidcFailure.ISSUER_MISMATCH);
        assertThat(github.received()).isEmpty();
    }

    @Test
    void gitHubHasNoIdTokens() {
        assertThat(client.supportsIdTokens()).isFalse();
        assertThatThrownBy(() -> client.verifyIdToken("eyJhbGciOiJSUzI1NiJ9.e30.sig"))
                .isInstanceOf(OidcException.class)
                .hasFieldOrPropertyWithValue("failure", OidcFailure.ID_TOKEN_NOT_SUPPORTED);
        assertThat(OidcFailure.ID_TOKEN_NOT_SUPPORTED.apiCode()).isEqualTo("ID_TOKEN_NOT_SUPPORTED");
    }
}
