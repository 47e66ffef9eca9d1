package dev.sessionauth.passkey;

import static dev.sessionauth.testing.Accounts.TOKEN_COOKIE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionauth.AuthException;
import dev.sessionauth.ErrorCode;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.SharedPostgres;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Passkeys as a user's ways in: a user without a password signs in with passkeys alone and keeps at least one (also
 * against two deletions at once, on H2 and PostgreSQL), a passkey goes with its deleted user, the app's Java API, and
 * two instances on one PostgreSQL database sharing the challenges.
 */
class PasskeyAccountsTest {
    private final List<TestServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(TestServer::close);
    }

    private TestServer start(TestServer.Builder builder) {
        TestServer server = builder.set("passkey.enabled", "true").set("passkey.rpId", "localhost").start();
        servers.add(server);
        return server;
    }

    private TestServer start() {
        return start(TestServer.builder());
    }

    /** Takes the user's password away, as for an account that never had one (made by an identity provider). */
    private static void withoutPassword(TestServer server, String userId) {
        assertThat(server.update("DELETE FROM sa_account WHERE user_id = ? AND provider_id = 'credential'", userId))
                .isEqualTo(1);
    }

    @Test
    void aUserWithoutAPasswordSignsInWithPasskeysAndCannotDeleteTheLastOne() {
        TestServer server = start();
        PasskeyBrowser laptop = new PasskeyBrowser(server);
        SignedInUser ada = laptop.signUp("ada");
        SoftAuthenticator phoneKey = new SoftAuthenticator();
        SoftAuthenticator securityKey = new SoftAuthenticator(SoftAuthenticator.Algorithm.EDDSA);
        laptop.register(phoneKey, "Phone");
        String securityKeyId = laptop.register(securityKey, "Security key").path("id").asText();
        withoutPassword(server, ada.userId());

        PasskeyBrowser newDevice = new PasskeyBrowser(server);
        Reply in = newDevice.signIn(phoneKey, 1);
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        assertThat(newDevice.client.signIn(ada.email(), Accounts.PASSWORD).code())
                .isEqualTo("INVALID_EMAIL_OR_PASSWORD");

        String phoneKeyId = newDevice.list().json().get(0).path("id").asText();
        assertThat(newDevice.delete(securityKeyId).status()).isEqualTo(200);
        Reply last = newDevice.delete(phoneKeyId);
        assertThat(last.status()).isEqualTo(400);
        assertThat(last.code()).isEqualTo("CANNOT_DELETE_LAST_WAY_IN");
        assertThat(newDevice.list().json()).hasSize(1);
        assertThat(new PasskeyBrowser(server).signIn(phoneKey, 2).status()).isEqualTo(200);
    }

    @Test
    void aUserWithAPasswordMayDeleteTheirOnlyPasskey() {
        TestServer server = start();
        PasskeyBrowser browser = new PasskeyBrowser(server);
        browser.signUp("ada");
        String id = browser.register(new SoftAuthenticator(), "Key").path("id").asText();

        assertThat(browser.delete(id).status()).isEqualTo(200);
    }

    @Test
    void twoDeletionsAtOnceOfAPasswordlessUsersLastTwoPasskeysLeaveOneOnH2() throws Exception {
        raceDeletions(start());
    }

    @Test
    void twoDeletionsAtOnceOfAPasswordlessUsersLastTwoPasskeysLeaveOneOnPostgres() throws Exception {
        SharedPostgres.Database db = SharedPostgres.newDatabase("passkey_race");
        raceDeletions(start(TestServer.builder().dataSource(db.dataSource(), db.jdbcUrl())));
    }

    private static void raceDeletions(TestServer server) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                PasskeyBrowser first = new PasskeyBrowser(server);
                SignedInUser user = first.signUp("race");
                String a = first.register(new SoftAuthenticator(), "A").path("id").asText();
                String b = first.register(new SoftAuthenticator(), "B").path("id").asText();
                PasskeyBrowser second = new PasskeyBrowser(server);
                assertThat(second.client.signIn(user.email(), Accounts.PASSWORD).status()).isEqualTo(200);
                withoutPassword(server, user.userId());

                List<Callable<Reply>> both = List.of(() -> first.delete(a), () -> second.delete(b));
                List<Integer> statuses = new ArrayList<>();
                for (Future<Reply> f : pool.invokeAll(both)) {
                    statuses.add(f.get().status());
                }

                assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(200, 400);
                assertThat(server.count("SELECT COUNT(*) FROM sa_passkey WHERE user_id = ?", user.userId()))
                        .isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDeletedUsersPasskeysGoWithThemAndSignInNobody() {
        TestServer server = start();
        PasskeyBrowser browser = new PasskeyBrowser(server);
        browser.signUp("ada");
        SoftAuthenticator key = new SoftAuthenticator();
        browser.register(key, "Key");

        Reply deleted = browser.client.post("/api/auth/delete-user", Accounts.json("password", Accounts.PASSWORD));
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);

        assertThat(server.count("SELECT COUNT(*) FROM sa_passkey")).isZero();
        Reply in = new PasskeyBrowser(server).signIn(key, 1);
        assertThat(in.status()).isEqualTo(401);
        assertThat(in.code()).isEqualTo("PASSKEY_NOT_FOUND");
    }

    @Test
    void theAppsJavaApiListsRenamesAndDeletesAUsersPasskeysByTheSameRules() {
        TestServer server = start();
        PasskeyBrowser browser = new PasskeyBrowser(server);
        SignedInUser ada = browser.signUp("ada");
        SignedInUser eve = new PasskeyBrowser(server).signUp("eve");
        String first = browser.register(new SoftAuthenticator(), "First").path("id").asText();
        String second = browser.register(new SoftAuthenticator(), "Second").path("id").asText();
        Passkeys passkeys = server.auth().feature(Passkeys.class).orElseThrow();

        assertThat(passkeys.relyingParty().id()).isEqualTo("localhost");
        assertThat(passkeys.list(ada.userId())).extracting(Passkey::id).containsExactly(first, second);
        assertThat(passkeys.rename(ada.userId(), first, " Laptop ")).hasValueSatisfying(p ->
                assertThat(p.name()).contains("Laptop"));
        assertThat(passkeys.rename(eve.userId(), first, "mine")).isEmpty();
        assertThatThrownBy(() -> passkeys.rename(ada.userId(), first, " "))
                .isInstanceOfSatisfying(AuthException.class, e ->
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST_BODY));
        assertThat(passkeys.delete(eve.userId(), first)).isFalse();
        assertThat(passkeys.delete(ada.userId(), first)).isTrue();
        withoutPassword(server, ada.userId());
        assertThatThrownBy(() -> passkeys.delete(ada.userId(), second))
                .isInstanceOfSatisfying(PasskeyException.class, e ->
                        assertThat(e.code()).isEqualTo(PasskeyErrorCode.CANNOT_DELETE_LAST_WAY_IN));
        assertThat(passkeys.list(ada.userId())).extracting(Passkey::name).containsExactly(java.util.Optional.of("Second"));
    }

    @Test
    void aCeremonyStartedOnOneInstanceFinishesOnAnotherOverPostgresAndStillOnlyOnce() {
        SharedPostgres.Database db = SharedPostgres.newDatabase("passkey_two");
        DataSource a = db.dataSource();
        DataSource b = db.dataSource();
        TestServer first = start(TestServer.builder().dataSource(a, db.jdbcUrl()));
        TestServer second = start(TestServer.builder().dataSource(b, db.jdbcUrl()));
        PasskeyBrowser onFirst = new PasskeyBrowser(first);
        SignedInUser ada = onFirst.signUp("ada");
        SoftAuthenticator key = new SoftAuthenticator();
        ObjectNode registration = onFirst.registrationResponse(key);

        PasskeyBrowser onSecond = new PasskeyBrowser(second);
        onSecond.client.putCookie(TOKEN_COOKIE, ada.cookie());
        onSecond.client.putCookie(PasskeyBrowser.CHALLENGE_COOKIE,
                onFirst.client.cookie(PasskeyBrowser.CHALLENGE_COOKIE).orElseThrow());
        Reply registered = onSecond.verifyRegistration(registration);
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);

        PasskeyBrowser phoneOnFirst = new PasskeyBrowser(first);
        ObjectNode assertion = key.signIn(phoneOnFirst.signIn(phoneOnFirst.signInOptions(), 1));
        PasskeyBrowser phoneOnSecond = new PasskeyBrowser(second);
        String challenge = phoneOnFirst.client.cookie(PasskeyBrowser.CHALLENGE_COOKIE).orElseThrow();
        phoneOnSecond.client.putCookie(PasskeyBrowser.CHALLENGE_COOKIE, challenge);
        Reply in = phoneOnSecond.verifySignIn(assertion);
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        JsonNode session = phoneOnSecond.client.get(Accounts.GET_SESSION).json();
        assertThat(session.path("user").path("id").asText()).isEqualTo(ada.userId());

        Reply replayedOnFirst = phoneOnFirst.verifySignIn(assertion);
        assertThat(replayedOnFirst.status()).isEqualTo(400);
        assertThat(replayedOnFirst.code()).isEqualTo("CHALLENGE_NOT_FOUND");
    }
}
