package dev.sessionauth.api;

import static dev.sessionauth.api.Api.assertError;
import static dev.sessionauth.api.Api.assertNoStore;
import static dev.sessionauth.testing.Accounts.UPDATE_USER;
import static dev.sessionauth.testing.Accounts.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.ServerExtension;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient.Reply;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** POST /update-user: name and image only, for the signed-in user only. */
class UpdateUserTest {
    private static final MutableClock clock = new MutableClock(Instant.parse("2026-02-01T08:00:00Z"));

    @RegisterExtension
    static final ServerExtension server = ServerExtension.with(b -> b.clock(clock));

    private static void assertStatusTrue(Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(Api.fieldNames(r.json())).containsExactly("status");
        assertThat(r.json().path("status").asBoolean()).isTrue();
        assertNoStore(r);
    }

    private static JsonNode user(SignedInUser account) {
        return account.browser().getSession().json().path("user");
    }

    @Test
    void updateUserChangesTheNameAndTheUpdatedAt() {
        SignedInUser account = Accounts.signUp(server.get(), "rename");
        JsonNode before = user(account);
        clock.advance(Duration.ofMinutes(1));

        assertStatusTrue(account.browser().post(UPDATE_USER, json("name", "  Ada King  ")));

        JsonNode after = user(account);
        assertThat(after.path("name").asText()).isEqualTo("Ada King");
        assertThat(after.path("email").asText()).isEqualTo(account.email());
        assertThat(after.path("createdAt").asText()).isEqualTo(before.path("createdAt").asText());
        assertThat(Instant.parse(after.path("updatedAt").asText()))
                .isEqualTo(Instant.parse(before.path("updatedAt").asText()).plus(Duration.ofMinutes(1)));
    }

    @Test
    void theNextSignInAnswersTheUpdatedUser() {
        SignedInUser account = Accounts.signUp(server.get(), "nextsignin");
        assertStatusTrue(account.browser().post(UPDATE_USER, json("name", "Fresh Name", "image", "https://i.example/x")));
        Reply in = server.client().signIn(account.email(), account.password());
        assertThat(in.json().path("user").path("name").asText()).isEqualTo("Fresh Name");
        assertThat(in.json().path("user").path("image").asText()).isEqualTo("https://i.example/x");
    }

    @Test
    void updateUserSetsAndClearsTheImage() {
        SignedInUser account = Accounts.signUp(server.get(), "image");
        assertStatusTrue(account.browser().post(UPDATE_USER, json("image", "https://cdn.example/a.png")));
        assertThat(user(account).path("image").asText()).isEqualTo("https://cdn.example/a.png");
        String name = user(account).path("name").asText();

        assertStatusTrue(account.browser().post(UPDATE_USER, json("image", null)));
        assertThat(user(account).path("image").isNull()).isTrue();
        assertThat(user(account).path("name").asText()).isEqualTo(name);
    }

    @Test
    void nameAndImageCanChangeTogether() {
        SignedInUser account = Accounts.signUp(server.get(), "both");
        assertStatusTrue(account.browser().post(UPDATE_USER, json("name", "Both", "image", "https://cdn.example/b")));
        JsonNode user = user(account);
        assertThat(user.path("name").asText()).isEqualTo("Both");
        assertThat(user.path("image").asText()).isEqualTo("https://cdn.example/b");
    }

    @Test
    void theChangeIsSeenByEverySessionOfTheUserAndNoOtherUser() {
        SignedInUser account = Accounts.signUp(server.get(), "everywhere");
        Api.Signed phone = Api.signIn(server.get(), account);
        SignedInUser other = Accounts.signUp(server.get(), "bystander");
        String otherName = user(other).path("name").asText();

        assertStatusTrue(account.browser().post(UPDATE_USER, json("name", "Renamed")));
        assertThat(phone.browser().getSession().json().path("user").path("name").asText()).isEqualTo("Renamed");
        assertThat(user(other).path("name").asText()).isEqualTo(otherName);
    }

