package dev.sessionauth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The authorization URL and the pending secrets, read back from the URL as a provider would. */
class AuthorizationRequestTest {
    private static final URI CALLBACK = URI.create("https://app.example/api/auth/callback/corp");
    private static final URI ENDPOINT = URI.create("https://idp.example.com/authorize");

    private final ProviderSettings corp =
            ProviderSettings.openIdConnect("corp", "client one", "secret", "https://idp.example.com");
    private final AuthorizationRequest request = new AuthorizationRequest(corp, ENDPOINT, new SecureRandom());

    @Test
    void theUrlAsksForACodeWithStateNonceAndAnS256ChallengeOfTheVerifier() throws Exception {
        AuthorizationRedirect redirect = request.create(CALLBACK, AuthorizationOptions.NONE);
        Map<String, List<String>> query = MockIdp.query(redirect.url());
        PendingAuthorization pending = redirect.pending();

        assertThat(redirect.url().toString()).startsWith("https://idp.example.com/authorize?response_type=code&");
        assertThat(query.keySet()).containsExactly("response_type", "client_id", "state", "scope", "redirect_uri",
                "nonce", "code_challenge_method", "code_challenge");
        assertThat(query.get("client_id")).containsExactly("client one");
        assertThat(query.get("scope")).containsExactly("openid email profile");
        assertThat(query.get("redirect_uri")).containsExactly(CALLBACK.toString());
        assertThat(query.get("state")).containsExactly(pending.state());
        assertThat(query.get("nonce")).containsExactly(pending.nonce());
        assertThat(query.get("code_challenge_method")).containsExactly("S256");
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(pending.codeVerifier().getBytes(StandardCharsets.US_ASCII));
        assertThat(query.get("code_challenge"))
                .containsExactly(Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
        assertThat(pending.providerId()).isEqualTo("corp");
    }

    @Test
    void stateNonceAndVerifierAreFresh256BitValuesEachTime() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            PendingAuthorization pending = request.create(CALLBACK, AuthorizationOptions.NONE).pending();
            for (String secret : List.of(pending.state(), pending.nonce(), pending.codeVerifier())) {
                // 32 bytes in base64url without padding; also a valid RFC 7636 verifier (43..128 unreserved chars)
                assertThat(secret).matches("[A-Za-z0-9_-]{43}");
                assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
                assertThat(seen.add(secret)).as("a repeated secret").isTrue();
            }
        }
    }

    @Test
    void loginHintPromptAndExtraScopesAreAddedAndScopesNotRepeated() {
        AuthorizationRedirect redirect = request.create(CALLBACK, AuthorizationOptions.NONE
                .withLoginHint("ann@example.com").withPrompt("select_account consent")
                .withExtraScopes(List.of("email", "offline_access")));
        Map<String, List<String>> query = MockIdp.query(redirect.url());
        assertThat(query.get("login_hint")).containsExactly("ann@example.com");
        assertThat(query.get("prompt")).containsExactly("select_account consent");
        assertThat(query.get("scope")).containsExactly("openid email profile offline_access");
    }

    @Test
    void formPostAsksTheProviderToPostTheAnswer() {
        AuthorizationRequest formPost = new AuthorizationRequest(
                corp.withResponseMode(ProviderSettings.ResponseMode.FORM_POST), ENDPOINT, new SecureRandom());
        assertThat(MockIdp.query(formPost.create(CALLBACK, AuthorizationOptions.NONE).url()).get("response_mode"))
                .containsExactly("form_post");
        assertThat(MockIdp.query(request.create(CALLBACK, AuthorizationOptions.NONE).url())).doesNotContainKey(
                "response_mode");
    }

    @Test
    void aGitHubRequestHasPkceButNoNonce() {
        AuthorizationRequest github = new AuthorizationRequest(ProviderSettings.github("app", "s"),
                Protocol.GitHub.GITHUB_COM.authorizationEndpoint(), new SecureRandom());
        Map<String, List<String>> query = MockIdp.query(github.create(CALLBACK, AuthorizationOptions.NONE).url());
        assertThat(query).doesNotContainKey("nonce").containsKey("code_challenge");
        assertThat(query.get("scope")).containsExactly("read:user user:email");
    }

    @Test
    void anEndpointWithAQueryKeepsIt() {
        AuthorizationRequest withQuery = new AuthorizationRequest(corp,
                URI.create("https://idp.example.com/authorize?tenant=a"), new SecureRandom());
        assertThat(withQuery.create(CALLBACK, AuthorizationOptions.NONE).url().toString())
                .startsWith("https://idp.example.com/authorize?tenant=a&response_type=code&");
    }

    @Test
    void theSecretsNeverShowInToString() {
        AuthorizationRedirect redirect = request.create(CALLBACK, AuthorizationOptions.NONE);
        PendingAuthorization pending = redirect.pending();
        for (String shown : List.of(redirect.toString(), pending.toString())) {
            assertThat(shown).doesNotContain(pending.state()).doesNotContain(pending.nonce())
                    .doesNotContain(pending.codeVerifier()).contains("corp");
        }
        assertThat(redirect.toString()).contains("https://idp.example.com/authorize");
    }

    @Test
    void aClientSuppliedPromptLoginHintOrScopeThatIsNotOneIsRefusedNamingTheField() {
        assertThatThrownBy(() -> AuthorizationOptions.NONE.withPrompt("none login"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("prompt:");
        assertThatThrownBy(() -> AuthorizationOptions.NONE.withPrompt("everything"))
                .hasMessageStartingWith("prompt:");
        assertThatThrownBy(() -> AuthorizationOptions.NONE.withLoginHint("ann\r\nSet-Cookie: x"))
                .hasMessageStartingWith("loginHint:");
        assertThatThrownBy(() -> AuthorizationOptions.NONE.withExtraScopes(List.of("openid email")))
                .hasMessageStartingWith("scopes:");
    }

    @Test
    void aRedirectUriThatIsNotAnAbsoluteHttpUrlWithoutFragmentIsRefused() {
        for (String bad : List.of("/api/auth/callback/corp", "https://app.example/cb#x", "javascript:alert(1)")) {
            assertThatThrownBy(() -> request.create(URI.create(bad), AuthorizationOptions.NONE))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
