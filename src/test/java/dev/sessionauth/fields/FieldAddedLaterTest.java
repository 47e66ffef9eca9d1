package dev.sessionauth.fields;

import static dev.sessionauth.fields.Fields.ok;
import static dev.sessionauth.testing.Accounts.GET_SESSION;
import static dev.sessionauth.testing.Accounts.SIGN_IN;
import static dev.sessionauth.testing.Accounts.SIGN_UP;
import static dev.sessionauth.testing.Accounts.TOKEN_COOKIE;
import static dev.sessionauth.testing.Accounts.json;
import static dev.sessionauth.testing.Accounts.signUpBody;
import static dev.sessionauth.testing.Accounts.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionauth.config.ConfigException;
import dev.sessionauth.SessionAuth;
import dev.sessionauth.SessionAuthBuilder;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A field declared after rows exist: start-up adds its column, the old rows keep NULL there and read as the
 * field's default. The database outlives the first server (a file, since the test server shuts its database down).
 */
class FieldAddedLaterTest {
    private static final String LATER_USER_FIELDS = "role:string:default=user, tier:number:default=3,"
            + " beta:boolean:default=true, prefs:json:default={\"theme\":\"light\"}, nickname:string:input";

    @TempDir
    Path dir;

    private String jdbcUrl() {
        return "jdbc:h2:file:" + dir.resolve("db").toAbsolutePath();
    }

    @Test
    void anOldUserReadsTheDefaultsOfFieldsAddedAfterTheySignedUp() {
        String email = uniqueEmail("old");
        String cookie;
        try (TestServer first = TestServer.builder().jdbcUrl(jdbcUrl()).start()) {
            TestClient browser = first.client();
            ok(browser.post(SIGN_UP, signUpBody(email)));
            cookie = browser.cookie(TOKEN_COOKIE).orElseThrow();
        }

        try (TestServer second = TestServer.builder().jdbcUrl(jdbcUrl()).set("user.fields", LATER_USER_FIELDS)
                .set("session.fields", "device:string:default=unknown, trusted:boolean:default=false").start()) {
            assertThat(second.count("SELECT COUNT(*) FROM sa_user WHERE email = ? AND f_role IS NULL"
                    + " AND f_tier IS NULL AND f_beta IS NULL AND f_prefs IS NULL", email))
                    .as("the migration added the columns; the old row holds NULL in them").isOne();

            JsonNode signedIn = ok(second.client().post(SIGN_IN, json("email", email, "password", Accounts.PASSWORD)))
                    .path("user");
            assertThat(signedIn.path("role").asText()).isEqualTo("user");
            assertThat(signedIn.path("tier").toString()).isEqualTo("3");
            assertThat(signedIn.path("beta").asBoolean()).isTrue();
            assertThat(signedIn.path("prefs").path("theme").asText()).isEqualTo("light");
            assertThat(signedIn.path("nickname").isMissingNode() || signedIn.path("nickname").isNull()).isTrue();

            TestClient oldBrowser = second.client();
            oldBrowser.putCookie(TOKEN_COOKIE, cookie);
            JsonNode both = ok(oldBrowser.get(GET_SESSION));
            assertThat(both.path("user").path("role").asText()).as(both.toString()).isEqualTo("user");
            assertThat(both.path("session").path("device").asText())
                    .as("a session from before the field existed reads its default").isEqualTo("unknown");
            assertThat(both.path("session").path("trusted").asBoolean()).isFalse();
        }
    }

    @Test
    void anOldUserCanThenSetTheNewInputFieldAndNewUsersGetTheDefaultWritten() {
        String old = uniqueEmail("old");
        try (TestServer first = TestServer.builder().jdbcUrl(jdbcUrl()).start()) {
            ok(first.client().post(SIGN_UP, signUpBody(old)));
        }
        try (TestServer second = TestServer.builder().jdbcUrl(jdbcUrl()).set("user.fields", LATER_USER_FIELDS).start()) {
            TestClient browser = second.client();
            ok(browser.post(SIGN_IN, json("email", old, "password", Accounts.PASSWORD)));
            ok(browser.post(Accounts.UPDATE_USER, json("nickname", "Ada")));
            JsonNode user = ok(browser.get(GET_SESSION)).path("user");
            assertThat(user.path("nickname").asText()).isEqualTo("Ada");
            assertThat(user.path("role").asText()).as("updating one field leaves the others at their defaults")
                    .isEqualTo("user");

            String fresh = uniqueEmail("new");
            ok(second.client().post(SIGN_UP, signUpBody(fresh)));
            assertThat(second.count("SELECT COUNT(*) FROM sa_user WHERE email = ? AND f_role = 'user' AND f_tier = 3"
                    + " AND f_beta = TRUE", fresh)).isOne();
        }
    }

    @Test
    void aRoleDefaultAppliesToIsUserInRoleForOldUsers() {
        String email = uniqueEmail("oldadmin");
        try (TestServer first = TestServer.builder().jdbcUrl(jdbcUrl()).start()) {
            ok(first.client().post(SIGN_UP, signUpBody(email)));
        }
        try (TestServer second = TestServer.builder().jdbcUrl(jdbcUrl())
                .set("user.fields", "role:string:default=admin").start()) {
            TestClient browser = second.client();
            ok(browser.post(SIGN_IN, json("email", email, "password", Accounts.PASSWORD)));
            assertThat(ok(browser.get("/app")).path("isAdmin").asBoolean()).isTrue();
        }
    }

    @Test
    void schemaValidateRefusesToStartWhenADeclaredFieldHasNoColumnYet() {
        try (TestServer first = TestServer.builder().jdbcUrl(jdbcUrl()).start()) {
            assertThat(first.count("SELECT COUNT(*) FROM sa_user")).isZero();
        }
        SessionAuthBuilder validate = SessionAuth.builder().systemProperties(new Properties()).environment(Map.of())
                .set("secret", TestServer.SECRET).set("jdbc.url", jdbcUrl()).set("schema", "validate")
                .set("user.fields", "role:string:default=user").set("session.fields", "device:string:input");
        assertThatThrownBy(validate::build).isInstanceOf(ConfigException.class)
                .hasMessageContaining("sa_user.f_role").hasMessageContaining("sa_session.f_device");
    }
}
