package dev.sessionauth.store;

import dev.sessionauth.spi.Rows;
import dev.sessionauth.spi.Credentials;
import dev.sessionauth.spi.DuplicateEmailException;
import dev.sessionauth.spi.NewSession;
import dev.sessionauth.spi.SessionStore;
import dev.sessionauth.spi.StoreUnavailableException;
import dev.sessionauth.spi.UserStore;
import static dev.sessionauth.store.jdbc.StoreFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.config.AdditionalField;
import dev.sessionauth.Session;
import dev.sessionauth.User;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@link UserStore} contract, the same in memory, in H2 and in PostgreSQL: sign-up all or nothing, duplicate
 * addresses, credentials, profile updates and declared fields read back as a column gives them.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreBackend.class)
class UserStoreContractTest extends StoreContract {

    private UserStore users;
    private SessionStore sessions;

    private final User ann = user("u-ann", "ann@example.com");
    private final Session annSession = session("s-ann", "u-ann", T0);

    private void signUpAnn() {
        users.createWithSession(ann, "$2b$10$annsHash", newSession(annSession));
    }

    @BeforeEach
    void usersAndSessions() {
        users = stores.users();
        sessions = stores.sessions();
    }

    /** Nothing of Bob was written: no user, no credential, no session. */
    private void assertNothingOfBob() {
        assertThat(users.findById("u-bob")).isEmpty();
        assertThat(users.findCredentials("bob@example.com")).isEmpty();
        assertThat(sessions.findByTokenHash(tokenHashOf("s-bob"))).isEmpty();
        assertThat(sessions.listLive("u-bob", T0)).isEmpty();
    }

    /** Ann, her credential and her session are as signUpAnn wrote them. */
    private void assertAnnIntact() {
        assertThat(users.findById("u-ann")).contains(ann);
        assertThat(users.findCredentials("ann@example.com").map(Credentials::passwordHash)).contains("$2b$10$annsHash");
        assertThat(sessions.findByTokenHash(tokenHashOf("s-ann")).map(found -> found.session())).contains(annSession);
    }

    @Test
    void createWithSessionWritesTheUserTheirCredentialAndTheirFirstSession() {
        signUpAnn();

        assertThat(users.findById("u-ann")).contains(ann);
        assertThat(users.findCredentials("ann@example.com").map(Credentials::passwordHash)).contains("$2b$10$annsHash");
        assertThat(sessions.findByTokenHash(tokenHashOf("s-ann"))).hasValueSatisfying(found -> {
            assertThat(found.session()).isEqualTo(annSession);
            assertThat(found.user()).isEqualTo(ann);
        });
    }

    @Test
    void aDuplicateEmailThrowsAndWritesNothing() {
        signUpAnn();
        User impostor = user("u-other", "ann@example.com");

        assertThatThrownBy(() -> users.createWithSession(impostor, "$2b$10$otherHash",
                newSession(session("s-other", "u-other", T0)))).isInstanceOf(DuplicateEmailException.class);

        assertThat(users.findById("u-other")).isEmpty();
        assertThat(sessions.findByTokenHash(tokenHashOf("s-other"))).isEmpty();
        assertAnnIntact();
    }

    @Test
    void aSessionWhoseTokenHashCollidesRollsBackTheUserToo() {
        signUpAnn();
        User bob = user("u-bob", "bob@example.com");
        NewSession colliding = new NewSession(session("s-bob", "u-bob", T0), tokenHashOf("s-ann"));

        // A store failure, not DuplicateEmailException: bob@example.com is free, "this e-mail is taken" would be false.
        assertThatThrownBy(() -> users.createWithSession(bob, "$2b$10$bobsHash", colliding))
                .isInstanceOf(StoreUnavailableException.class);

        assertNothingOfBob();
        assertAnnIntact();
    }

    @Test
    void aFirstSessionThatCannotBeWrittenRollsBackTheUserAndCredential() {
        User bob = user("u-bob", "bob@example.com");
        // the session names a user that does not exist: the third insert fails on the foreign key
        NewSession orphan = newSession(session("s-bob", "u-nobody", T0));

        assertThatThrownBy(() -> users.createWithSession(bob, "$2b$10$bobsHash", orphan))
                .isInstanceOf(StoreUnavailableException.class);

        assertNothingOfBob();
        assertThat(sessions.listLive("u-nobody", T0)).isEmpty();
    }

    @Test
    void aTakenUserIdIsRefusedAndTheFirstUserKept() {
        signUpAnn();
        User twin = user("u-ann", "twin@example.com");

        assertThatThrownBy(() -> users.createWithSession(twin, "$2b$10$twinsHash",
                newSession(session("s-twin", "u-ann", T0)))).isInstanceOf(StoreUnavailableException.class);

        assertThat(users.findCredentials("twin@example.com")).isEmpty();
        assertThat(sessions.findByTokenHash(tokenHashOf("s-twin"))).isEmpty();
        assertAnnIntact();
    }

