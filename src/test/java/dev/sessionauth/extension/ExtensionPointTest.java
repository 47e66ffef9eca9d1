package dev.sessionauth.extension;

import static dev.sessionauth.testing.Accounts.GET_SESSION;
import static dev.sessionauth.testing.Accounts.PASSWORD;
import static dev.sessionauth.testing.Accounts.SIGN_IN;
import static dev.sessionauth.testing.Accounts.TOKEN_COOKIE;
import static dev.sessionauth.testing.Accounts.form;
import static dev.sessionauth.testing.Accounts.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionauth.SessionAuth;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The one extension point, proved with {@link ProbeFeature}, a way in registered through {@code META-INF/services}
 * like the library's own: its settings are accepted (and only its), its table is made, its gate stands between the
 * first factor and the session, its cookie and endpoints work through the filter, and its Java API is found.
 */
class ExtensionPointTest {
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aFeatureThatIsNotSwitchedOnChangesNothing() {
        server = TestServer.start();
        TestClient browser = server.client();
        String email = "second@" + UUID.randomUUID() + ".example.com";
        Accounts.signUp(browser, email);
        browser.clearCookies();

        Reply in = browser.post(SIGN_IN, json("email", email, "password", PASSWORD));

        assertThat(in.status()).isEqualTo(200);
        assertThat(in.json().path("token").asText()).isNotEmpty();
        assertThat(browser.post("/api/auth/probe/verify", json("code", "123456")).status()).isEqualTo(404);
        assertThat(server.auth().feature(ProbeFeature.Part.class)).isEmpty();
    }

    @Test
    void aGateAsksForASecondStepBeforeAnySessionIsMade() {
        server = TestServer.start("probe.enabled", "true");
        TestClient browser = server.client();
        String email = "second@" + UUID.randomUUID() + ".example.com";
        String userId = Accounts.signUp(browser, email).userId();
        browser.clearCookies();
        long sessionsBefore = server.count("SELECT COUNT(*) FROM sa_session");

        Reply in = browser.post(SIGN_IN, json("email", email, "password", PASSWORD));

        assertThat(in.status()).isEqualTo(200);
        assertThat(in.json().path("twoFactorRedirect").asBoolean()).as(in.body()).isTrue();
        assertThat(in.json().path("twoFactorMethods").toString()).isEqualTo("[\"probe\"]");
        assertThat(in.json().has("token")).isFalse();
        assertThat(browser.cookie(TOKEN_COOKIE)).isEmpty();
        assertThat(browser.cookie("sessionauth." + ProbeFeature.PENDING)).isPresent();
        assertThat(browser.get(GET_SESSION).body()).isEqualTo("null");
        assertThat(server.count("SELECT COUNT(*) FROM sa_session")).isEqualTo(sessionsBefore);

        Reply wrong = browser.post("/api/auth/probe/verify", json("code", "000000"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(browser.get(GET_SESSION).body()).isEqualTo("null");

        Reply verified = browser.post("/api/auth/probe/verify", json("code", "123456"));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().path("token").asText()).isNotEmpty();
        assertThat(verified.json().path("user").path("email").asText()).isEqualTo(email);
        assertThat(browser.cookie("sessionauth." + ProbeFeature.PENDING)).isEmpty();
        JsonNode session = browser.get(GET_SESSION).json();
        assertThat(session.path("user").path("id").asText()).isEqualTo(userId);
        assertThat(session.path("user").path("probePassed").asBoolean()).as(session.toString()).isTrue();
        assertThat(browser.get("/api/auth/probe/passed/" + userId).json().path("passed").asInt()).isEqualTo(1);
    }

    @Test
    void usersTheGateLetsThroughSignInInOneStep() {
        server = TestServer.start("probe.enabled", "true");
        TestClient browser = server.client();
        String email = Accounts.uniqueEmail("first");
        Accounts.signUp(browser, email);
        browser.clearCookies();

        Reply in = browser.post(SIGN_IN, json("email", email, "password", PASSWORD));

        assertThat(in.json().path("token").asText()).isNotEmpty();
        assertThat(in.json().has("twoFactorRedirect")).isFalse();
        assertThat(browser.cookie(TOKEN_COOKIE)).isPresent();
    }

    @Test
    void aFormSignInGoesOnToTheSecondStepPageWithItsCallback() {
        server = TestServer.start("probe.enabled", "true", "probe.page", "/second-step");
        TestClient browser = server.client();
        String email = "second@" + UUID.randomUUID() + ".example.com";
        Accounts.signUp(browser, email);
        browser.clearCookies();

        Reply in = browser.postForm(SIGN_IN, form("email", email, "password", PASSWORD, "callbackURL", "/app/home"));

        assertThat(in.status()).isEqualTo(302);
        assertThat(in.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/second-step?callbackURL=%2Fapp%2Fhome"));
        assertThat(browser.cookie(TOKEN_COOKIE)).isEmpty();
    }

    @Test
    void aFeaturesUserFieldIsShownAndNoClientMaySetIt() {
        server = TestServer.start("probe.enabled", "true");
        TestClient browser = server.client();
        Accounts.signUp(browser, Accounts.uniqueEmail("field"));
        assertThat(browser.get(GET_SESSION).json().path("user").path("probePassed").isBoolean()).isTrue();
        assertThat(browser.get(GET_SESSION).json().path("user").path("probePassed").asBoolean()).isFalse();

        Reply set = browser.post("/api/auth/update-user", json("probePassed", true));

        assertThat(set.status()).isEqualTo(400);
        assertThat(browser.get(GET_SESSION).json().path("user").path("probePassed").asBoolean()).isFalse();
        TestClient other = server.client();
        Reply signUp = other.post(Accounts.SIGN_UP, Accounts.signUpBody(Accounts.uniqueEmail("field2"),
                "probePassed", true));
        assertThat(signUp.status()).isEqualTo(400);
    }

    @Test
    void anAppDeclaringTheSameFieldWithAnotherTypeIsStoppedAtStart() {
        assertThatThrownBy(() -> TestServer.engineBuilder().set("probe.enabled", "true")
                .set("user.fields", "probePassed:string").build())
                .hasMessageContaining("probePassed").hasMessageContaining("boolean");
    }

    @Test
    void theFeaturesJavaApiIsFoundByItsType() {
        server = TestServer.start("probe.enabled", "true");
        assertThat(server.auth().feature(ProbeFeature.Part.class)).isPresent();
    }

    @Test
    void aFeaturesSettingsAreKnownAndOthersUnderItsNameAreNot() {
        try (SessionAuth on = TestServer.engineBuilder().set("probe.enabled", "true").build()) {
            assertThat(on.feature(ProbeFeature.Part.class)).isPresent();
        }
        assertThatThrownBy(() -> TestServer.engineBuilder().set("probe.enabeld", "true").build())
                .hasMessageContaining("probe.enabeld");
    }

    @Test
    void validateRefusesToStartWithoutTheFeaturesTables() {
        String url = "jdbc:h2:mem:probe-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        TestServer.engineBuilder().set("jdbc.url", url).build().close();

        assertThatThrownBy(() -> TestServer.engineBuilder().set("jdbc.url", url).set("schema", "validate")
                .set("probe.enabled", "true").build())
                .hasMessageContaining("probe").hasMessageContaining("schema=auto");

        TestServer.engineBuilder().set("jdbc.url", url).set("probe.enabled", "true").build().close();
        TestServer.engineBuilder().set("jdbc.url", url).set("schema", "validate").set("probe.enabled", "true")
                .build().close();
    }
}
