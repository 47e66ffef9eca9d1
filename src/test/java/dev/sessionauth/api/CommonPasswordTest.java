package dev.sessionauth.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.crypto.CommonPasswords;
import dev.sessionauth.testing.ServerExtension;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sign-up refuses the passwords every guessing list starts with (400 PASSWORD_TOO_WEAK), ignoring case, and
 * nothing else: a passphrase of ordinary words passes, and {@code password.rejectCommon=false} lets them all in.
 */
class CommonPasswordTest {
    @RegisterExtension
    static final ServerExtension server = ServerExtension.start();

    private static String email() {
        return "common-" + UUID.randomUUID() + "@example.com";
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"password", "12345678", "PASSWORD", "Password1", "iloveyou", "qwertyuiop", "baseball"})
    void aCommonPasswordIsRefusedWhateverItsCase(String password) {
        String email = email();
        Reply r = server.client().signUp("Eve", email, password);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("PASSWORD_TOO_WEAK");
        assertThat(r.json().path("message").asText()).contains("common");
        assertThat(server.count("SELECT COUNT(*) FROM sa_user WHERE email = ?", email)).isZero();
    }

    @ParameterizedTest(name = "\"{0}\" passes")
    @ValueSource(strings = {"plum tractor lantern", "harbour violet engine", "x7#Lq9!vR2"})
    void aPassphraseOfOrdinaryWordsOrARandomPasswordPasses(String password) {
        assertThat(server.client().signUp("Ann", email(), password).status()).isEqualTo(200);
    }

    @Test
    void theListShippedInTheJarHoldsTenThousandPasswords() {
        assertThat(CommonPasswords.size()).isEqualTo(10_000);
        assertThat(CommonPasswords.contains("123456")).isTrue();
        assertThat(CommonPasswords.contains("plum tractor lantern")).isFalse();
    }

    @Test
    void theCheckCanBeSwitchedOff() {
        try (TestServer lax = TestServer.start("password.rejectCommon", "false")) {
            assertThat(lax.client().signUp("Eve", email(), "password").status()).isEqualTo(200);
        }
    }

    @Test
    void signInWithAnOldCommonPasswordStillWorks(@TempDir Path dir) {
        // Accounts made before the rule (or with it off) must not be locked out: the list applies to new passwords.
        String email = email();
        String jdbcUrl = "jdbc:h2:" + dir.resolve("accounts").toAbsolutePath();
        try (TestServer lax = TestServer.builder().jdbcUrl(jdbcUrl).set("password.rejectCommon", "false").start()) {
            assertThat(lax.client().signUp("Old", email, "password").status()).isEqualTo(200);
        }
        try (TestServer strict = TestServer.builder().jdbcUrl(jdbcUrl).start()) {
            assertThat(strict.client().signIn(email, "password").status()).isEqualTo(200);
        }
    }
}
