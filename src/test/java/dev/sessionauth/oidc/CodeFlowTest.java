package dev.sessionauth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.oauth2.sdk.OAuth2Error;
import com.nimbusds.oauth2.sdk.TokenRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.Set;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import no.nav.security.mock.oauth2.OAuth2Exception;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponseKt;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.Headers;
import okhttp3.mockwebserver.RecordedRequest;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The authorization code flow of {@link OidcClient} against mock-oauth2-server: begin, the browser's visit to the
 * provider, finish. Each test uses an issuer of its own (the mock makes them on demand), so a token customisation
 * queued for one test can never reach another. Extra routes make the provider deny, fail, or answer oddly.
 */
class CodeFlowTest {
    private static final String CLIENT_ID = "web-client";
    private static final String CLIENT_SECRET = "client-secret";
    private static final URI CALLBACK = URI.create("http://localhost:9999/api/auth/callback/mock");

    private static MockOAuth2Server server;
    private static final OidcHttp HTTP = OidcHttp.defaults();

    @BeforeAll
    static void startProvider() {
        // One key for every issuer: the mock would otherwise generate an RSA key per issuer, about a second each.
        OAuth2Config config = new OAuth2Config(false, null, null, false,
                new OAuth2TokenProvider(new TestKeys(TestKeys.rsa("shared"))), Set.of(), new MockWebServerWrapper());
        server = new MockOAuth2Server(config,
                denying("denying", "access_denied"),
                denying("weird", "\"><img src=x onerror=alert(1)>"),
                denying("busy", "temporarily_unavailable"),
                MockIdp.route("/broken/token", "POST",
                        req -> MockIdp.answer(500, "application/json", "{\"error\":\"server_error\"}")),
                MockIdp.route("/html/token", "POST",
                        req -> MockIdp.answer(200, "text/html", "<html>We are sorry</html>")),
                MockIdp.route("/noid/token", "POST", req -> MockIdp.answer(200, "application/json",
                        "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":3600}")),
                MockIdp.route("/userinfo-idp/userinfo", "GET", req -> MockIdp.answer(200, "application/json",
                        "{\"sub\":\"user-7\",\"email\":\"seven@example.com\",\"email_verified\":true,\"name\":\"Seven\"}")),
                MockIdp.route("/userinfo-liar/userinfo", "GET", req -> MockIdp.answer(200, "application/json",
                        "{\"sub\":\"someone-else\",\"email\":\"victim@example.com\",\"email_verified\":true}")));
        server.start();
    }

    @AfterAll
    static void stopProvider() {
        server.shutdown();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        MockIdp.drain(server);
    }

    /** A provider whose authorize endpoint sends the browser back with {@code error} and a hostile description. */
    private static no.nav.security.mock.oauth2.http.Route denying(String issuerId, String error) {
        return MockIdp.route("/" + issuerId + "/authorize", "GET", req -> OAuth2HttpResponseKt.redirect(
                req.getUrl().queryParameter("redirect_uri") + "?error=" + OidcHttp.encode(error)
                        + "&error_description=" + OidcHttp.encode("<script>alert('pwned')</script>")
                        + "&state=" + OidcHttp.encode(req.getUrl().queryParameter("state")), Headers.of()));
    }

    private static String issuer(String issuerId) {
        return server.issuerUrl(issuerId).toString();
    }

    private static OidcClient client(String issuerId) {
        return client(issuerId, settings -> settings);
    }

    private static OidcClient client(String issuerId, UnaryOperator<ProviderSettings> tweak) {
        ProviderSettings settings = tweak.apply(
                ProviderSettings.openIdConnect("mock", CLIENT_ID, CLIENT_SECRET, issuer(issuerId)));
        ProviderMetadata metadata = new Discovery(HTTP).fetch("mock", (Protocol.OpenIdConnect) settings.protocol());
        return OidcClient.openIdConnect(settings, metadata, HTTP, Clock.systemUTC());
    }

    /** The next token request to {@code issuerId} issues an ID token for {@code subject} with {@code claims}. */
    private static void nextToken(String issuerId, String subject, Map<String, Object> claims) {
        server.enqueueCallback(new DefaultOAuth2TokenCallback(issuerId, subject, "JWT", null, claims, 3600));
    }

    private static IdentityClaims signIn(OidcClient client) {
        AuthorizationRedirect redirect = client.begin(CALLBACK);
        return client.finish(redirect.pending(), MockIdp.authorize(redirect), CALLBACK);
    }

    private static void refused(OidcFailure failure, String callbackError, ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(OidcException.class)
                .hasFieldOrPropertyWithValue("failure", failure)
                .hasFieldOrPropertyWithValue("callbackError", callbackError)
                .hasMessage(failure.message());
    }

    private static List<RecordedRequest> requestsTo(String pathSuffix) {
        return MockIdp.drain(server).stream().filter(r -> r.getRequestUrl().encodedPath().endsWith(pathSuffix)).toList();
    }

    /** The form body of {@code request} (readable once: reading consumes it). */
    private static Map<String, List<String>> form(RecordedRequest request) {
        return MockIdp.query(URI.create("x:/?" + request.getBody().readUtf8()));
    }

    private static String s256(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aFullCodeFlowWithPkceYieldsTheVerifiedIdentity() throws Exception {
        OidcClient client = client("flow");
        nextToken("flow", "user-42", Map.of("email", "ann@example.com", "email_verified", true, "name", "Ann",
                "picture", "https://img.example/ann.png"));
        MockIdp.drain(server);

        AuthorizationRedirect redirect = client.begin(CALLBACK);
        CallbackParams callback = MockIdp.authorize(redirect);
        IdentityClaims identity = client.finish(redirect.pending(), callback, CALLBACK);

        assertThat(identity).isEqualTo(new IdentityClaims("mock", issuer("flow"), "user-42", "ann@example.com", true,
                Optional.of("Ann"), Optional.of("https://img.example/ann.png"), Optional.of("flow")));
        List<RecordedRequest> requests = MockIdp.drain(server);
        RecordedRequest authorize = requests.stream().filter(r -> r.getPath().contains("/flow/authorize")).findFirst()
                .orElseThrow();
        assertThat(authorize.getRequestUrl().queryParameter("code_challenge"))
                .isEqualTo(s256(redirect.pending().codeVerifier()));
        assertThat(authorize.getRequestUrl().queryParameter("nonce")).isEqualTo(redirect.pending().nonce());
        RecordedRequest token = requests.stream().filter(r -> r.getPath().endsWith("/flow/token")).findFirst()
                .orElseThrow();
        Map<String, List<String>> form = form(token);
        assertThat(form.get("grant_type")).containsExactly("authorization_code");
        assertThat(form.get("code")).containsExactly(callback.code().orElseThrow());
        assertThat(form.get("redirect_uri")).containsExactly(CALLBACK.toString());
        assertThat(form.get("code_verifier")).as("the verifier is always sent: the mock checks PKCE only then")
                .containsExactly(redirect.pending().codeVerifier());
        assertThat(form).doesNotContainKeys("client_secret", "client_id");
        assertThat(token.getHeader("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void basicCredentialsAreFormEncodedBeforeBase64SoTheProviderReadsThemBack() {
        // The mock parses Basic as RFC 6749 §2.3.1 says (URL-decoding both halves); the ID token's aud is what it read.
        OidcClient client = client("encoded", s -> new ProviderSettings(s.id(), "web client:1", "p@ss:w%rd+", s.protocol(),
                s.scopes(), s.name(), s.tokenAuth(), s.responseMode()));
        nextToken("encoded", "user-1", Map.of("email", "ann@example.com"));
        assertThat(signIn(client).subject()).isEqualTo("user-1");
    }

    @Test
    void clientSecretPostSendsTheCredentialsInTheBody() {
        OidcClient client = client("post", s -> s.withTokenAuth(ProviderSettings.TokenAuth.CLIENT_SECRET_POST));
        nextToken("post", "user-1", Map.of("email", "ann@example.com"));
        signIn(client);

        RecordedRequest token = requestsTo("/post/token").get(0);
        Map<String, List<String>> form = form(token);
        assertThat(form.get("client_id")).containsExactly(CLIENT_ID);
        assertThat(form.get("client_secret")).containsExactly(CLIENT_SECRET);
        assertThat(token.getHeader("Authorization")).isNull();
    }

    @Test
    void aCodeExchangedWithAnotherVerifierIsRefusedByTheProvider() {
        OidcClient client = client("pkce");
        AuthorizationRedirect redirect = client.begin(CALLBACK);
        PendingAuthorization pending = redirect.pending();
        PendingAuthorization otherVerifier = new PendingAuthorization(pending.providerId(), pending.state(),
                pending.nonce(), "x".repeat(43));
        CallbackParams callback = MockIdp.authorize(redirect);

        refused(OidcFailure.INVALID_CODE, "invalid_code", () -> client.finish(otherVerifier, callback, CALLBACK));
    }

    @Test
    void aTamperedStateIsRefusedBeforeTheCodeIsExchanged() {
        OidcClient client = client("state");
        AuthorizationRedirect redirect = client.begin(CALLBACK);
        CallbackParams callback = MockIdp.authorize(redirect);
        String state = callback.state().orElseThrow();
        CallbackParams tampered = new CallbackParams(callback.code(),
                Optional.of(state.substring(0, state.length() - 1) + (state.endsWith("A") ? "B" : "A")),
                callback.iss(), callback.error(), callback.errorDescription());

        refused(OidcFailure.STATE_MISMATCH, "state_mismatch", () -> client.finish(redirect.pending(), tampered, CALLBACK));
        assertThat(requestsTo("/state/token")).isEmpty();
    }

    @Test
    void aCallbackWithoutStateIsRefused() {
        OidcClient client = client("nostate");
        AuthorizationRedirect redirect = client.begin(CALLBACK);
        CallbackParams callback = MockIdp.authorize(redirect);
        CallbackParams withoutState = new CallbackParams(callback.code(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());

        refused(OidcFailure.STATE_NOT_FOUND, "state_not_found",
                () -> client.finish(redirect.pending(), withoutState, CALLBACK));
    }

    @Test
    void anotherProvidersPendingSignInIsAStateMismatch() {
        OidcClient client = client("crossed");
        AuthorizationRedirect redirect = client.begin(CALLBACK);
        PendingAuthorization pending = redirect.pending();
        PendingAuthorization elsewhere = new PendingAuthorization("google", pending.state(), pending.nonce(),
                pending.codeVerifier());

        refused(OidcFailure.STATE_MISMATCH, "state_mismatch",
                () -> client.finish(elsewhere, MockIdp.authorize(redirect), CALLBACK));
    }

    @Test
    void anIdTokenWithAnotherNonceIsRefused() {
        OidcClient client = client("nonce");
        nextToken("nonce", "user-1", Map.of("email", "ann@example.com", "nonce", "someone-elses-nonce"));
        refused(OidcFailure.NONCE_MISMATCH, "unable_to_get_user_info", () -> signIn(client));
    }

    @Test
    void anIdTokenFromAnotherIssuerIsRefused() {
        OidcClient client = client("wrongiss");
        nextToken("wrongiss", "user-1", Map.of("email", "ann@example.com", "iss", "https://evil.example"));
        refused(OidcFailure.ID_TOKEN_ISSUER_MISMATCH, "unable_to_get_user_info", () -> signIn(client));
    }

    @Test
    void anIdTokenForAnotherAudienceIsRefused() {
        OidcClient client = client("wrongaud");
        nextToken("wrongaud", "user-1", Map.of("email", "ann@example.com", "aud", "other-client"));
        refused(OidcFailure.ID_TOKEN_AUDIENCE_MISMATCH, "unable_to_get_user_info", () -> signIn(client));
    }

    @Test
    void anIssParameterNamingAnotherProviderIsRefusedBeforeTheExchange() {
        OidcClient client = client("mixup");
        AuthorizationRedirect redirect = client.begin(CALLBACK);
        CallbackParams callback = MockIdp.authorize(redirect);
        CallbackParams fromElsewhere = new CallbackParams(callback.code(), callback.state(),
                Optional.of("https://attacker.example"), Optional.empty(), Optional.empty());

        refused(OidcFailure.ISSUER_MISMATCH, "issuer_mismatch",
                () -> client.finish(redirect.pending(), fromElsewhere, CALLBACK));
        assertThat(requestsTo("/mixup/token")).isEmpty();
    }

    @Test
    void anIssParameterNamingThisProviderIsAccepted() {
        OidcClient client = client("rightiss");
        nextToken("rightiss", "user-1", Map.of("email", "ann@example.com"));
        AuthorizationRedirect redirect = client.begin(CALLBACK);
        CallbackParams callback = MockIdp.authorize(redirect);
        CallbackParams withIss = new CallbackParams(callback.code(), callback.state(), Optional.of(issuer("rightiss")),
                Optional.empty(), Optional.empty());

        assertThat(client.finish(redirect.pending(), withIss, CALLBACK).subject()).isEqualTo("user-1");
    }

    @Test
    void theProvidersAccessDeniedIsReportedWithoutItsDescription() {
        OidcClient client = client("denying");
        refused(OidcFailure.ACCESS_DENIED, "access_denied", () -> signIn(client));
        assertThatThrownBy(() -> signIn(client)).hasMessageNotContaining("script").hasMessageNotContaining("pwned");
    }

    @Test
    void aStandardProviderErrorIsPassedOnAndAnyOtherIsNeverEchoed() {
        refused(OidcFailure.PROVIDER_ERROR, "temporarily_unavailable", () -> signIn(client("busy")));
        refused(OidcFailure.PROVIDER_ERROR, "server_error", () -> signIn(client("weird")));
    }

    @Test
    void aCallbackWithoutCodeIsRefused() {
        OidcClient client = client("nocode");
        AuthorizationRedirect redirect = client.begin(CALLBACK);
        CallbackParams callback = MockIdp.authorize(redirect);
        CallbackParams withoutCode = new CallbackParams(Optional.empty(), callback.state(), Optional.empty(),
                Optional.empty(), Optional.empty());
        refused(OidcFailure.NO_CODE, "no_code", () -> client.finish(redirect.pending(), withoutCode, CALLBACK));
    }

    @Test
    void theTokenEndpointRefusingTheCodeIsInvalidCode() {
        OidcClient client = client("refusing");
        server.enqueueCallback(new DefaultOAuth2TokenCallback("refusing") {
            @Override
            public String subject(TokenRequest request) {
                throw new OAuth2Exception(OAuth2Error.INVALID_GRANT.setDescription("code expired"), "code expired");
            }
        });
        refused(OidcFailure.INVALID_CODE, "invalid_code", () -> signIn(client));
    }

    @Test
    void aFailingTokenEndpointIsReportedAsInvalidCodeWithoutItsBody() {
        refused(OidcFailure.TOKEN_ENDPOINT_FAILED, "invalid_code", () -> signIn(client("broken")));
        assertThatThrownBy(() -> signIn(client("broken"))).hasMessageNotContaining("server_error");
    }

    @Test
    void aTokenAnswerThatIsNotJsonIsRefused() {
        refused(OidcFailure.TOKEN_ENDPOINT_FAILED, "invalid_code", () -> signIn(client("html")));
    }

    @Test
    void aTokenAnswerWithoutIdTokenIsRefused() {
        refused(OidcFailure.ID_TOKEN_MISSING, "unable_to_get_user_info", () -> signIn(client("noid")));
    }

    static Stream<Arguments> emailVerifiedClaims() {
        return Stream.of(Arguments.of("absent", null, false), Arguments.of("false", false, false),
                Arguments.of("the string true", "true", true), Arguments.of("true", true, true));
    }

    @ParameterizedTest(name = "email_verified {0}")
    @MethodSource("emailVerifiedClaims")
    void emailVerifiedIsTrueOnlyWhenTheProviderSaysTrue(String label, Object emailVerified, boolean expected) {
        String issuerId = "verified-" + label.replace(' ', '-');
        OidcClient client = client(issuerId);
        Map<String, Object> claims = new HashMap<>(Map.of("email", "ann@example.com"));
        if (emailVerified != null) {
            claims.put("email_verified", emailVerified);
        }
        nextToken(issuerId, "user-1", claims);
        assertThat(signIn(client).emailVerified()).isEqualTo(expected);
    }

    @Test
    void anIdTokenWithoutEmailIsCompletedFromTheUserinfoEndpoint() {
        OidcClient client = client("userinfo-idp");
        nextToken("userinfo-idp", "user-7", Map.of("name", "From the ID token"));
        IdentityClaims identity = signIn(client);

        assertThat(identity.email()).isEqualTo("seven@example.com");
        assertThat(identity.emailVerified()).isTrue();
        assertThat(identity.name()).contains("From the ID token");
        assertThat(requestsTo("/userinfo-idp/userinfo").get(0).getHeader("Authorization")).startsWith("Bearer ");
    }

    @Test
    void userinfoAboutAnotherSubjectIsRefused() {
        OidcClient client = client("userinfo-liar");
        nextToken("userinfo-liar", "user-7", Map.of());
        refused(OidcFailure.USER_INFO_FAILED, "unable_to_get_user_info", () -> signIn(client));
    }

    @Test
    void noEmailInTheIdTokenNorFromUserinfoIsEmailNotFound() {
        OidcClient client = client("noemail");
        nextToken("noemail", "user-1", Map.of("name", "Ann"));
        refused(OidcFailure.EMAIL_NOT_FOUND, "email_not_found", () -> signIn(client));
    }

    @Test
    void formPostCompletesThroughTheProvidersAutoSubmittedForm() {
        OidcClient client = client("formpost", s -> s.withResponseMode(ProviderSettings.ResponseMode.FORM_POST));
        nextToken("formpost", "user-1", Map.of("email", "ann@example.com"));
        AuthorizationRedirect redirect = client.begin(CALLBACK);

        Map<String, List<String>> posted = MockIdp.formPostFields(redirect);
        assertThat(posted).containsKeys("code", "state");
        IdentityClaims identity = client.finish(redirect.pending(), CallbackParams.fromParameters(posted), CALLBACK);
        assertThat(identity.subject()).isEqualTo("user-1");
    }

    @Test
    void anAppsIdTokenIsVerifiedWithOrWithoutItsNonce() {
        OidcClient client = client("native");
        String idToken = server.issueToken("native", CLIENT_ID, new DefaultOAuth2TokenCallback("native", "user-9", "JWT",
                List.of(CLIENT_ID), Map.of("email", "nine@example.com", "nonce", "app-nonce"), 3600)).serialize();

        assertThat(client.supportsIdTokens()).isTrue();
        assertThat(client.verifyIdToken(idToken, "app-nonce").subject()).isEqualTo("user-9");
        assertThat(client.verifyIdToken(idToken).email()).isEqualTo("nine@example.com");
        refused(OidcFailure.NONCE_MISMATCH, "unable_to_get_user_info", () -> client.verifyIdToken(idToken, "other"));
    }
}
