package dev.sessionauth.fields;

import static dev.sessionauth.fields.Fields.assertBadRequest;
import static dev.sessionauth.fields.Fields.assertFieldNotAllowed;
import static dev.sessionauth.fields.Fields.ok;
import static dev.sessionauth.testing.Accounts.GET_SESSION;
import static dev.sessionauth.testing.Accounts.LIST_SESSIONS;
import static dev.sessionauth.testing.Accounts.SIGN_IN;
import static dev.sessionauth.testing.Accounts.UPDATE_SESSION;
import static dev.sessionauth.testing.Accounts.json;
import static dev.sessionauth.testing.Accounts.signedUp;
import static dev.sessionauth.testing.Accounts.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.ServerExtension;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Declared session fields: defaults on every new session, answered in get-session, list-sessions and the
 * update-session response, set through POST /update-session only where declared {@code input}.
 */
class CustomSessionFieldsApiTest {
    @RegisterExtension
    static final ServerExtension server = ServerExtension.with(b -> b.set("user.fields", Fields.USER_FIELDS)
                .set("session.fields", Fields.SESSION_FIELDS));

    private static JsonNode session(TestClient browser) {
        return ok(browser.get(GET_SESSION)).path("session");
    }

    private static TestClient member() {
        return signedUp(server.get(), uniqueEmail("device"), "newsletter", true);
    }

    @Test
    void aNewSessionCarriesTheDefaultsOfItsFields() {
        JsonNode session = session(member());
        assertThat(session.path("trusted").isBoolean()).as(session.toString()).isTrue();
        assertThat(session.path("trusted").asBoolean()).isFalse();
        assertThat(session.path("device").isMissingNode() || session.path("device").isNull()).isTrue();
    }

    @Test
    void updateSessionSetsInputFieldsAndAnswersTheSession() {
        TestClient browser = member();
        String id = session(browser).path("id").asText();

        Reply r = browser.post(UPDATE_SESSION, json("device", "laptop", "score", 12));
        JsonNode answered = ok(r).path("session");
        assertThat(answered.path("id").asText()).isEqualTo(id);
        assertThat(answered.path("device").asText()).isEqualTo("laptop");
        assertThat(answered.path("score").toString()).isEqualTo("12");
        assertThat(answered.path("trusted").asBoolean()).isFalse();
        assertThat(answered.has("token")).isTrue();

        JsonNode read = session(browser);
        assertThat(read.path("device").asText()).isEqualTo("laptop");
        assertThat(read.path("score").toString()).isEqualTo("12");
        assertThat(server.count("SELECT COUNT(*) FROM sa_session WHERE id = ? AND f_device = 'laptop' AND f_score = 12",
                id)).isOne();
    }

    @Test
    void listSessionsShowsEachSessionsOwnFields() {
        String email = uniqueEmail("twodevices");
        TestClient laptop = signedUp(server.get(), email, "newsletter", true);
        TestClient phone = server.client();
        ok(phone.post(SIGN_IN, json("email", email, "password", Accounts.PASSWORD)));
        ok(laptop.post(UPDATE_SESSION, json("device", "laptop")));
        ok(phone.post(UPDATE_SESSION, json("device", "phone", "score", 0.25)));

        Reply list = laptop.get(LIST_SESSIONS);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        List<String> devices = new ArrayList<>();
        list.json().forEach(s -> devices.add(s.path("device").asText() + "/" + s.path("trusted").asBoolean()));
        assertThat(devices).containsExactlyInAnyOrder("laptop/false", "phone/false");
        JsonNode phoneEntry = null;
        for (JsonNode s : list.json()) {
            if (s.path("device").asText().equals("phone")) {
                phoneEntry = s;
            }
        }
        assertThat(phoneEntry.path("score").asDouble()).isEqualTo(0.25);
        assertThat(session(laptop).path("score").isMissingNode() || session(laptop).path("score").isNull())
                .as("the phone's update did not touch the laptop's session").isTrue();
    }

    @Test
    void aClientCannotSetANonInputSessionField() {
        TestClient browser = member();
        assertFieldNotAllowed(browser.post(UPDATE_SESSION, json("trusted", true)), "trusted");
        assertFieldNotAllowed(browser.post(UPDATE_SESSION, json("device", "x", "trusted", true)), "trusted");
        JsonNode session = session(browser);
        assertThat(session.path("trusted").asBoolean()).isFalse();
        assertThat(session.path("device").isMissingNode() || session.path("device").isNull())
                .as("a refused request changes nothing").isTrue();
    }

    @Test
    void unknownAndIllTypedSessionFieldsAreRefusedNamingTheField() {
        TestClient browser = member();
        assertBadRequest(browser.post(UPDATE_SESSION, json("colour", "red")), "colour");
        assertBadRequest(browser.post(UPDATE_SESSION, json("score", "high")), "score");
        assertBadRequest(browser.post(UPDATE_SESSION, json("device", false)), "device");
        assertBadRequest(browser.post(UPDATE_SESSION, json("device", "x".repeat(1025))), "device");
        assertBadRequest(browser.post(UPDATE_SESSION, json("role", "admin")), "role");
    }

    @Test
    void updateSessionNeedsASession() {
        Reply r = server.client().post(UPDATE_SESSION, json("device", "laptop"));
        assertThat(r.status()).as(r.body()).isEqualTo(401);
    }

    @Test
    void updateSessionDoesNotMoveTheSessionsExpiry() {
        TestClient browser = member();
        JsonNode before = session(browser);
        JsonNode after = ok(browser.post(UPDATE_SESSION, json("device", "tablet"))).path("session");
        assertThat(after.path("expiresAt").asText()).isEqualTo(before.path("expiresAt").asText());
        assertThat(after.path("createdAt").asText()).isEqualTo(before.path("createdAt").asText());
    }

    @Test
    void updateUserDoesNotAcceptSessionFieldsNorUpdateSessionUserFields() {
        TestClient browser = member();
        assertBadRequest(browser.post(Accounts.UPDATE_USER, json("device", "laptop")), "device");
        assertBadRequest(browser.post(UPDATE_SESSION, json("nickname", "Ada")), "nickname");
    }
}
