package dev.sessionauth.oidc;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who the provider says signed in, after every check: the account key ({@code providerId}, {@code issuer},
 * {@code subject}), the e-mail address and whether the provider vouches for it, and profile details. The account
 * key is what an account row is found by; the e-mail is only as good as {@code emailVerified}.
 *
 * @param providerId the provider's id ({@code socialProviders.<id>})
 * @param issuer the issuer the account is recorded under: the provider's issuer (for Microsoft the tenant's), or
 *     {@code local:oauth:<id>} for a provider without OpenID Connect (GitHub), as Better Auth records it
 * @param subject the provider's stable id for the user ({@code sub}; GitHub's numeric user id)
 * @param email the e-mail address as the provider gave it (not lower-cased)
 * @param emailVerified whether the provider says it verified that address: {@code email_verified} is {@code true}
 *     or the string {@code "true"} (Apple), or the address is among Microsoft's {@code verified_primary_email} /
 *     {@code verified_secondary_email}; false when absent or anything else
 * @param name the display name, if given
 * @param picture an http(s) URL of the user's picture, if given
 * @param tenantId Microsoft's {@code tid} (the directory the user signed in to), if given
 */
public record IdentityClaims(String providerId, String issuer, String subject, String email, boolean emailVerified,
        Optional<String> name, Optional<String> picture, Optional<String> tenantId) {

    private static final int MAX_EMAIL_LENGTH = 320;

    /** Checks the required values are present. */
    public IdentityClaims {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(picture, "picture");
        Objects.requireNonNull(tenantId, "tenantId");
    }

    /**
     * The identity in OpenID Connect claims (a verified ID token's, completed by the userinfo endpoint's).
     *
     * @throws OidcException {@link OidcFailure#EMAIL_NOT_FOUND} if there is no e-mail address
     */
    static IdentityClaims fromClaims(String providerId, String issuer, String subject, Map<String, Object> claims) {
        String email = text(claims.get("email")).filter(e -> e.length() <= MAX_EMAIL_LENGTH && e.indexOf('@') > 0)
                .orElseThrow(() -> new OidcException(OidcFailure.EMAIL_NOT_FOUND));
        return new IdentityClaims(providerId, issuer, subject, email, emailVerified(claims, email),
                text(claims.get("name")), httpUrl(claims.get("picture")), text(claims.get("tid")));
    }

    /** Whether the claims vouch for {@code email}; see the record's {@code emailVerified}. */
    static boolean emailVerified(Map<String, Object> claims, String email) {
        Object verified = claims.get("email_verified");
        if (Boolean.TRUE.equals(verified) || (verified instanceof String s && "true".equals(s.toLowerCase(Locale.ROOT)))) {
            return true;
        }
        // Microsoft Entra ID sends no email_verified; its optional claims list the addresses it has verified.
        return listed(claims.get("verified_primary_email"), email) || listed(claims.get("verified_secondary_email"), email);
    }

    private static boolean listed(Object claim, String email) {
        Collection<?> values = claim instanceof Collection<?> c ? c : claim instanceof String ? List.of(claim) : List.of();
        return values.stream().anyMatch(v -> v instanceof String s && s.equalsIgnoreCase(email));
    }

    static Optional<String> text(Object value) {
        return value instanceof String s && !s.isBlank() ? Optional.of(s.strip()) : Optional.empty();
    }

    /** {@code value} if it is an absolute http(s) URL: a picture is shown in pages, so no {@code javascript:}. */
    static Optional<String> httpUrl(Object value) {
        Optional<String> text = text(value);
        if (text.isEmpty() || text.get().length() > 2048) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text.get());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return ("https".equals(scheme) || "http".equals(scheme)) && uri.getHost() != null ? text : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