    @Test
    void aUserCanBeCreatedWithoutAFirstSession() {
        users.create(ann, "$2b$10$annsHash", Optional.empty());

        assertThat(users.findById("u-ann")).contains(ann);
        assertThat(users.findCredentials("ann@example.com").map(Credentials::passwordHash)).contains("$2b$10$annsHash");
        assertThat(sessions.listLive("u-ann", T0)).isEmpty();
    }

    @Test
    void emailLookupIsExact() {
        signUpAnn();
        // Addresses are lower-cased before they reach the store; the store itself compares them as they are.
        assertThat(users.findCredentials("ANN@example.com")).isEmpty();
    }

    @Test
    void markEmailVerifiedSetsTheFlagAndUpdatedAtOnly() {
        signUpAnn();
        Instant later = T0.plus(Duration.ofHours(3));

        assertThat(users.markEmailVerified("u-ann", "someone@else.example", later))
                .as("only the address the account has now").isFalse();
        assertThat(users.findById("u-ann").orElseThrow().isEmailVerified()).isFalse();
        assertThat(users.markEmailVerified("u-ann", ann.getEmail(), later)).isTrue();
        assertThat(users.markEmailVerified("u-nobody", ann.getEmail(), later)).isFalse();

        User verified = users.findById("u-ann").orElseThrow();
        assertThat(verified).isEqualTo(new User("u-ann", ann.getName(), ann.getEmail(), true, Optional.ofNullable(ann.getImage()),
                T0, later, ann.getFields()));
        assertThat(sessions.findByTokenHash(tokenHashOf("s-ann")).orElseThrow().user()).isEqualTo(verified);
    }

    // ---- declared additional fields

    @Test
    void declaredUserFieldsRoundTripAsTheirColumnsReadBack() throws Exception {
        withDeclaredFields();
        Map<String, Object> given = new HashMap<>();
        given.put("role", "admin");
        given.put("age", 42);                                       // an int goes in, a Long comes out
        given.put("preferences", Map.of("theme", "dark", "sizes", List.of(1L, 2.5)));
        given.put("undeclared", "dropped");
        User full = new User("u-f", "F", "f@example.com", false, Optional.empty(), T0, T0, given);
        users.createWithSession(full, "h", newSession(session("s-f", "u-f", T0)));

        Map<String, Object> expected = Map.of("role", "admin", "age", 42L, "active", true,
                "preferences", Map.of("theme", "dark", "sizes", List.of(1, 2.5)));
        assertThat(users.findById("u-f").orElseThrow().getFields()).isEqualTo(expected);
        assertThat(users.findCredentials("f@example.com").orElseThrow().user().getFields()).isEqualTo(expected);
        assertThat(sessions.findByTokenHash(tokenHashOf("s-f")).orElseThrow().user().getFields()).isEqualTo(expected);
    }

    @Test
    void updateProfileSetsOnlyTheNamedDeclaredFields() throws Exception {
        withDeclaredFields();
        users.create(new User("u-f", "F", "f@example.com", false, Optional.empty(), T0, T0,
                Map.of("role", "admin", "age", 42, "active", false)), "h", Optional.empty());
        Map<String, Object> changes = new HashMap<>();
        changes.put("role", null);                                  // cleared: reads back as absent (no default)
        changes.put("active", null);                                // cleared: reads back as its default
        changes.put("age", 43.5);
        changes.put("undeclared", "ignored");
        Instant later = T0.plus(Duration.ofHours(1));

        Optional<User> updated = users.updateProfile("u-f", "F2", Optional.empty(), changes, later);

        Map<String, Object> expected = new HashMap<>();
        expected.put("age", 43.5);
        expected.put("active", true);
        expected.put("preferences", null);                          // a JSON column given no value holds JSON null
        assertThat(updated.orElseThrow().getFields()).isEqualTo(expected);
        assertThat(users.findById("u-f").orElseThrow().getFields()).isEqualTo(expected);
        assertThat(updated.orElseThrow().getUpdatedAt()).isEqualTo(later);
    }

    @Test
    void aFieldValueLongerThanItsColumnIsRefusedAndNothingWritten() throws Exception {
        withDeclaredFields();
        User longRole = new User("u-bob", "Bob", "bob@example.com", false, Optional.empty(), T0, T0,
                Map.of("role", "r".repeat(1025)));
        User longPreferences = new User("u-bob", "Bob", "bob@example.com", false, Optional.empty(), T0, T0,
                Map.of("preferences", Map.of("note", "n".repeat(8192))));

        assertThatThrownBy(() -> users.createWithSession(longRole, "h", newSession(session("s-bob", "u-bob", T0))))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> users.createWithSession(longPreferences, "h",
                newSession(session("s-bob", "u-bob", T0)))).isInstanceOf(StoreUnavailableException.class);
        assertNothingOfBob();

