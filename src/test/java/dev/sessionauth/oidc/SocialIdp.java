package dev.sessionauth.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.TokenRequest;
import dev.sessionauth.testing.TestClient;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.http.OAuth2HttpResponse;
import no.nav.security.mock.oauth2.http.MockWebServerWrapper;
import no.nav.security.mock.oauth2.token.OAuth2TokenCallback;
import no.nav.security.mock.oauth2.token.OAuth2TokenProvider;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * mock-oauth2-server as the identity provider of the social sign-in tests over HTTP: the issuer {@value #IDP} signs in
 * whichever user the test names next ({@link #nextUser}) through the real code flow (discovery, authorize, token
 * with PKCE, JWKS); the issuer {@value #FORGE} answers its token endpoint with an ID token the test made
 * ({@link #forge}), for what no honest provider sends. Both sign with {@link #keys}, which the test can rotate.
 */
final class SocialIdp implements AutoCloseable {
    static final String IDP = "idp";
    static final String FORGE = "forge";
    static final String CLIENT_ID = "web-client";
    /** Long enough to be an HMAC key: one forged token is HS256-signed with it. */
    static final String CLIENT_SECRET = "web-client-secret-0123456789-abcdefghij";
    static final String SIGN_IN = "/api/auth/sign-in/social";

    final TestKeys keys = new TestKeys(TestKeys.rsa("key-1"));
    final MockOAuth2Server server;
    private final ScriptedUser user = new ScriptedUser(IDP);
    private final AtomicReference<String> forged = new AtomicReference<>("");
    private final AtomicReference<OAuth2HttpResponse> refreshAnswer = new AtomicReference<>(REFRESHED);
    /** What {@value #FORGE}'s token endpoint answers a refresh with unless told otherwise. */
    static final OAuth2HttpResponse REFRESHED = MockIdp.answer(200, "application/json",
            "{\"access_token\":\"forge-refreshed\",\"token_type\":\"Bearer\",\"expires_in\":3600}");

    private SocialIdp() {
        OAuth2Config config = new OAuth2Config(false, null, null, false, new OAuth2TokenProvider(keys),
                Set.of(user), new MockWebServerWrapper());
        server = new MockOAuth2Server(config,
                MockIdp.route("/" + FORGE + "/token", "POST", req -> {
                    if (req.getBody() != null && req.getBody().contains("grant_type=refresh_token")) {
                        return refreshAnswer.get();
                    }
                    return MockIdp.answer(200, "application/json", "{\"access_token\":\"at\",\"token_type\":"
                            + "\"Bearer\",\"expires_in\":3600,\"refresh_token\":\"forge-refresh\",\"id_token\":\""
                            + forged.get() + "\"}");
                }));
        server.start();
    }

    static SocialIdp start() {
        return new SocialIdp();
    }

    /** The issuer URL of {@code issuerId}. */
    String issuer(String issuerId) {
        return server.issuerUrl(issuerId).toString();
    }

    /** The settings of provider {@code providerId} at issuer {@code issuerId}, as name-value pairs. */
    List<String> settings(String providerId, String issuerId) {
        return List.of("socialProviders." + providerId + ".clientId", CLIENT_ID,
                "socialProviders." + providerId + ".clientSecret", CLIENT_SECRET,
                "socialProviders." + providerId + ".issuer", issuer(issuerId));
    }

    /** The settings of providers {@value #IDP} and {@value #FORGE}, both listed. */
    String[] bothProviders(String... more) {
        List<String> all = new ArrayList<>(List.of("socialProviders", IDP + ", " + FORGE));
        all.addAll(settings(IDP, IDP));
        all.addAll(settings(FORGE, FORGE));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** The next code flow at {@value #IDP} signs in {@code subject} with these claims. */
    void nextUser(String subject, Map<String, Object> claims) {
        user.next(subject, claims);
    }

    /** The next code flow at {@value #IDP} signs in {@code subject} with {@code email}, verified or not. */
    void nextUser(String subject, String email, boolean verified) {
        nextUser(subject, claims(email, verified, "Person " + subject));
    }

    static Map<String, Object> claims(String email, boolean verified, String name) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("email", email);
        claims.put("email_verified", verified);
        claims.put("name", name);
        claims.put("picture", "https://pictures.example/" + name.replace(' ', '-') + ".png");
        return claims;
    }

    /** What {@value #FORGE}'s token endpoint answers a refresh ({@code grant_type=refresh_token}) with from now on. */
    void answerRefreshes(int status, String json) {
        refreshAnswer.set(MockIdp.answer(status, "application/json", json));
    }

    /** The ID token {@value #FORGE}'s token endpoint answers with from now on. */
    void forge(String idToken) {
        forged.set(idToken);
    }

    /** A token as an honest {@value #FORGE} would sign it for {@code nonce}, then changed by {@code edit}. */
    String token(String nonce, Consumer<JWTClaimsSet.Builder> edit) {
        return sign(keys.current(), JWSAlgorithm.RS256, keys.current().getKeyID(), claims(nonce, edit));
    }

    JWTClaimsSet claims(String nonce, Consumer<JWTClaimsSet.Builder> edit) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer(FORGE)).audience(CLIENT_ID)
                .subject("forged-subject").issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)))
                .claim("nonce", nonce).claim("email", "forged@example.com").claim("email_verified", true);
        edit.accept(claims);
        return claims.build();
    }

    static String sign(RSAKey key, JWSAlgorithm algorithm, String kid, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(kid).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The browser's visit to the provider's authorization URL: where the provider sends it back (the callback URL
     * with {@code code} and {@code state}).
     */
    URI authorize(URI authorizationUrl) {
        HttpResponse<String> response = MockIdp.get(authorizationUrl);
        if (response.statusCode() != 302) {
            throw new AssertionError("authorize answered " + response.statusCode() + ": " + response.body());
        }
        return URI.create(response.headers().firstValue("Location").orElseThrow());
    }

    /** The path and query of {@code url}, to request it with a {@link TestClient} of the same origin. */
    static String pathAndQuery(URI url) {
        return url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
    }

    /** How many token requests the provider received since the last call. */
    int tokenRequests() {
        int count = 0;
        for (RecordedRequest request : MockIdp.drain(server)) {
            if (request.getPath() != null && request.getPath().endsWith("/token")) {
                count++;
            }
        }
        return count;
    }

    @Override
    public void close() {
        server.shutdown();
    }

    /** The user of the next code flow at one issuer, as the test set it. */
    private static final class ScriptedUser implements OAuth2TokenCallback {
        private final String issuerId;
        private volatile String subject = "nobody";
        private volatile Map<String, Object> claims = Map.of();

        ScriptedUser(String issuerId) {
            this.issuerId = issuerId;
        }

        void next(String subject, Map<String, Object> claims) {
            this.subject = subject;
            this.claims = Map.copyOf(claims);
        }

        @Override
        public String issuerId() {
            return issuerId;
        }

        @Override
        public String subject(TokenRequest tokenRequest) {
            return subject;
        }

        @Override
        public String typeHeader(TokenRequest tokenRequest) {
            return "JWT";
        }

        @Override
        public List<String> audience(TokenRequest tokenRequest) {
            return List.of(CLIENT_ID);
        }

        @Override
        public Map<String, Object> addClaims(TokenRequest tokenRequest) {
            Map<String, Object> all = new LinkedHashMap<>(claims);
            all.put("azp", CLIENT_ID);
            return all;
        }

        @Override
        public long tokenExpiry() {
            return 3600;
        }
    }
}
