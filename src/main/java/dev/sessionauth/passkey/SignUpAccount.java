package dev.sessionauth.passkey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The account a passkey sign-up creates ({@code passkey.signUp}), as the client names it in the {@code context} of
 * {@code generate-register-options}: the JSON text {@code {"email": "...", "name": "..."}}, checked as a password
 * sign-up checks them (the address lower-cased and well-formed, the name 1 to 255 characters). Between the options
 * call and the verify call it travels in the signed challenge cookie ({@link #encode}, {@link #decode}).
 *
 * @param email the address, normalized
 * @param name  the user's name, trimmed
 */
record SignUpAccount(String email, String name) {
    /** Longest {@code context} read: an address and a name, with room for JSON's quoting. */
    static final int MAX_CONTEXT = 2048;

    // The same rules as the password sign-up's (the engine's AccountInput).
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    private static final int MAX_EMAIL = 254;
    private static final int MAX_NAME = 255;

    /**
     * The account {@code context} names.
     *
     * @throws AuthException {@code INVALID_REQUEST_BODY} when it is not that JSON, {@code INVALID_EMAIL} for a bad
     *                       address
     */
    static SignUpAccount parse(ObjectMapper mapper, String context) {
        if (context.length() > MAX_CONTEXT) {
            throw shape();
        }
        JsonNode json;
        try {
            json = mapper.readTree(context);
        } catch (JsonProcessingException e) {
            throw shape();
        }
        if (json == null || !json.isObject() || !json.path("email").isTextual() || !json.path("name").isTextual()) {
            throw shape();
        }
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!field.equals("email") && !field.equals("name")) {
                throw shape();
            }
        }
        String email = json.get("email").textValue().strip().toLowerCase(Locale.ROOT);
        if (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
            throw new AuthException(ErrorCode.INVALID_EMAIL);
        }
        String name = json.get("name").textValue().strip();
        if (name.isEmpty() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw new AuthException(ErrorCode.INVALID_REQUEST_BODY, "the name in context must be 1 to " + MAX_NAME
                    + " characters");
        }
        return new SignUpAccount(email, name);
    }

    private static AuthException shape() {
        return new AuthException(ErrorCode.INVALID_REQUEST_BODY, "Without a session, context must name the account "
                + "to create: {\"email\": \"...\", \"name\": \"...\"}");
    }

    /** base64url of its JSON, for the challenge cookie. */
    String encode(ObjectMapper mapper) {
        ObjectNode json = mapper.createObjectNode().put("email", email).put("name", name);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** What {@link #encode} made; empty for anything else. */
    static Optional<SignUpAccount> decode(ObjectMapper mapper, String encoded) {
        try {
            JsonNode json = mapper.readTree(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8));
            if (json != null && json.path("email").isTextual() && json.path("name").isTextual()) {
                return Optional.of(new SignUpAccount(json.get("email").textValue(), json.get("name").textValue()));
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // not ours: the cookie's signature held, so this does not happen
        }
        return Optional.empty();
    }
}
