package dev.sessionauth.store.jdbc;

import static dev.sessionauth.store.jdbc.StoreFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.Session;
import dev.sessionauth.User;
import dev.sessionauth.store.Credentials;
import dev.sessionauth.store.DuplicateEmailException;
import dev.sessionauth.store.NewSession;
import dev.sessionauth.store.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class JdbcUserStoreTest {

    private final JdbcDataSource ds = migratedDatabase();
    private final JdbcUserStore users = new JdbcUserStore(ds);
    private final JdbcSessionStore sessions = new JdbcSessionStore(ds);

    private final User ann = user("u-ann", "ann@example.com");
    private final Session annSession = session("s-ann", "u-ann", T0);

    private void signUpAnn() {
        users.createWithSession(ann, "$2b$10$annsHash", newSession(annSession));
    }

    private void assertRows(int users, int accounts, int sessions) {
        assertThat(count(ds, "sa_user")).as("sa_user rows").isEqualTo(users);
        assertThat(count(ds, "sa_account")).as("sa_account rows").isEqualTo(accounts);
        assertThat(count(ds, "sa_session")).as("sa_session rows").isEqualTo(sessions);
    }

    @Test
    void createWithSessionWritesTheUserTheirCredentialAndTheirFirstSession() {
        signUpAnn();

        assertRows(1, 1, 1);
        assertThat(users.findById("u-ann")).contains(ann);
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

        assertRows(1, 1, 1);
        assertThat(users.findById("u-other")).isEmpty();
        assertThat(sessions.findByTokenHash(tokenHashOf("s-other"))).isEmpty();
        assertThat(users.findCredentials("ann@example.com").map(Credentials::passwordHash)).contains("$2b$10$annsHash");
    }

    @Test
    void aSessionWhoseTokenHashCollidesRollsBackTheUserToo() {
        signUpAnn();
        User bob = user("u-bob", "bob@example.com");
        NewSession colliding = new NewSession(session("s-bob", "u-bob", T0), tokenHashOf("s-ann"));

        assertThatThrownBy(() -> users.createWithSession(bob, "$2b$10$bobsHash", colliding))
                .isInstanceOf(RuntimeException.class);

        assertRows(1, 1, 1);
        assertThat(users.findById("u-bob")).isEmpty();
        assertThat(users.findCredentials("bob@example.com")).isEmpty();
    }

    @Test
    void aTokenHashCollisionIsNotReportedAsADuplicateEmail() {
        signUpAnn();
        User bob = user("u-bob", "bob@example.com");
        NewSession colliding = new NewSession(session("s-bob", "u-bob", T0), tokenHashOf("s-ann"));

        // bob@example.com is free: telling the caller "this e-mail is taken" would be false
        assertThatThrownBy(() -> users.createWithSession(bob, "$2b$10$bobsHash", colliding))
                .isNotInstanceOf(DuplicateEmailException.class);
    }

    @Test
    void aFirstSessionThatCannotBeWrittenRollsBackTheUserAndCredential() {
        User bob = user("u-bob", "bob@example.com");
        // the session names a user that does not exist: the third insert fails on the foreign key
        NewSession orphan = newSession(session("s-bob", "u-nobody", T0));

        assertThatThrownBy(() -> users.createWithSession(bob, "$2b$10$bobsHash", orphan))
                .isInstanceOf(StoreUnavailableException.class);

        assertRows(0, 0, 0);
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

        User expected = ann.withProfile("Ann B.", Optional.of("https://img.example.com/ann.png"), later);
        assertThat(updated).contains(expected);
        assertThat(users.findById("u-ann")).contains(expected);
        assertThat(updated.orElseThrow().getEmail()).isEqualTo("ann@example.com");
        assertThat(updated.orElseThrow().getCreatedAt()).isEqualTo(T0);
    }

    @Test
    void updateProfileCanRemoveTheImage() {
        users.createWithSession(new User("u-img", "Img", "img@example.com", false, Optional.of("https://x.example/i.png"),
                T0, T0, Map.of()), "h", newSession(session("s-img", "u-img", T0)));

        assertThat(users.updateProfile("u-img", "Img", Optional.empty(), T0.plusSeconds(1)).orElseThrow().image()).isEmpty();
    }

    @Test
    void updateProfileOfAnUnknownUserIsEmptyAndChangesNothing() {
        signUpAnn();
        assertThat(users.updateProfile("u-nobody", "X", Optional.empty(), T0)).isEmpty();
        assertThat(users.findById("u-ann")).contains(ann);
    }
}
