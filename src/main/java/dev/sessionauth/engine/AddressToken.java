package dev.sessionauth.engine;

import dev.sessionauth.crypto.TokenGenerator;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The secret of a link that proves an address ({@code <secret>.<address, base64url>}): e-mail verification and the
 * confirmation of an e-mail change. The stored hash covers the whole token, address included, so the link proves
 * exactly the address it was mailed to: edited to name another, it matches nothing, and verifying checks that the
 * account still has that address.
 */
final class AddressToken {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private AddressToken() {
    }

    /** A new token for {@code address}. */
    static String issue(TokenGenerator tokens, String address) {
        return tokens.newToken() + "." + B64.encodeToString(address.getBytes(StandardCharsets.UTF_8));
    }

    /** The address a well-formed token names; empty for anything else. */
    static Optional<String> address(String token) {
        int dot = token.indexOf('.');
        if (dot != TokenGenerator.TOKEN_LENGTH || !TokenGenerator.looksLikeToken(token.substring(0, dot))) {
            return Optional.empty();
        }
        try {
            String address = new String(Base64.getUrlDecoder().decode(token.substring(dot + 1)),
                    StandardCharsets.UTF_8);
            return address.isEmpty() ? Optional.empty() : Optional.of(address);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
