package dev.sessionauth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The code exchange against a stub token endpoint, for what mock-oauth2-server cannot be made to do: not answer,
 * redirect, answer too much, or show exactly what arrived.
 */
class TokenClientTest {
    private static final URI CALLBACK = URI.create("https://app.example/api/auth/callback/corp");

    private final StubServer stub;
    private final ProviderSettings settings = ProviderSettings.openIdConnect("corp", "web client:1", "p@ss:w%rd+",
            "https://idp.example.com");

    TokenClientTest() throws IOException {
        stub = new StubServer();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private Tokens exchange(ProviderSettings provider, OidcHttp http) {
        return new TokenClient(provider, stub.uri("/token"), http).exchange("the-code", CALLBACK, "the-verifier");
    }

    private Tokens exchange() {
        return exchange(settings, OidcHttp.defaults());
    }

    private static void refused(OidcFailure failure, ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(OidcException.class).hasFieldOrPropertyWithValue("failure", failure)
                .hasFieldOrPropertyWithValue("callbackError", "invalid_code");
    }

    @Test
    void basicCredentialsAreFormEncodedThenBase64AndTheFormCarriesTheVerifier() {
        stub.answer("/token", StubServer.Reply.json("{\"access_token\":\"at\",\"id_token\":\"it\"}"));
        Tokens tokens = exchange();

        assertThat(tokens.accessToken()).isEqualTo("at");
        assertThat(tokens.idToken()).contains("it");
        StubServer.Received request = stub.received().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.header("Accept")).isEqualTo("application/json");
        assertThat(request.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString("web+client%3A1:p%40ss%3Aw%25rd%2B".getBytes(StandardCharsets.US_ASCII)));
        assertThat(request.body()).isEqualTo("grant_type=authorization_code&code=the-code&redirect_uri="
                + "https%3A%2F%2Fapp.example%2Fapi%2Fauth%2Fcallback%2Fcorp&code_verifier=the-verifier");
    }

    @Test
    void aRefreshSendsTheRefreshTokenWithTheClientsBasicCredentialsAndNeedsNoIdToken() {
        stub.answer("/token", StubServer.Reply.json("{\"access_token\":\"at-2\",\"expires_in\":\"3599\","
                + "\"scope\":\"openid email\"}"));

        Tokens tokens = new TokenClient(settings, stub.uri("/token"), OidcHttp.defaults()).refresh("the refresh+token");

        assertThat(tokens.accessToken()).isEqualTo("at-2");
        assertThat(tokens.idToken()).isEmpty();
        assertThat(tokens.refreshToken()).isEmpty();
        assertThat(tokens.expiresIn()).contains(Duration.ofSeconds(3599));
        assertThat(tokens.scope()).contains("openid email");
        StubServer.Received request = stub.received().get(0);
        assertThat(request.header("Authorization")).startsWith("Basic ");
        assertThat(request.body()).isEqualTo("grant_type=refresh_token&refresh_token=the+refresh%2Btoken");
        assertThat(tokens.toString()).doesNotContain("at-2");
    }

    @Test
    void aRefreshWithClientSecretPostCarriesTheCredentialsInTheForm() {
        stub.answer("/token", StubServer.Reply.json("{\"access_token\":\"at-2\"}"));

        new TokenClient(settings.withTokenAuth(ProviderSettings.TokenAuth.CLIENT_SECRET_POST), stub.uri("/token"),
                OidcHttp.defaults()).refresh("rt");

        StubServer.Received request = stub.received().get(0);
        assertThat(request.header("Authorization")).isNull();
        assertThat(request.body()).isEqualTo("grant_type=refresh_token&refresh_token=rt&client_id=web+client%3A1"
                + "&client_secret=p%40ss%3Aw%25rd%2B");
    }

    @Test
    void aRefreshTheProviderRefusesIsInvalidCodeWithoutItsText() {
        stub.answer("/token", new StubServer.Reply(400, "application/json",
                "{\"error\":\"invalid_grant\",\"error_description\":\"Token is not active\"}"));

        refused(OidcFailure.INVALID_CODE,
                () -> new TokenClient(settings, stub.uri("/token"), OidcHttp.defaults()).refresh("revoked"));
    }

