package dev.sessionauth.tags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.AuthContext;
import dev.sessionauth.Session;
import dev.sessionauth.engine.SignedIn;
import dev.sessionauth.User;
import jakarta.servlet.jsp.JspException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TagValuesTest {
    private static final Instant CREATED = Instant.parse("2025-01-31T12:00:00Z");
    private static final Instant UPDATED = Instant.parse("2025-02-01T08:30:00.123Z");
    private static final User ADA = new User("u1", "Ada <Lovelace>", "ada@example.com", true,
            Optional.of("https://img.example/ada.png"), CREATED, UPDATED,
            Map.of("role", "editor, admin", "plan", "pro", "seats", 3, "nickname", ""));
    private static final User BOB = new User("u2", "Bob", "bob@example.com", false, Optional.empty(), CREATED, CREATED,
            Map.of());
    private static final Session SESSION = new Session("s1", "u1", Instant.parse("2025-02-07T12:00:00Z"),
            Instant.parse("2025-03-02T12:00:00Z"), CREATED, UPDATED, Optional.of("203.0.113.9"), Optional.empty(), true);

    private static TagEngine engine;
    private static SignedIn grace;

    @BeforeAll
    static void startEngine() {
        engine = new TagEngine();
        grace = engine.signUp("Grace", "grace@example.com");
    }

    @AfterAll
    static void stopEngine() {
        engine.close();
    }

    @Test
    void builtInUserPropertiesAreTextAndInstantsAreIso8601() throws JspException {
        assertThat(TagValues.userProperty(Optional.of(ADA), "id")).hasValue("u1");
        assertThat(TagValues.userProperty(Optional.of(ADA), "name")).hasValue("Ada <Lovelace>");
        assertThat(TagValues.userProperty(Optional.of(ADA), "email")).hasValue("ada@example.com");
        assertThat(TagValues.userProperty(Optional.of(ADA), "emailVerified")).hasValue("true");
        assertThat(TagValues.userProperty(Optional.of(BOB), "emailVerified")).hasValue("false");
        assertThat(TagValues.userProperty(Optional.of(ADA), "image")).hasValue("https://img.example/ada.png");
        assertThat(TagValues.userProperty(Optional.of(ADA), "createdAt")).hasValue("2025-01-31T12:00:00Z");
        assertThat(TagValues.userProperty(Optional.of(ADA), "updatedAt")).hasValue("2025-02-01T08:30:00.123Z");
    }

    @Test
    void anAbsentImageIsAbsentSoThePageShowsItsDefault() throws JspException {
        assertThat(TagValues.userProperty(Optional.of(BOB), "image")).isEmpty();
    }

    @Test
    void otherNamesAreReadFromTheAdditionalFields() throws JspException {
        assertThat(TagValues.userProperty(Optional.of(ADA), "plan")).hasValue("pro");
        assertThat(TagValues.userProperty(Optional.of(ADA), "seats")).hasValue("3");
        assertThat(TagValues.userProperty(Optional.of(ADA), " role ")).hasValue("editor, admin");
    }

    @Test
    void aFieldThisUserDoesNotHaveOrThatIsEmptyIsAbsentNotAnError() throws JspException {
        assertThat(TagValues.userProperty(Optional.of(BOB), "plan")).isEmpty();
        assertThat(TagValues.userProperty(Optional.of(ADA), "nickname")).isEmpty();
    }

    @Test
    void signedOutEveryUserPropertyIsAbsent() throws JspException {
        assertThat(TagValues.userProperty(Optional.empty(), "email")).isEmpty();
        assertThat(TagValues.userProperty(Optional.empty(), "plan")).isEmpty();
    }

    @Test
    void aBlankUserPropertyFailsSignedInOrNot() {
        assertThatThrownBy(() -> TagValues.userProperty(Optional.of(ADA), " "))
                .isInstanceOf(JspException.class).hasMessageContaining("property").hasMessageContaining("email");
        assertThatThrownBy(() -> TagValues.userProperty(Optional.empty(), ""))
                .isInstanceOf(JspException.class);
    }

    @Test
    void sessionPropertiesAreTextAndInstantsAreIso8601() throws JspException {
        assertThat(TagValues.sessionProperty(Optional.of(SESSION), "id")).hasValue("s1");
        assertThat(TagValues.sessionProperty(Optional.of(SESSION), "userId")).hasValue("u1");
        assertThat(TagValues.sessionProperty(Optional.of(SESSION), "expiresAt")).hasValue("2025-02-07T12:00:00Z");
        assertThat(TagValues.sessionProperty(Optional.of(SESSION), "absoluteExpiresAt")).hasValue("2025-03-02T12:00:00Z");
        assertThat(TagValues.sessionProperty(Optional.of(SESSION), "createdAt")).hasValue("2025-01-31T12:00:00Z");
        assertThat(TagValues.sessionProperty(Optional.of(SESSION), "updatedAt")).hasValue("2025-02-01T08:30:00.123Z");
        assertThat(TagValues.sessionProperty(Optional.of(SESSION), "ipAddress")).hasValue("203.0.113.9");
        assertThat(TagValues.sessionProperty(Optional.of(SESSION), "userAgent")).isEmpty();
        assertThat(TagValues.sessionProperty(Optional.empty(), "expiresAt")).isEmpty();
    }

    @Test
    void anUnknownSessionPropertyFailsNamingTheKnownOnesSignedInOrNot() {
        assertThatThrownBy(() -> TagValues.sessionProperty(Optional.of(SESSION), "token"))
                .isInstanceOf(JspException.class).hasMessageContaining("\"token\"").hasMessageContaining("expiresAt");
        assertThatThrownBy(() -> TagValues.sessionProperty(Optional.empty(), "expiresAT"))
                .isInstanceOf(JspException.class);
    }

    @Test
    void hasAnyRoleAcceptsOneRoleOrACommaSeparatedList() throws JspException {
        assertThat(TagValues.hasAnyRole(Optional.of(ADA), "admin")).isTrue();
        assertThat(TagValues.hasAnyRole(Optional.of(ADA), "owner, editor")).isTrue();
        assertThat(TagValues.hasAnyRole(Optional.of(ADA), "owner,,billing")).isFalse();
        assertThat(TagValues.hasAnyRole(Optional.of(ADA), "Admin")).as("roles are case-sensitive").isFalse();
        assertThat(TagValues.hasAnyRole(Optional.of(BOB), "admin")).isFalse();
        assertThat(TagValues.hasAnyRole(Optional.empty(), "admin")).isFalse();
    }

    @Test
    void aRoleListThatNamesNoRoleFails() {
        assertThatThrownBy(() -> TagValues.hasAnyRole(Optional.of(ADA), " , ")).isInstanceOf(JspException.class)
                .hasMessageContaining("hasRole");
        assertThatThrownBy(() -> TagValues.hasAnyRole(Optional.empty(), "")).isInstanceOf(JspException.class);
    }

    @Test
    void theEnginesSignedInContextYieldsTheUserAndSession() throws JspException {
        AuthContext auth = engine.signedIn(grace);
        assertThat(TagValues.userProperty(Optional.ofNullable(auth.getUser()), "email")).hasValue("grace@example.com");
        assertThat(TagValues.userProperty(Optional.ofNullable(auth.getUser()), "name")).hasValue("Grace");
        assertThat(TagValues.userProperty(Optional.ofNullable(auth.getUser()), "emailVerified")).hasValue("false");
        assertThat(TagValues.userProperty(Optional.ofNullable(auth.getUser()), "role")).isEmpty();
        assertThat(TagValues.sessionProperty(Optional.ofNullable(auth.getSession()), "id")).hasValue(grace.session().getId());
        assertThat(TagValues.sessionProperty(Optional.ofNullable(auth.getSession()), "expiresAt"))
                .hasValue(grace.session().getExpiresAt().toString());
        assertThat(TagValues.sessionProperty(Optional.ofNullable(auth.getSession()), "ipAddress")).isEmpty();
        assertThat(TagValues.hasAnyRole(Optional.ofNullable(auth.getUser()), "admin")).isFalse();
    }

    @Test
    void theEnginesSignedOutContextYieldsNothing() throws JspException {
        AuthContext auth = engine.signedOut();
        assertThat(TagValues.userProperty(Optional.ofNullable(auth.getUser()), "email")).isEmpty();
        assertThat(TagValues.sessionProperty(Optional.ofNullable(auth.getSession()), "expiresAt")).isEmpty();
    }
}
