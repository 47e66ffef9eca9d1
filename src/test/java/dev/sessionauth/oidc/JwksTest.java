package dev.sessionauth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The key cache against a stub JWKS endpoint serving exactly the keys each case needs. */
class JwksTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final StubServer stub;

    JwksTest() throws IOException {
        stub = new StubServer();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private Jwks serving(JWK... keys) {
        stub.answer("/jwks", StubServer.Reply.json(new JWKSet(List.of(keys)).toString(false)));
        return new Jwks("idp", stub.uri("/jwks"), Jwks.ASYMMETRIC_ALGORITHMS, OidcHttp.defaults(), clock,
                Duration.ofSeconds(60));
    }

    private static JWSHeader header(JWSAlgorithm algorithm, String kid) {
        return new JWSHeader.Builder(algorithm).keyID(kid).build();
    }

    @Test
    void onlyTheAsymmetricAlgorithmsAProviderAdvertisesAreAccepted() {
        assertThat(Jwks.acceptedAlgorithms(List.of("RS256", "HS256", "none", "ES384", "EdDSA", "made-up")))
                .containsExactlyInAnyOrder(JWSAlgorithm.RS256, JWSAlgorithm.ES384);
    }

    @Test
    void anRsaKeyUnder2048BitsOrAKeyForEncryptionIsNeverUsed() throws Exception {
        RSAKey weak = new RSAKeyGenerator(1024, true).keyID("weak").generate();
        RSAKey encryption = new RSAKeyGenerator(2048).keyID("enc").keyUse(KeyUse.ENCRYPTION).generate();
        RSAKey signing = new RSAKeyGenerator(2048).keyID("sig").keyUse(KeyUse.SIGNATURE).generate();
        Jwks jwks = serving(weak, encryption, signing);

        assertThat(jwks.keysFor(header(JWSAlgorithm.RS256, "weak"))).isEmpty();
        assertThat(jwks.keysFor(header(JWSAlgorithm.RS256, "enc"))).isEmpty();
        assertThat(jwks.keysFor(header(JWSAlgorithm.RS256, "sig"))).extracting(JWK::getKeyID).containsExactly("sig");
    }

    @Test
    void anEs256TokenIsNeverCheckedAgainstAP384Key() throws Exception {
        ECKey p384 = new ECKeyGenerator(Curve.P_384).keyID("ec").generate();
        ECKey p256 = new ECKeyGenerator(Curve.P_256).keyID("ec256").generate();
        Jwks jwks = serving(p384, p256);

        assertThat(jwks.keysFor(header(JWSAlgorithm.ES256, "ec"))).isEmpty();
        assertThat(jwks.keysFor(header(JWSAlgorithm.ES384, "ec"))).hasSize(1);
        assertThat(jwks.keysFor(new JWSHeader(JWSAlgorithm.ES256))).as("no kid: every key that fits")
                .extracting(JWK::getKeyID).containsExactly("ec256");
    }

    @Test
    void onlyPublicKeysAreKept() throws Exception {
        RSAKey withPrivatePart = new RSAKeyGenerator(2048).keyID("k").generate();
        Jwks jwks = serving(withPrivatePart);
        assertThat(jwks.keysFor(header(JWSAlgorithm.RS256, "k"))).allMatch(key -> !key.isPrivate());
    }

    @Test
    void anHmacHeaderNeverFetchesKeys() {
        Jwks jwks = serving();
        assertThat(jwks.keysFor(header(JWSAlgorithm.HS256, "k"))).isEmpty();
        assertThat(stub.received()).isEmpty();
    }

    @Test
    void keysThatCannotBeFetchedMakeTheProviderUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Jwks jwks = new Jwks("idp", URI.create("http://127.0.0.1:" + closedPort + "/jwks"),
                Set.of(JWSAlgorithm.RS256), OidcHttp.defaults(), clock, Duration.ofSeconds(60));
        assertThatThrownBy(() -> jwks.keysFor(header(JWSAlgorithm.RS256, "k")))
                .isInstanceOf(ProviderUnavailableException.class)
                .hasMessageStartingWith("socialProviders.idp: the keys at http://127.0.0.1:" + closedPort
                        + "/jwks could not be fetched");
    }

    @Test
    void aKeySetThatIsNotJsonMakesTheProviderUnavailable() {
        stub.answer("/jwks", new StubServer.Reply(200, "text/html", "<html>"));
        Jwks jwks = new Jwks("idp", stub.uri("/jwks"), Set.of(JWSAlgorithm.RS256), OidcHttp.defaults(), clock,
                Duration.ofSeconds(60));
        assertThatThrownBy(() -> jwks.keysFor(header(JWSAlgorithm.RS256, "k")))
                .isInstanceOf(ProviderUnavailableException.class).hasMessageEndingWith("are not a JSON Web Key Set");
    }
}
