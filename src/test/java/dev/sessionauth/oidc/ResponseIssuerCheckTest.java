package dev.sessionauth.oidc;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 9207: the {@code iss} parameter of the authorization response. */
class ResponseIssuerCheckTest {
    private static final String ISSUER = "https://idp.example.com";
    private static final IssuerRule RULE = new IssuerRule.Exact(ISSUER);

    private static ProviderMetadata metadata(boolean issParameterSupported) {
        URI base = URI.create(ISSUER + "/x");
        return new ProviderMetadata(ISSUER, base, base, base, Optional.empty(), List.of(), List.of(), List.of(),
                List.of(), issParameterSupported);
    }

    private static CallbackParams withIss(String iss) {
        return new CallbackParams(Optional.of("code"), Optional.of("state"), Optional.ofNullable(iss),
                Optional.empty(), Optional.empty());
    }

    @Test
    void anAbsentIssIsAcceptedFromAProviderThatDoesNotPromiseIt() {
        assertThatCode(() -> ResponseIssuerCheck.forProvider(RULE, metadata(false)).check(withIss(null)))
                .doesNotThrowAnyException();
    }

    @Test
    void anAbsentIssIsRefusedFromAProviderThatPromisesIt() {
        assertThatThrownBy(() -> ResponseIssuerCheck.forProvider(RULE, metadata(true)).check(withIss(null)))
                .isInstanceOf(OidcException.class).hasFieldOrPropertyWithValue("failure", OidcFailure.ISSUER_MISSING)
                .hasFieldOrPropertyWithValue("callbackError", "issuer_missing");
    }

    @Test
    void anIssNamingAnotherIssuerIsRefusedEvenIfNotPromised() {
        assertThatThrownBy(() -> ResponseIssuerCheck.forProvider(RULE, metadata(false))
                .check(withIss("https://attacker.example")))
                .isInstanceOf(OidcException.class).hasFieldOrPropertyWithValue("callbackError", "issuer_mismatch");
        assertThatCode(() -> ResponseIssuerCheck.forProvider(RULE, metadata(true)).check(withIss(ISSUER)))
                .doesNotThrowAnyException();
    }

    @Test
    void aProviderWithoutIssuerRefusesAnyIss() {
        assertThatThrownBy(() -> ResponseIssuerCheck.withoutIssuer().check(withIss(ISSUER)))
                .isInstanceOf(OidcException.class).hasFieldOrPropertyWithValue("failure", OidcFailure.ISSUER_MISMATCH);
        assertThatCode(() -> ResponseIssuerCheck.withoutIssuer().check(withIss(null))).doesNotThrowAnyException();
    }
}
