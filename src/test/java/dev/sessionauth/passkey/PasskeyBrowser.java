package dev.sessionauth.passkey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionauth.passkey.SoftAuthenticator.Ceremony;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One browser at {@code http://localhost:<port>} (an IP address cannot be a relying party) talking to the passkey
 * endpoints as Better Auth's client does, with a {@link SoftAuthenticator} standing in for the authenticator: each
 * ceremony is the options call, the authenticator's answer to the challenge in them, and the verify call.
 */
final class PasskeyBrowser {
    static final String REGISTER_OPTIONS = "/api/auth/passkey/generate-register-options";
    static final String VERIFY_REGISTRATION = "/api/auth/passkey/verify-registration";
    static final String SIGN_IN_OPTIONS = "/api/auth/passkey/generate-authenticate-options";
    static final String VERIFY_SIGN_IN = "/api/auth/passkey/verify-authentication";
    static final String LIST = "/api/auth/passkey/list-user-passkeys";
    static final String DELETE = "/api/auth/passkey/delete-passkey";
    static final String UPDATE = "/api/auth/passkey/update-passkey";
    static final String CHALLENGE_COOKIE = "sessionauth.passkey_challenge";

    private static final ObjectMapper JSON = new ObjectMapper();

    final TestClient client;
    final String origin;

    PasskeyBrowser(TestServer server) {
        this.origin = "http://localhost:" + server.port();
        this.client = TestClient.at(origin);
    }

    /** A new account signed up in this browser, which is then signed in. */
    SignedInUser signUp(String hint) {
        return Accounts.signUp(client, Accounts.uniqueEmail(hint));
    }

    /** The registration options; fails the test unless they were given. */
    JsonNode registrationOptions() {
        Reply options = client.get(REGISTER_OPTIONS);
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        return options.json();
    }

    /** {@code authenticator}'s answer to fresh registration options, as posted (not yet sent). */
    ObjectNode registrationResponse(SoftAuthenticator authenticator) {
        return authenticator.register(registration(registrationOptions()));
    }

    /** The ceremony an honest browser here runs for these registration options. */
    Ceremony registration(JsonNode options) {
        return Ceremony.registration(options.path("challenge").asText()).origin(origin);
    }

    Reply verifyRegistration(JsonNode response, Object... extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("response", response);
        for (int i = 0; i < extra.length; i += 2) {
            body.put((String) extra[i], extra[i + 1]);
        }
        return client.post(VERIFY_REGISTRATION, write(body));
    }

    /** Registers {@code authenticator} for the signed-in user under {@code name}; the stored passkey's JSON. */
    JsonNode register(SoftAuthenticator authenticator, String name) {
        Reply verified = verifyRegistration(registrationResponse(authenticator), "name", name);
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        return verified.json();
    }

    /** The sign-in options; fails the test unless they were given. */
    JsonNode signInOptions() {
        Reply options = client.get(SIGN_IN_OPTIONS);
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        return options.json();
    }

    /** The ceremony an honest browser here runs for these sign-in options, its authenticator at {@code counter}. */
    Ceremony signIn(JsonNode options, long counter) {
        return Ceremony.signIn(options.path("challenge").asText()).origin(origin).counter(counter);
    }

    Reply verifySignIn(JsonNode response) {
        return client.post(VERIFY_SIGN_IN, write(Map.of("response", response)));
    }

    /** Signs in with {@code authenticator}, whose counter is now {@code counter}. */
    Reply signIn(SoftAuthenticator authenticator, long counter) {
        return verifySignIn(authenticator.signIn(signIn(signInOptions(), counter)));
    }

    Reply list() {
        return client.get(LIST);
    }

    Reply delete(String id) {
        return client.post(DELETE, Accounts.json("id", id));
    }

    Reply rename(String id, String name) {
        return client.post(UPDATE, Accounts.json("id", id, "name", name));
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
