package dev.sessionauth.fields;

import static dev.sessionauth.fields.Fields.assertBadRequest;
import static dev.sessionauth.fields.Fields.assertFieldNotAllowed;
import static dev.sessionauth.fields.Fields.ok;
import static dev.sessionauth.testing.Accounts.GET_SESSION;
import static dev.sessionauth.testing.Accounts.SIGN_IN;
import static dev.sessionauth.testing.Accounts.SIGN_UP;
import static dev.sessionauth.testing.Accounts.UPDATE_USER;
import static dev.sessionauth.testing.Accounts.json;
import static dev.sessionauth.testing.Accounts.signUpBody;
import static dev.sessionauth.testing.Accounts.signedUp;
import static dev.sessionauth.testing.Accounts.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.ServerExtension;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Declared user fields over the HTTP API: stored in their own columns, answered in every user JSON, set by clients
 * only where declared {@code input}, and refused with 400 naming the field when unknown, ill-typed or missing.
 */
class CustomUserFieldsApiTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @RegisterExtension
    static final ServerExtension server = ServerExtension.with(b -> b.set("user.fields", Fields.USER_FIELDS));

    private static long users(String email) {
        return server.count("SELECT COUNT(*) FROM sa_user WHERE email = ?", email);
    }

    private static JsonNode sessionUser(TestClient browser) {
        return ok(browser.get(GET_SESSION)).path("user");
    }

    // ---- sign-up -------------------------------------------------------------------------------------------

    @Test
    void signUpAnswersTheGivenInputFieldsAndTheDefaultsInTheUser() {
        String email = uniqueEmail("signup");
        JsonNode user = ok(server.client().post(SIGN_UP, signUpBody(email, "age", 42, "newsletter", true)))
                .path("user");

        assertThat(user.path("role").asText()).isEqualTo("user");
        assertThat(user.path("preferences")).isEqualTo(MAPPER.createObjectNode().put("theme", "light"));
        assertThat(user.path("age").isIntegralNumber()).as("42 stays 42, not 42.0: %s", user).isTrue();
        assertThat(user.path("age").asLong()).isEqualTo(42);
        assertThat(user.path("newsletter").isBoolean()).isTrue();
        assertThat(user.path("newsletter").asBoolean()).isTrue();
        assertThat(user.has("passwordHash")).isFalse();
    }

    @Test
    void theFieldsAreStoredInTheirOwnColumnsOfSaUser() throws Exception {
        String email = uniqueEmail("columns");
        signedUp(server.get(), email, "age", 7, "newsletter", false, "nickname", "Countess",
                "preferences", Map.of("theme", "dark", "sizes", List.of(1, 2)));

        try (Connection c = server.database(); PreparedStatement ps = c.prepareStatement(
                "SELECT f_role, f_age, f_newsletter, f_nickname, f_preferences FROM sa_user WHERE email = ?")) {
            ps.setString(1, email);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("f_role")).as("the default is written at sign-up").isEqualTo("user");
                assertThat(rs.getDouble("f_age")).isEqualTo(7.0);
                assertThat(rs.getBoolean("f_newsletter")).isFalse();
                assertThat(rs.wasNull()).isFalse();
                assertThat(rs.getString("f_nickname")).isEqualTo("Countess");
                assertThat(MAPPER.readTree(rs.getString("f_preferences")))
                        .isEqualTo(MAPPER.readTree("{\"theme\":\"dark\",\"sizes\":[1,2]}"));
            }
        }
    }

    @Test
    void getSessionAndSignInAnswerTheStoredFields() {
        String email = uniqueEmail("readback");
        TestClient browser = signedUp(server.get(), email, "age", 30, "newsletter", true, "nickname", "Ada",
                "preferences", Map.of("theme", "dark"));

        JsonNode fromSession = sessionUser(browser);
        assertThat(fromSession.path("role").asText()).isEqualTo("user");
        assertThat(fromSession.path("age").isIntegralNumber()).as(fromSession.toString()).isTrue();
        assertThat(fromSession.path("age").asLong()).isEqualTo(30);
        assertThat(fromSession.path("newsletter").asBoolean()).isTrue();
        assertThat(fromSession.path("nickname").asText()).isEqualTo("Ada");
        assertThat(fromSession.path("preferences").path("theme").asText()).isEqualTo("dark");

        JsonNode fromSignIn = ok(server.client().post(SIGN_IN, json("email", email, "password", Accounts.PASSWORD)))
                .path("user");
        for (String field : List.of("role", "age", "newsletter", "nickname", "preferences")) {
            assertThat(fromSignIn.path(field)).as(field).isEqualTo(fromSession.path(field));
        }
    }

    @Test
    void aDecimalNumberStaysDecimalAndAnIntegralOneLosesItsFraction() {
        JsonNode decimal = sessionUser(signedUp(server.get(), uniqueEmail("decimal"), "age", 41.5, "newsletter", true));
        assertThat(decimal.path("age").isFloatingPointNumber()).isTrue();
        assertThat(decimal.path("age").asDouble()).isEqualTo(41.5);

        TestClient browser = server.client();
        Reply up = browser.post(SIGN_UP, "{\"name\":\"A\",\"email\":\"" + uniqueEmail("integral")
                + "\",\"password\":\"" + Accounts.PASSWORD + "\",\"age\":42.0,\"newsletter\":true}");
        assertThat(ok(up).path("user").path("age").isIntegralNumber()).as(up.body()).isTrue();
        assertThat(sessionUser(browser).path("age").toString()).isEqualTo("42");
    }

    @Test
    void aJsonFieldHoldsAnyJsonValue() {
        List<Object> list = List.of(1, "two", Map.of("three", 3), List.of());
        JsonNode withList = sessionUser(signedUp(server.get(), uniqueEmail("jsonlist"), "newsletter", true,
                "preferences", list));
        assertThat(withList.path("preferences")).isEqualTo(MAPPER.valueToTree(list));

        JsonNode withText = sessionUser(signedUp(server.get(), uniqueEmail("jsontext"), "newsletter", true,
                "preferences", "compact"));
        assertThat(withText.path("preferences").asText()).isEqualTo("compact");

        JsonNode withNumber = sessionUser(signedUp(server.get(), uniqueEmail("jsonnumber"), "newsletter", true,
                "preferences", 7));
        assertThat(withNumber.path("preferences").asInt()).isEqualTo(7);
    }

    @Test
    void aFormSignUpReadsTheFieldsByTheirTypes() {
        String email = uniqueEmail("form");
        TestClient browser = server.client();
        Reply up = browser.postForm(SIGN_UP, "name=Ada&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(Accounts.PASSWORD, StandardCharsets.UTF_8)
                + "&age=42&newsletter=on&preferences=" + URLEncoder.encode("{\"theme\":\"dark\"}", StandardCharsets.UTF_8));
        JsonNode user = ok(up).path("user");
        assertThat(user.path("age").toString()).isEqualTo("42");
        assertThat(user.path("newsletter").asBoolean()).isTrue();
        assertThat(user.path("preferences").path("theme").asText()).isEqualTo("dark");
    }

    @Test
    void aClientCannotSetAFieldThatIsNotDeclaredInput() {
        String email = uniqueEmail("nonInput");
        Reply r = server.client().post(SIGN_UP, signUpBody(email, "newsletter", true, "role", "admin"));
        assertFieldNotAllowed(r, "role");
        assertThat(users(email)).as("nothing is created").isZero();
    }

    @Test
    void anUnknownFieldIsRefusedAtSignUp() {
        String email = uniqueEmail("unknown");
        Reply r = server.client().post(SIGN_UP, signUpBody(email, "newsletter", true, "plan", "pro"));
        assertBadRequest(r, "plan");
        assertThat(users(email)).isZero();
    }

    @Test
    void aRequiredInputFieldMustBeGivenAtSignUp() {
        String email = uniqueEmail("required");
        assertBadRequest(server.client().post(SIGN_UP, signUpBody(email, "age", 3)), "newsletter");
        assertBadRequest(server.client().post(SIGN_UP, signUpBody(email, "newsletter", null)), "newsletter");
        assertThat(users(email)).isZero();
    }

    @Test
    void anExplicitNullForAnOptionalFieldAtSignUpIsLikeLeavingItOut() {
        String email = uniqueEmail("nullOptional");
        Reply r = server.client().post(SIGN_UP, signUpBody(email, "newsletter", true, "nickname", null, "age", null));
        JsonNode user = ok(r).path("user");
        assertThat(user.path("nickname").isMissingNode() || user.path("nickname").isNull()).isTrue();
        assertThat(user.path("age").isMissingNode() || user.path("age").isNull()).isTrue();
        assertThat(server.count("SELECT COUNT(*) FROM sa_user WHERE email = ? AND f_nickname IS NULL AND f_age IS NULL",
                email)).isOne();
    }

    @Test
    void aFormWithAnEmptyNumberLeavesItUnset() {
        String email = uniqueEmail("formEmpty");
        Reply r = server.client().postForm(SIGN_UP, "name=Ada&email=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(Accounts.PASSWORD, StandardCharsets.UTF_8) + "&age=&newsletter=off");
        JsonNode user = ok(r).path("user");
        assertThat(user.path("age").isMissingNode() || user.path("age").isNull()).as(r.body()).isTrue();
        assertThat(user.path("newsletter").asBoolean()).isFalse();
    }

    static Stream<Arguments> illTyped() {
        return Stream.of(
                Arguments.of("age", "42"),
                Arguments.of("age", true),
                Arguments.of("age", List.of(1)),
                Arguments.of("newsletter", "true"),
                Arguments.of("newsletter", 1),
                Arguments.of("nickname", 5),
                Arguments.of("nickname", Map.of("a", "b")),
                Arguments.of("nickname", "x".repeat(1025)),
                Arguments.of("preferences", Map.of("blob", "x".repeat(8200))));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("illTyped")
    void anIllTypedValueIsRefusedNamingTheField(String field, Object value) {
        String email = uniqueEmail("typed");
        Object[] extra = field.equals("newsletter")
                ? new Object[] {field, value}
                : new Object[] {"newsletter", true, field, value};
        assertBadRequest(server.client().post(SIGN_UP, signUpBody(email, extra)), field);
        assertThat(users(email)).isZero();
    }

    @Test
    void aStringOfExactly1024CharactersIsAccepted() {
        String nickname = "é".repeat(1024);
        JsonNode user = sessionUser(signedUp(server.get(), uniqueEmail("long"), "newsletter", true,
                "nickname", nickname));
        assertThat(user.path("nickname").asText()).isEqualTo(nickname);
    }

    // ---- update-user ---------------------------------------------------------------------------------------

    @Test
    void updateUserSetsInputFieldsAndLeavesTheOthers() {
        TestClient browser = signedUp(server.get(), uniqueEmail("update"), "age", 20, "newsletter", true);

        Reply r = browser.post(UPDATE_USER, json("age", 21, "preferences", Map.of("theme", "dark"), "newsletter", false));
        assertThat(ok(r).path("status").asBoolean()).isTrue();

        JsonNode user = sessionUser(browser);
        assertThat(user.path("age").toString()).isEqualTo("21");
        assertThat(user.path("preferences").path("theme").asText()).isEqualTo("dark");
        assertThat(user.path("newsletter").asBoolean()).isFalse();
        assertThat(user.path("role").asText()).isEqualTo("user");
        assertThat(user.path("name").asText()).isEqualTo("Ada");
    }

    @Test
    void updateUserCanClearAnOptionalFieldButNotARequiredOne() {
        String email = uniqueEmail("clear");
        TestClient browser = signedUp(server.get(), email, "nickname", "Countess", "newsletter", true);

        ok(browser.post(UPDATE_USER, json("nickname", null)));
        assertThat(sessionUser(browser).path("nickname").isMissingNode() || sessionUser(browser).path("nickname").isNull())
                .isTrue();
        assertThat(server.count("SELECT COUNT(*) FROM sa_user WHERE email = ? AND f_nickname IS NULL", email)).isOne();

        assertBadRequest(browser.post(UPDATE_USER, json("newsletter", null)), "newsletter");
        assertThat(sessionUser(browser).path("newsletter").asBoolean()).isTrue();
    }

    @Test
    void updateUserRefusesANonInputFieldAndChangesNothing() {
        String email = uniqueEmail("escalate");
        TestClient browser = signedUp(server.get(), email, "newsletter", true);

        assertFieldNotAllowed(browser.post(UPDATE_USER, json("role", "admin")), "role");
        assertFieldNotAllowed(browser.post(UPDATE_USER, json("name", "Eve", "role", "admin")), "role");

        JsonNode user = sessionUser(browser);
        assertThat(user.path("role").asText()).isEqualTo("user");
        assertThat(user.path("name").asText()).as("a refused request changes nothing at all").isEqualTo("Ada");
        assertThat(server.count("SELECT COUNT(*) FROM sa_user WHERE email = ? AND f_role = 'user'", email)).isOne();
    }

    @Test
    void updateUserRefusesUnknownAndIllTypedFields() {
        TestClient browser = signedUp(server.get(), uniqueEmail("badupdate"), "age", 1, "newsletter", true);

        assertBadRequest(browser.post(UPDATE_USER, json("plan", "pro")), "plan");
        assertBadRequest(browser.post(UPDATE_USER, json("age", "two")), "age");
        assertBadRequest(browser.post(UPDATE_USER, json("newsletter", "yes")), "newsletter");
        assertBadRequest(browser.post(UPDATE_USER, json("nickname", 12)), "nickname");

        JsonNode user = sessionUser(browser);
        assertThat(user.path("age").toString()).isEqualTo("1");
        assertThat(user.path("newsletter").asBoolean()).isTrue();
    }

    @Test
    void updateUserWithFieldsNeedsASession() {
        Reply r = server.client().post(UPDATE_USER, json("age", 3));
        assertThat(r.status()).as(r.body()).isEqualTo(401);
    }

    @Test
    void anotherUsersFieldsAreUntouchedByAnUpdate() {
        String other = uniqueEmail("bystander");
        TestClient bystander = signedUp(server.get(), other, "age", 50, "newsletter", true);
        TestClient actor = signedUp(server.get(), uniqueEmail("actor"), "age", 10, "newsletter", true);

        ok(actor.post(UPDATE_USER, json("age", 11)));

        assertThat(sessionUser(bystander).path("age").toString()).isEqualTo("50");
    }
}
