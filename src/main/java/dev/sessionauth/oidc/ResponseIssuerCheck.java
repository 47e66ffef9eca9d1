package dev.sessionauth.oidc;

/**
 * RFC 9207 (authorization server issuer identification): when the authorization response carries {@code iss}, it
 * must name this provider, or another provider answered a request meant for this one (a mix-up attack); when the
 * provider's metadata says {@code authorization_response_iss_parameter_supported: true}, {@code iss} must be there.
 * A provider without an issuer (GitHub) must send none.
 */
public final class ResponseIssuerCheck {
    private final IssuerRule rule;
    private final boolean required;

    private ResponseIssuerCheck(IssuerRule rule, boolean required) {
        this.rule = rule;
        this.required = required;
    }

    /** The check for an OpenID Connect provider with {@code rule} and discovered {@code metadata}. */
    public static ResponseIssuerCheck forProvider(IssuerRule rule, ProviderMetadata metadata) {
        return new ResponseIssuerCheck(rule, metadata.issParameterSupported());
    }

    /** The check for a provider without an issuer: an {@code iss} parameter is refused. */
    public static ResponseIssuerCheck withoutIssuer() {
        return new ResponseIssuerCheck(null, false);
    }

    /**
     * Checks {@code params}' {@code iss}.
     *
     * @throws OidcException {@link OidcFailure#ISSUER_MISSING} or {@link OidcFailure#ISSUER_MISMATCH}
     */
    public void check(CallbackParams params) {
        if (params.iss().isEmpty()) {
            if (required) {
                throw new OidcException(OidcFailure.ISSUER_MISSING);
            }
            return;
        }
        if (rule == null || !rule.acceptsResponseIssuer(params.iss().get())) {
            throw new OidcException(OidcFailure.ISSUER_MISMATCH);
        }
    }
}
