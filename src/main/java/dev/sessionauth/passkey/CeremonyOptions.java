package dev.sessionauth.passkey;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * What an options call answers: the JSON for the browser (sent as is, the body of
 * {@code generate-register-options} or {@code generate-authenticate-options}) and the challenge in it, which the
 * integration keeps server-side, single-use, until the matching verify call.
 *
 * @param challenge the challenge inside {@link #json()}
 * @param json      Better Auth's options JSON, fields in its order; each call to {@link #json()} returns a fresh copy,
 *                  so the value stays immutable
 */
public record CeremonyOptions(Challenge challenge, ObjectNode json) {
    /** Copies the JSON, so whoever built it cannot change it afterwards. */
    public CeremonyOptions {
        Objects.requireNonNull(challenge, "challenge");
        json = Objects.requireNonNull(json, "json").deepCopy();
    }

    /** A copy of the options JSON. */
    @Override
    public ObjectNode json() {
        return json.deepCopy();
    }

    /** Hides the challenge, which is also inside the JSON. */
    @Override
    public String toString() {
        return "CeremonyOptions[…]";
    }
}