        users.create(user("u-bob", "bob@example.com"), "h", Optional.empty());
        assertThatThrownBy(() -> users.updateProfile("u-bob", "Bob", Optional.empty(),
                Map.of("role", "r".repeat(1025)), T0.plusSeconds(1))).isInstanceOf(StoreUnavailableException.class);
        assertThat(users.findById("u-bob").orElseThrow().getFields()).doesNotContainKey("role");
        assertThat(users.findById("u-bob").orElseThrow().getName()).isEqualTo("Name of u-bob");
    }

    /** Fresh stores with declared user fields. */
    private void withDeclaredFields() throws Exception {
        StoreBackend.Stores declared = open(List.of(
                new AdditionalField("role", AdditionalField.Type.STRING, false, Optional.empty(), false),
                new AdditionalField("age", AdditionalField.Type.NUMBER, false, Optional.empty(), true),
                new AdditionalField("active", AdditionalField.Type.BOOLEAN, false, Optional.of(true), true),
                new AdditionalField("preferences", AdditionalField.Type.JSON, false, Optional.empty(), true)),
                List.of());
        users = declared.users();
        sessions = declared.sessions();
    }

    @Test
    void findCredentialsFindsTheUserAndHashByEmail() {
        signUpAnn();
        users.createWithSession(user("u-bob", "bob@example.com"), "$2b$10$bobsHash", newSession(session("s-bob", "u-bob", T0)));

        assertThat(users.findCredentials("bob@example.com")).hasValueSatisfying(c -> {
            assertThat(c.user().getId()).isEqualTo("u-bob");
            assertThat(c.user().getEmail()).isEqualTo("bob@example.com");
            assertThat(c.passwordHash()).isEqualTo("$2b$10$bobsHash");
        });
        assertThat(users.findCredentials("ann@example.com").map(c -> c.user())).contains(ann);
    }

    @Test
    void findCredentialsOfAnUnknownEmailIsEmpty() {
        signUpAnn();
        assertThat(users.findCredentials("nobody@example.com")).isEmpty();
        assertThat(users.findCredentials("")).isEmpty();
    }

    @Test
    void credentialsNeverShowTheHashInToString() {
        signUpAnn();
        assertThat(users.findCredentials("ann@example.com").orElseThrow().toString()).doesNotContain("annsHash");
    }

    @Test
    void allUserColumnsSurviveTheRoundTrip() {
        User full = new User("u-full", "Full Name ÄÖ", "full@example.com", true,
                Optional.of("https://img.example.com/a.png"), T0, T0.plus(Duration.ofHours(1)), Map.of());
        users.createWithSession(full, "h", newSession(session("s-full", "u-full", T0)));

        assertThat(users.findById("u-full")).contains(full);
    }

    @Test
    void findByIdOfAnUnknownUserIsEmpty() {
        assertThat(users.findById("u-nobody")).isEmpty();
    }

    @Test
    void updateProfileChangesNameImageAndUpdatedAtOnly() {
        signUpAnn();
        Instant later = T0.plus(Duration.ofDays(2));

        Optional<User> updated = users.updateProfile("u-ann", "Ann B.", Optional.of("https://img.example.com/ann.png"), later);

        User expected = Rows.withProfile(ann, "Ann B.", Optional.of("https://img.example.com/ann.png"), later);
        assertThat(updated).contains(expected);
        assertThat(users.findById("u-ann")).contains(expected);
        assertThat(updated.orElseThrow().getEmail()).isEqualTo("ann@example.com");
        assertThat(updated.orElseThrow().getCreatedAt()).isEqualTo(T0);
    }

    @Test
    void updateProfileCanRemoveTheImage() {
        users.createWithSession(new User("u-img", "Img", "img@example.com", false, Optional.of("https://x.example/i.png"),
                T0, T0, Map.of()), "h", newSession(session("s-img", "u-img", T0)));

        assertThat(users.updateProfile("u-img", "Img", Optional.empty(), T0.plusSeconds(1)).orElseThrow().getImage()).isNull();
    }

    @Test
    void updateProfileOfAnUnknownUserIsEmptyAndChangesNothing() {
        signUpAnn();
        assertThat(users.updateProfile("u-nobody", "X", Optional.empty(), T0)).isEmpty();
        assertThat(users.findById("u-ann")).contains(ann);
    }
}
