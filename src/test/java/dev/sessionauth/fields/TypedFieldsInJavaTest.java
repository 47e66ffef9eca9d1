package dev.sessionauth.fields;

import dev.sessionauth.engine.Engine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionauth.AuthException;
import dev.sessionauth.engine.Caller;
import dev.sessionauth.engine.ClientInfo;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.engine.Presented;
import dev.sessionauth.ProfileChange;
import dev.sessionauth.Session;
import dev.sessionauth.engine.SignIn;
import dev.sessionauth.engine.SignInOutcome;
import dev.sessionauth.SignUp;
import dev.sessionauth.engine.SignedIn;
import dev.sessionauth.User;
import dev.sessionauth.engine.Writer;
import dev.sessionauth.SessionAuth;
import dev.sessionauth.SessionAuthBuilder;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Additional fields read from Java: typed ({@code user.get("role", String.class)}), mapped onto the app's own
 * record ({@code user.fieldsAs(Profile.class)}), set from code (where clients may not), and the same whether the
 * user came from the store or from the jwt strategy's cookie cache.
 */
class TypedFieldsInJavaTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String USER_FIELDS = "role:string:default=user, preferences:json:input:default={\"theme\":\"light\"},"
            + " age:number:input, ratio:number:input, newsletter:boolean:input:required";
    private static final String SESSION_FIELDS = "device:string:input, trusted:boolean:default=false";

    /** The app's own shape of the seed's CustomUser. */
    record Preferences(String theme, List<Integer> sizes) {
    }

    record Profile(String role, Preferences preferences, Long age, Double ratio, Boolean newsletter) {
    }

    record RoleOnly(String role) {
    }

    private Engine auth;
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        } else if (auth != null) {
            auth.close();
        }
    }

    private Engine engine(String... settings) {
        SessionAuthBuilder b = TestServer.engineBuilder().set("user.fields", USER_FIELDS)
                .set("session.fields", SESSION_FIELDS);
        for (int i = 0; i < settings.length; i += 2) {
            b.set(settings[i], settings[i + 1]);
        }
        auth = Engine.of(b.build());
        return auth;
    }

    private static SignUp signUp(String email, Map<String, Object> fields) {
        return new SignUp("Ada", email, Accounts.PASSWORD, Optional.empty(), true, fields);
    }

    /** Signs the user in again, so the user is read back from the store rather than echoed from the sign-up. */
    private SignedIn readBack(String email) {
        return ((SignInOutcome.Issued) auth.signIn(new SignIn(email, Accounts.PASSWORD, true), Caller.app(ClientInfo.unknown()))).signedIn();
    }

    @Test
    void storedFieldsReadBackTyped() {
        engine();
        String email = Accounts.uniqueEmail("typed");
        auth.signUp(signUp(email, Map.of("age", 42, "ratio", 0.75, "newsletter", true,
                "preferences", Map.of("theme", "dark", "sizes", List.of(1, 2)))), Caller.app(ClientInfo.unknown()));

        User user = readBack(email).user();
        assertThat(user.get("role", String.class)).contains("user");
        assertThat(user.get("age", Long.class)).contains(42L);
        assertThat(user.get("age", Number.class)).contains(42L);
        assertThat(user.get("age", Integer.class)).as("numbers are Long or Double, never Integer").isEmpty();
        assertThat(user.get("ratio", Double.class)).contains(0.75);
        assertThat(user.get("newsletter", Boolean.class)).contains(true);
        assertThat(user.get("preferences", Map.class)).contains(Map.of("theme", "dark", "sizes", List.of(1, 2)));
        assertThat(user.get("role", Integer.class)).as("another type is empty, not an exception").isEmpty();
        assertThat(user.get("nothing", String.class)).isEmpty();
        // twoFactorEnabled: two-factor sign-in's own field (on by default).
        assertThat(user.getFields()).containsOnlyKeys("role", "preferences", "age", "ratio", "newsletter",
                "twoFactorEnabled");
    }

    @Test
    void fieldsMapOntoTheAppsOwnRecord() {
        engine();
        String email = Accounts.uniqueEmail("record");
        auth.signUp(signUp(email, Map.of("age", 42, "ratio", 1.5, "newsletter", false,
                "preferences", Map.of("theme", "dark", "sizes", List.of(3), "unknownToTheRecord", true))),
                Caller.app(ClientInfo.unknown()));

        User user = readBack(email).user();
        assertThat(user.fieldsAs(Profile.class))
                .isEqualTo(new Profile("user", new Preferences("dark", List.of(3)), 42L, 1.5, false));
        assertThat(user.fieldsAs(RoleOnly.class)).as("fields the record lacks are ignored")
                .isEqualTo(new RoleOnly("user"));
    }

    @Test
    void defaultsMapOntoTheRecordToo() {
        engine();
        String email = Accounts.uniqueEmail("defaults");
        auth.signUp(signUp(email, Map.of("newsletter", true)), Caller.app(ClientInfo.unknown()));
        assertThat(readBack(email).user().fieldsAs(Profile.class))
                .isEqualTo(new Profile("user", new Preferences("light", null), null, null, true));
    }

    @Test
    void codeMaySetFieldsThatClientsMayNot() {
        engine();
        String email = Accounts.uniqueEmail("code");
        User created = auth.signUp(signUp(email, Map.of("role", "admin", "newsletter", true)), Caller.app(ClientInfo.unknown())).user();
        assertThat(created.get("role", String.class)).contains("admin");
        assertThat(created.hasRole("admin")).isTrue();

        User updated = auth.updateUser(created.getId(), new ProfileChange(Optional.empty(), Optional.empty(),
                Map.of("role", "editor, auditor")), Writer.APP);
        assertThat(updated.get("role", String.class)).contains("editor, auditor");
        assertThat(readBack(email).user().hasRole("auditor")).isTrue();
        assertThat(readBack(email).user().hasRole("admin")).isFalse();
    }

    @Test
    void theClientPathOfTheEngineRefusesNonInputFields() {
        engine();
        String email = Accounts.uniqueEmail("client");
        assertThatThrownBy(() -> auth.signUp(signUp(email, Map.of("role", "admin", "newsletter", true)),
                new Caller(ClientInfo.unknown(), Presented.none(), Optional.empty(), Writer.CLIENT)))
                .isInstanceOfSatisfying(AuthException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FIELD_NOT_ALLOWED);
                    assertThat(e.getMessage()).isEqualTo("role is not allowed to be set");
                });
        User user = auth.signUp(signUp(email, Map.of("newsletter", true)), Caller.app(ClientInfo.unknown())).user();
        assertThatThrownBy(() -> auth.updateUser(user.getId(), new ProfileChange(Optional.empty(), Optional.empty(),
                Map.of("role", "admin")), Writer.CLIENT)).isInstanceOf(AuthException.class).hasMessageContaining("role");
        assertThat(readBack(email).user().get("role", String.class)).contains("user");
    }

    @Test
    void codeStillGetsTypesAndNamesChecked() {
        engine();
        assertThatThrownBy(() -> auth.signUp(signUp(Accounts.uniqueEmail("t"), Map.of("role", 5, "newsletter", true)),
                Caller.app(ClientInfo.unknown())))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST_BODY))
                .hasMessageContaining("role");
        assertThatThrownBy(() -> auth.signUp(
                signUp(Accounts.uniqueEmail("u"), Map.of("plan", "pro", "newsletter", true)),
                Caller.app(ClientInfo.unknown()))).isInstanceOf(AuthException.class).hasMessageContaining("plan");
        assertThatThrownBy(() -> auth.signUp(signUp(Accounts.uniqueEmail("r"), Map.of()),
                Caller.app(ClientInfo.unknown())))
                .isInstanceOf(AuthException.class).hasMessageContaining("newsletter");
    }

    @Test
    void sessionFieldsReadBackTypedAndCodeMaySetNonInputOnes() {
        engine();
        String email = Accounts.uniqueEmail("session");
        auth.signUp(signUp(email, Map.of("newsletter", true)), Caller.app(ClientInfo.unknown()));
        SignedIn in = readBack(email);
        assertThat(in.session().get("trusted", Boolean.class)).contains(false);

        Session updated = auth.updateSession(in.session(), Map.of("trusted", true, "device", "laptop"), Writer.APP);
        assertThat(updated.get("trusted", Boolean.class)).contains(true);
        Session listed = auth.listSessions(in.user().getId()).stream()
                .filter(s -> s.getId().equals(in.session().getId())).findFirst().orElseThrow();
        assertThat(listed.get("device", String.class)).contains("laptop");
        assertThat(listed.get("trusted", Boolean.class)).contains(true);

        assertThatThrownBy(() -> auth.updateSession(in.session(), Map.of("trusted", false), Writer.CLIENT))
                .isInstanceOf(AuthException.class).hasMessage("trusted is not allowed to be set");
    }

    // ---- through a servlet, from the store or from the jwt cookie cache -----------------------------------------

    /** Reports what a servlet reads of the request's user and session fields. */
    static final class FieldsServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            SessionAuth auth = SessionAuth.of(request);
            ObjectNode out = MAPPER.createObjectNode();
            auth.getUser(request).ifPresent(u -> {
                out.put("role", u.get("role", String.class).orElse("(absent)"));
                out.put("ageIsLong", u.get("age", Long.class).isPresent());
                out.put("ratioIsDouble", u.get("ratio", Double.class).isPresent());
                out.put("newsletterIsBoolean", u.get("newsletter", Boolean.class).isPresent());
                out.put("preferencesIsMap", u.get("preferences", Map.class).isPresent());
                out.put("profile", u.fieldsAs(Profile.class).toString());
                out.put("isAdmin", request.isUserInRole("admin"));
            });
            auth.getSession(request).ifPresent(s -> {
                out.put("device", s.get("device", String.class).orElse("(absent)"));
                out.put("trustedIsBoolean", s.get("trusted", Boolean.class).isPresent());
            });
            response.setContentType("application/json");
            response.getWriter().write(MAPPER.writeValueAsString(out));
        }
    }

    @ParameterizedTest(name = "session.strategy={0}")
    @ValueSource(strings = {"database", "jwt"})
    void aServletReadsTheSameTypesWhicheverWayTheSessionWasResolved(String strategy) throws Exception {
        server = TestServer.builder().settings("user.fields", USER_FIELDS, "session.fields", SESSION_FIELDS,
                "session.strategy", strategy).servlet(new FieldsServlet(), "/").start();
        TestClient browser = server.client();
        String body = Accounts.signUpBody(Accounts.uniqueEmail("servlet"), "age", 42, "ratio", 0.5, "newsletter", true,
                "preferences", Map.of("theme", "dark", "sizes", List.of(1, 2)));
        Reply up = browser.post(Accounts.SIGN_UP, body);
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        Reply device = browser.post(Accounts.UPDATE_SESSION, Accounts.json("device", "laptop"));
        assertThat(device.status()).as(device.body()).isEqualTo(200);

        for (int request = 1; request <= 2; request++) {
            Reply page = browser.get("/page");
            assertThat(page.status()).isEqualTo(200);
            JsonNode seen = MAPPER.readTree(page.body());
            assertThat(seen.path("role").asText()).as("request %d: %s", request, seen).isEqualTo("user");
            assertThat(seen.path("ageIsLong").asBoolean()).as("request %d: %s", request, seen).isTrue();
            assertThat(seen.path("ratioIsDouble").asBoolean()).as("request %d: %s", request, seen).isTrue();
            assertThat(seen.path("newsletterIsBoolean").asBoolean()).as("request %d: %s", request, seen).isTrue();
            assertThat(seen.path("preferencesIsMap").asBoolean()).as("request %d: %s", request, seen).isTrue();
            assertThat(seen.path("profile").asText()).as("request %d", request).isEqualTo(
                    new Profile("user", new Preferences("dark", List.of(1, 2)), 42L, 0.5, true).toString());
            assertThat(seen.path("isAdmin").asBoolean()).isFalse();
            assertThat(seen.path("device").asText()).as("request %d: %s", request, seen).isEqualTo("laptop");
            assertThat(seen.path("trustedIsBoolean").asBoolean()).as("request %d: %s", request, seen).isTrue();
        }
    }
}
