package dev.sessionauth.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.proc.SecurityContext;
import java.util.List;
import no.nav.security.mock.oauth2.token.KeyProvider;

/**
 * The mock provider's signing key, held by the test: the mock publishes it in its JWKS and signs with it, and the
 * test can sign tokens of its own with it or rotate it (the JWKS then shows only the new key).
 */
final class TestKeys extends KeyProvider {
    private volatile JWK current;

    TestKeys(RSAKey first) {
        super(List.of(), "RS256");
        this.current = first;
    }

    /** A 2048-bit signing key without an {@code alg} member, so it may sign RS256 and PS256 alike. */
    static RSAKey rsa(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    void use(RSAKey key) {
        current = key;
    }

    /** The key the provider signs with now (private part included, so a test can sign as the provider). */
    RSAKey current() {
        return (RSAKey) current;
    }

    @Override
    public JWK signingKey(String issuerId) {
        return current;
    }

    /** The mock verifies its own access tokens (at userinfo) with the keys this source gives: the current one. */
    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        return selector == null ? List.of() : selector.select(new JWKSet(current).toPublicJWKSet());
    }
}
