package dev.sessionauth.oidc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionauth.crypto.SecretBox;
import dev.sessionauth.crypto.TokenGenerator;
import dev.sessionauth.crypto.TokenHasher;
import dev.sessionauth.engine.BrowserUpdate;
import dev.sessionauth.spi.VerificationStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a {@link PendingSignIn} waits for the provider's answer, so that only this browser can finish it, once, within
 * ten minutes (Better Auth's lifetime): the whole of it AES-GCM encrypted (key derived from {@code secret}) in the
 * HttpOnly, SameSite=Lax cookie {@value #COOKIE}, and the SHA-256 of its {@code state} as a row of the verification
 * store that the callback deletes. The cookie binds the sign-in to the browser (another browser's callback, a forged
 * {@code state}: {@code state_mismatch}); the row makes it single use even against someone who copied the cookie
 * (a replayed callback: {@code state_mismatch}, and the code is never sent to the provider again). Several instances
 * share both, so a sign-in started on one finishes on another.
 */
final class SignInStates {
    /** The cookie's name after {@code cookie.prefix}. */
    static final String COOKIE = "oauth_state";
    /** How long a started sign-in may take. */
    static final Duration LIFETIME = Duration.ofMinutes(10);

    private static final String KIND = "social-sign-in:";
    private static final String PURPOSE = "sessionauth social sign-in state";
    private static final int FORMAT = 1;

    private final SecretBox box;
    private final VerificationStore verifications;
    private final TokenGenerator tokens;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    SignInStates(List<byte[]> secrets, VerificationStore verifications, TokenGenerator tokens, Clock clock) {
        this.box = new SecretBox(secrets, PURPOSE);
        this.verifications = verifications;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** When a sign-in started now lapses. */
    Instant expiry() {
        return clock.instant().plus(LIFETIME);
    }

    /** Records {@code pending}'s state as unused and returns the cookie that carries it to this browser. */
    BrowserUpdate.FeatureCookie remember(PendingSignIn pending) {
        verifications.create(tokens.newId(), KIND + pending.providerId(),
                TokenHasher.hash(pending.authorization().state()), pending.expiresAt(), clock.instant());
        return BrowserUpdate.FeatureCookie.set(COOKIE, box.encrypt(encode(pending), COOKIE), LIFETIME);
    }

    /** The cookie that ends the pending sign-in in the browser. */
    static BrowserUpdate.FeatureCookie forget() {
        return BrowserUpdate.FeatureCookie.clear(COOKIE);
    }

    /**
     * The sign-in the browser's cookie carries, or empty when there is none or it is not one of ours (altered,
     * encrypted under a secret no longer configured, another format): the caller refuses with {@code state_mismatch}.
     */
    Optional<PendingSignIn> read(Optional<String> cookie) {
        if (cookie.isEmpty() || cookie.get().length() > 8192) {
            return Optional.empty();
        }
        try {
            return Optional.of(decode(box.decrypt(cookie.get(), COOKIE)));
        } catch (SecretBox.UndecryptableException | IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Uses up {@code pending}'s state: true once, for a sign-in that has not lapsed; false for a replay (the row is
     * gone), a lapsed one, or a state the store never saw.
     */
    boolean use(PendingSignIn pending) {
        Instant now = clock.instant();
        if (!pending.expiresAt().isAfter(now)) {
            return false;
        }
        return verifications.consume(TokenHasher.hash(pending.authorization().state()), now)
                .filter((KIND + pending.providerId())::equals).isPresent();
    }

    private byte[] encode(PendingSignIn p) {
        ObjectNode out = json.createObjectNode();
        out.put("f", FORMAT);
        out.put("p", p.providerId());
        out.put("s", p.authorization().state());
        out.put("n", p.authorization().nonce());
        out.put("v", p.authorization().codeVerifier());
        out.put("r", p.redirectUri());
        out.put("c", p.callbackUrl());
        p.errorUrl().ifPresent(e -> out.put("e", e));
        p.newUserUrl().ifPresent(u -> out.put("u", u));
        out.put("m", p.rememberMe());
        p.linkUserId().ifPresent(l -> out.put("l", l));
        ArrayNode scopes = out.putArray("o");
        p.scopes().forEach(scopes::add);
        out.put("x", p.expiresAt().toEpochMilli());
        try {
            return json.writeValueAsBytes(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a pending sign-in could not be written", e);
        }
    }

    private PendingSignIn decode(byte[] bytes) throws java.io.IOException {
        JsonNode in = json.readTree(new String(bytes, StandardCharsets.UTF_8));
        if (in.path("f").asInt() != FORMAT) {
            throw new IllegalArgumentException("another format");
        }
        List<String> scopes = new ArrayList<>();
        in.path("o").forEach(s -> scopes.add(s.asText()));
        return new PendingSignIn(
                new PendingAuthorization(text(in, "p"), text(in, "s"), text(in, "n"), text(in, "v")),
                text(in, "r"), text(in, "c"), optional(in, "e"), optional(in, "u"), in.path("m").asBoolean(true),
                optional(in, "l"), scopes, Instant.ofEpochMilli(in.path("x").asLong()));
    }

    private static String text(JsonNode in, String field) {
        JsonNode node = in.get(field);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return node.textValue();
    }

    private static Optional<String> optional(JsonNode in, String field) {
        JsonNode node = in.get(field);
        return node == null || !node.isTextual() ? Optional.empty() : Optional.of(node.textValue());
    }
}
