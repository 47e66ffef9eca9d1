package dev.sessionauth.store;

import dev.sessionauth.spi.Credentials;
import dev.sessionauth.spi.DuplicateEmailException;
import dev.sessionauth.spi.SessionStore;
import dev.sessionauth.spi.UserStore;
import dev.sessionauth.spi.VerificationStore;
import static dev.sessionauth.store.jdbc.StoreFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.User;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the account lifecycle needs of the stores, the same in memory, in H2 and in PostgreSQL: credentials by id, a
 * new password hash, a new address (unverified, never a taken one), deleting a user with everything of theirs, and
 * looking at a verification secret without using it up.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(StoreBackend.class)
class AccountLifecycleContractTest extends StoreContract {
    private UserStore users;
    private SessionStore sessions;

    @BeforeEach
    void annAndBob() {
        users = stores.users();
        sessions = stores.sessions();
        users.createWithSession(user("u-ann", "ann@example.com"), "$2b$10$annsHash",
                newSession(session("s-ann", "u-ann", T0)));
        users.createWithSession(user("u-bob", "bob@example.com"), "$2b$10$bobsHash",
                newSession(session("s-bob", "u-bob", T0)));
    }

    @Test
    void credentialsByIdAndANewPasswordHash() {
        assertThat(users.findCredentialsById("u-ann").map(Credentials::passwordHash)).contains("$2b$10$annsHash");
        assertThat(users.findCredentialsById("u-nobody")).isEmpty();

        assertThat(users.updatePassword("u-ann", "$2b$10$newHash", T0.plusSeconds(5))).isTrue();
        assertThat(users.findCredentials("ann@example.com").map(Credentials::passwordHash)).contains("$2b$10$newHash");
        assertThat(users.findCredentials("bob@example.com").map(Credentials::passwordHash)).contains("$2b$10$bobsHash");
        assertThat(users.updatePassword("u-nobody", "$2b$10$x", T0)).isFalse();
    }

    @Test
    void aNewAddressIsUnverifiedAndTheOldOneIsFree() {
        users.markEmailVerified("u-ann", "ann@example.com", T0);

        assertThat(users.changeEmail("u-ann", "ann@new.example", T0.plusSeconds(5))).hasValueSatisfying(u -> {
            assertThat(u.getEmail()).isEqualTo("ann@new.example");
            assertThat(u.isEmailVerified()).isFalse();
            assertThat(u.getUpdatedAt()).isEqualTo(T0.plusSeconds(5));
        });
        assertThat(users.findCredentials("ann@example.com")).isEmpty();
        assertThat(users.findCredentials("ann@new.example").map(c -> c.user().getId())).contains("u-ann");
        assertThat(users.changeEmail("u-nobody", "x@example.com", T0)).isEmpty();
    }

    @Test
    void aTakenAddressIsRefusedWithNothingWritten() {
        assertThatThrownBy(() -> users.changeEmail("u-ann", "bob@example.com", T0.plusSeconds(5)))
                .isInstanceOf(DuplicateEmailException.class);
        assertThat(users.findById("u-ann").map(User::getEmail)).contains("ann@example.com");
        assertThat(users.findById("u-bob").map(User::getEmail)).contains("bob@example.com");
    }

    @Test
    void deletingAUserTakesTheirCredentialAndSessionsAndNobodyElses() {
        assertThat(users.delete("u-ann")).isTrue();

        assertThat(users.findById("u-ann")).isEmpty();
        assertThat(users.findCredentialsById("u-ann")).isEmpty();
        assertThat(users.findCredentials("ann@example.com")).isEmpty();
        assertThat(sessions.findByTokenHash(tokenHashOf("s-ann"))).isEmpty();
        assertThat(sessions.findByTokenHash(tokenHashOf("s-bob"))).isPresent();
        assertThat(users.delete("u-ann")).isFalse();
        // The address is free again.
        users.create(user("u-ann2", "ann@example.com"), "$2b$10$again", java.util.Optional.empty());
    }

    @Test
    void findLooksAtALiveSecretWithoutUsingItUp() {
        VerificationStore secrets = stores.verifications();
        secrets.create("v1", "password-reset:u-ann", "hash-1", T0.plus(Duration.ofHours(1)), T0);

        assertThat(secrets.find("hash-1", T0.plusSeconds(1))).contains("password-reset:u-ann");
        assertThat(secrets.find("hash-1", T0.plusSeconds(2))).contains("password-reset:u-ann");
        assertThat(secrets.find("hash-1", T0.plus(Duration.ofHours(1)))).as("expired").isEmpty();
        assertThat(secrets.find("hash-2", T0)).isEmpty();
        assertThat(secrets.consume("hash-1", T0.plusSeconds(3))).contains("password-reset:u-ann");
        assertThat(secrets.find("hash-1", T0.plusSeconds(4))).as("used").isEmpty();
    }
}
