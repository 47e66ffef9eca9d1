package dev.sessionauth.passkey;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The outer shape of a credential the browser posted ({@code RegistrationResponseJSON} /
 * {@code AuthenticationResponseJSON}, the {@code response} field of Better Auth's verify bodies), checked before
 * webauthn4j sees it: webauthn4j reads the credential id from {@code rawId} alone, so the checks simplewebauthn makes
 * and webauthn4j does not ({@code id} equals {@code rawId}, {@code type} is {@code public-key}) are made here.
 *
 * @param id    the credential id as posted, base64url
 * @param rawId its bytes
 * @param json  the whole response, serialised for webauthn4j's {@code verify*ResponseJSON}
 */
record PostedCredential(String id, byte[] rawId, String json) {
    /** Transport names as browsers write them; anything else is not kept. */
    private static final Pattern TRANSPORT = Pattern.compile("[a-z0-9-]{1,32}");
    private static final int MAX_TRANSPORTS = 8;

    /** The credential in {@code response}; empty when it lacks the shape of one. */
    static Optional<PostedCredential> read(JsonNode response) {
        if (response == null || !response.isObject() || !"public-key".equals(text(response, "type"))
                || !response.path("response").isObject()) {
            return Optional.empty();
        }
        String id = text(response, "id");
        String rawId = text(response, "rawId");
        if (id == null || !id.equals(rawId)) {
            return Optional.empty();
        }
        return Base64Url.decode(rawId).map(bytes -> new PostedCredential(id, bytes, response.toString()));
    }

    /**
     * {@code response.transports} of a registration, in the browser's order, as Better Auth stores them; names that
     * are not plausible transports are dropped rather than stored.
     */
    static List<String> transports(JsonNode response) {
        List<String> out = new ArrayList<>();
        for (JsonNode t : response.path("response").path("transports")) {
            if (t.isTextual() && TRANSPORT.matcher(t.asText()).matches() && !out.contains(t.asText())
                    && out.size() < MAX_TRANSPORTS) {
                out.add(t.asText());
            }
        }
        return List.copyOf(out);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