    @Test
    void theEmailCannotBeChangedHere() {
        SignedInUser account = Accounts.signUp(server.get(), "email");
        assertError(account.browser().post(UPDATE_USER, json("email", "new@example.com")), 400,
                "INVALID_REQUEST_BODY");
        assertError(account.browser().post(UPDATE_USER, json("name", "X", "email", "new@example.com")), 400,
                "INVALID_REQUEST_BODY");
        JsonNode user = user(account);
        assertThat(user.path("email").asText()).isEqualTo(account.email());
        assertThat(user.path("name").asText()).isNotEqualTo("X");
    }

    @Test
    void anUpdateWithNothingToChangeIsRefused() {
        SignedInUser account = Accounts.signUp(server.get(), "nothing");
        assertError(account.browser().post(UPDATE_USER, "{}"), 400, "INVALID_REQUEST_BODY");
        assertError(account.browser().post(UPDATE_USER, ""), 400, "INVALID_REQUEST_BODY");
    }

    @Test
    void protectedOrUnknownFieldsAreRefused() {
        SignedInUser account = Accounts.signUp(server.get(), "protectedfields");
        for (String field : new String[] {"emailVerified", "id", "createdAt", "updatedAt", "role", "password"}) {
            Reply r = account.browser().post(UPDATE_USER, "{\"name\":\"Hacker\",\"" + field + "\":true}");
            assertError(r, 400, "INVALID_REQUEST_BODY");
        }
        JsonNode user = user(account);
        assertThat(user.path("emailVerified").asBoolean()).isFalse();
        assertThat(user.path("name").asText()).isNotEqualTo("Hacker");
    }

    @Test
    void aBlankOrTooLongNameIsRefused() {
        SignedInUser account = Accounts.signUp(server.get(), "badname");
        String name = user(account).path("name").asText();
        assertError(account.browser().post(UPDATE_USER, json("name", "")), 400, "INVALID_REQUEST_BODY");
        assertError(account.browser().post(UPDATE_USER, json("name", "   ")), 400, "INVALID_REQUEST_BODY");
        assertError(account.browser().post(UPDATE_USER, json("name", "n".repeat(256))), 400, "INVALID_REQUEST_BODY");
        assertError(account.browser().post(UPDATE_USER, json("name", 7)), 400, "INVALID_REQUEST_BODY");
        assertError(account.browser().post(UPDATE_USER, json("image", 7)), 400, "INVALID_REQUEST_BODY");
        assertError(account.browser().post(UPDATE_USER, json("image", "https://cdn.example/" + "x".repeat(2048))), 400,
                "INVALID_REQUEST_BODY");
        assertThat(user(account).path("name").asText()).isEqualTo(name);

        assertStatusTrue(account.browser().post(UPDATE_USER, json("name", "n".repeat(255))));
        assertThat(user(account).path("name").asText()).hasSize(255);
    }

    @Test
    void updateUserNeedsASession() {
        assertError(server.client().post(UPDATE_USER, json("name", "Anon")), 401, "UNAUTHORIZED");
    }

    @Test
    void updateUserWithACookieNeedsATrustedOrigin() {
        SignedInUser account = Accounts.signUp(server.get(), "csrfupdate");
        String name = user(account).path("name").asText();
        assertError(account.browser().post(UPDATE_USER, json("name", "Pwned"), "Origin", "https://evil.example"), 403,
                "INVALID_ORIGIN");
        assertError(account.browser().post(UPDATE_USER, "name=Pwned", "Content-Type", "text/plain",
                "Origin", "https://evil.example"), 403, "INVALID_ORIGIN");
        assertThat(user(account).path("name").asText()).isEqualTo(name);
    }

    @Test
    void aBearerClientUpdatesWithoutOrigin() {
        SignedInUser account = Accounts.signUp(server.get(), "bearerupdate");
        assertStatusTrue(Api.bearer(server.get(), account.token()).post(UPDATE_USER, json("name", "Via Bearer")));
        assertThat(user(account).path("name").asText()).isEqualTo("Via Bearer");
    }

    @Test
    void getIsNotAnUpdate() {
        SignedInUser account = Accounts.signUp(server.get(), "getupdate");
        Reply r = account.browser().get(UPDATE_USER + "?name=Nope");
        assertError(r, 405, "METHOD_NOT_ALLOWED");
        assertThat(r.header("Allow")).hasValue("POST");
    }
}