    @Test
    void tokensNeverShowInToString() {
        assertThat(new Tokens("secret-access", java.util.Optional.of("secret-id")).toString())
                .doesNotContain("secret-access").doesNotContain("secret-id");
    }

    @Test
    void aTokenEndpointThatDoesNotAnswerInTimeIsUnreachable() {
        stub.hang("/token");
        refused(OidcFailure.TOKEN_ENDPOINT_UNREACHABLE,
                () -> exchange(settings, new OidcHttp(Duration.ofMillis(300), Duration.ofMillis(300))));
    }

    @Test
    void anUnreachableTokenEndpointIsReportedAsSuch() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TokenClient client = new TokenClient(settings, URI.create("http://127.0.0.1:" + closedPort + "/token"),
                OidcHttp.defaults());
        refused(OidcFailure.TOKEN_ENDPOINT_UNREACHABLE, () -> client.exchange("c", CALLBACK, "v"));
    }

    @Test
    void aRedirectFromTheTokenEndpointIsNeverFollowed() {
        stub.answer("/token", new StubServer.Reply(307, null, stub.uri("/elsewhere").toString()));
        stub.answer("/elsewhere", StubServer.Reply.json("{\"access_token\":\"at\",\"id_token\":\"it\"}"));
        refused(OidcFailure.TOKEN_ENDPOINT_FAILED, this::exchange);
        assertThat(stub.received()).extracting(StubServer.Received::path).containsExactly("/token");
    }

    @Test
    void refusedClientCredentialsAreToldApartFromARefusedCode() {
        stub.answer("/token", new StubServer.Reply(401, "application/json", "{\"error\":\"invalid_client\"}"));
        refused(OidcFailure.CLIENT_REJECTED, this::exchange);
        stub.answer("/token", new StubServer.Reply(400, "application/json",
                "{\"error\":\"invalid_grant\",\"error_description\":\"<b>expired</b>\"}"));
        refused(OidcFailure.INVALID_CODE, this::exchange);
        stub.answer("/token", new StubServer.Reply(400, "application/json", "{\"error\":\"unsupported_grant_type\"}"));
        refused(OidcFailure.TOKEN_REQUEST_REFUSED, this::exchange);
    }

    @Test
    void anErrorAnswerThatIsNotJsonIsARefusalWithoutItsText() {
        stub.answer("/token", new StubServer.Reply(400, "text/html", "<h1>Bad Request</h1>"));
        assertThatThrownBy(this::exchange).isInstanceOf(OidcException.class)
                .hasFieldOrPropertyWithValue("failure", OidcFailure.TOKEN_REQUEST_REFUSED)
                .hasMessageNotContaining("Bad Request");
    }

    @Test
    void anAnswerWithoutAccessTokenOrTooLargeIsAFailedEndpoint() {
        stub.answer("/token", StubServer.Reply.json("{\"id_token\":\"it\"}"));
        refused(OidcFailure.TOKEN_ENDPOINT_FAILED, this::exchange);
        stub.answer("/token", StubServer.Reply.json("{\"access_token\":\"" + "a".repeat(600_000) + "\"}"));
        refused(OidcFailure.TOKEN_ENDPOINT_FAILED, this::exchange);
    }

    @Test
    void clientSecretPostPutsTheCredentialsInTheFormAndNoAuthorizationHeader() {
        stub.answer("/token", StubServer.Reply.json("{\"access_token\":\"at\",\"id_token\":\"it\"}"));
        exchange(settings.withTokenAuth(ProviderSettings.TokenAuth.CLIENT_SECRET_POST), OidcHttp.defaults());
        StubServer.Received request = stub.received().get(0);
        assertThat(request.header("Authorization")).isNull();
        assertThat(request.body()).endsWith("&code_verifier=the-verifier&client_id=web+client%3A1"
                + "&client_secret=p%40ss%3Aw%25rd%2B");
    }
}
