package dev.sessionauth.api;

import static dev.sessionauth.api.Api.REVOKE_OTHER_SESSIONS;
import static dev.sessionauth.api.Api.REVOKE_SESSION;
import static dev.sessionauth.api.Api.REVOKE_SESSIONS;
import static dev.sessionauth.api.Api.assertError;
import static dev.sessionauth.api.Api.assertNoStore;
import static dev.sessionauth.testing.Accounts.LIST_SESSIONS;
import static dev.sessionauth.testing.Accounts.TOKEN_COOKIE;
import static dev.sessionauth.testing.Accounts.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.api.Api.Signed;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.ServerExtension;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** POST /revoke-session, /revoke-other-sessions, /revoke-sessions: only ever the caller's own sessions. */
class RevokeTest {
    @RegisterExtension
    static final ServerExtension server = ServerExtension.start();

    private static void assertStatusTrue(Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(Api.fieldNames(r.json())).containsExactly("status");
        assertThat(r.json().path("status").isBoolean()).isTrue();
        assertThat(r.json().path("status").asBoolean()).isTrue();
        assertNoStore(r);
    }

    private static String currentSessionId(TestClient browser) {
        return browser.getSession().json().path("session").path("id").asText();
    }

    @Test
    void revokeSessionEndsTheSessionWithThatHandle() {
        SignedInUser account = Accounts.signUp(server.get(), "revoke");
        Signed phone = Api.signIn(server.get(), account);
        Signed laptop = Api.signIn(server.get(), account);
        String phoneHandle = currentSessionId(phone.browser());

        assertStatusTrue(account.browser().post(REVOKE_SESSION, json("token", phoneHandle)));

        assertThat(Api.isLive(server.get(), phone.token())).isFalse();
        assertThat(phone.browser().getSession().body()).isEqualTo("null");
        assertThat(Api.isLive(server.get(), laptop.token())).isTrue();
        assertThat(Api.isLive(server.get(), account.token())).isTrue();
        assertThat(server.count("SELECT COUNT(*) FROM sa_session WHERE id = ?", phoneHandle)).isZero();
        assertThat(account.browser().get(LIST_SESSIONS).json()).hasSize(2);
    }

    @Test
    void theHandleFromListSessionsIsWhatRevokes() {
        SignedInUser account = Accounts.signUp(server.get(), "fromlist");
        Signed other = Api.signIn(server.get(), account);
        String mine = currentSessionId(account.browser());
        String handle = null;
        for (var s : account.browser().get(LIST_SESSIONS).json()) {
            if (!s.path("token").asText().equals(mine)) {
                handle = s.path("token").asText();
            }
        }
        assertThat(handle).isNotNull();
        assertStatusTrue(account.browser().post(REVOKE_SESSION, json("token", handle)));
        assertThat(Api.isLive(server.get(), other.token())).isFalse();
    }

    @Test
    void revokingTheCurrentSessionSignsThisBrowserOut() {
        SignedInUser account = Accounts.signUp(server.get(), "self");
        Reply r = account.browser().post(REVOKE_SESSION, json("token", currentSessionId(account.browser())));
        assertStatusTrue(r);
        assertThat(r.setCookie(TOKEN_COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
        assertThat(account.browser().getSession().body()).isEqualTo("null");
        assertThat(Api.sessionRows(server.get(), account.userId())).isZero();
    }

    @Test
    void anotherUsersHandleAnswersTheSameButRevokesNothing() {
        SignedInUser attacker = Accounts.signUp(server.get(), "attacker");
        SignedInUser victim = Accounts.signUp(server.get(), "victim");
        String victimHandle = currentSessionId(victim.browser());

        assertStatusTrue(attacker.browser().post(REVOKE_SESSION, json("token", victimHandle)));
        assertThat(Api.isLive(server.get(), victim.token())).isTrue();
        assertThat(Api.isLive(server.get(), attacker.token())).isTrue();
        assertThat(Api.sessionRows(server.get(), victim.userId())).isEqualTo(1);
    }

    @Test
    void anUnknownHandleAnswersTheSameButRevokesNothing() {
        SignedInUser account = Accounts.signUp(server.get(), "unknown");
        Signed other = Api.signIn(server.get(), account);
        assertStatusTrue(account.browser().post(REVOKE_SESSION, json("token", "no-such-session-handle")));
        assertStatusTrue(account.browser().post(REVOKE_SESSION, json("token", "")));
        assertThat(Api.sessionRows(server.get(), account.userId())).isEqualTo(2);
        assertThat(Api.isLive(server.get(), other.token())).isTrue();
    }

    @Test
    void aBearerTokenIsNotAHandle() {
        SignedInUser account = Accounts.signUp(server.get(), "notahandle");
        Signed other = Api.signIn(server.get(), account);
        assertStatusTrue(account.browser().post(REVOKE_SESSION, json("token", other.token())));
        assertThat(Api.isLive(server.get(), other.token())).isTrue();
    }

    @Test
    void revokeSessionNeedsATokenString() {
        SignedInUser account = Accounts.signUp(server.get(), "needtoken");
        assertError(account.browser().post(REVOKE_SESSION, "{}"), 400, "INVALID_REQUEST_BODY");
        assertError(account.browser().post(REVOKE_SESSION, "{\"token\":null}"), 400, "INVALID_REQUEST_BODY");
        assertError(account.browser().post(REVOKE_SESSION, "{\"token\":42}"), 400, "INVALID_REQUEST_BODY");
        assertError(account.browser().post(REVOKE_SESSION, "{\"token\":[\"a\"]}"), 400, "INVALID_REQUEST_BODY");
        assertError(account.browser().post(REVOKE_SESSION, json("token", "x", "userId", account.userId())), 400,
                "INVALID_REQUEST_BODY");
        assertThat(Api.isLive(server.get(), account.token())).isTrue();
    }

    @Test
    void revokeEndpointsNeedASession() {
        SignedInUser victim = Accounts.signUp(server.get(), "anon");
        String handle = currentSessionId(victim.browser());
        assertError(server.client().post(REVOKE_SESSION, json("token", handle)), 401, "UNAUTHORIZED");
        assertError(server.client().post(REVOKE_OTHER_SESSIONS, "{}"), 401, "UNAUTHORIZED");
        assertError(server.client().post(REVOKE_SESSIONS, "{}"), 401, "UNAUTHORIZED");
        assertThat(Api.isLive(server.get(), victim.token())).isTrue();
    }

    @Test
    void revokeOtherSessionsKeepsOnlyTheCurrentOne() {
        SignedInUser account = Accounts.signUp(server.get(), "others");
        Signed a = Api.signIn(server.get(), account);
        Signed b = Api.signIn(server.get(), account);
        SignedInUser stranger = Accounts.signUp(server.get(), "stranger1");

        assertStatusTrue(account.browser().post(REVOKE_OTHER_SESSIONS, "{}"));

        assertThat(Api.isLive(server.get(), account.token())).isTrue();
        assertThat(Api.isLive(server.get(), a.token())).isFalse();
        assertThat(Api.isLive(server.get(), b.token())).isFalse();
        assertThat(Api.isLive(server.get(), stranger.token())).isTrue();
        assertThat(Api.sessionRows(server.get(), account.userId())).isEqualTo(1);
        assertThat(account.browser().get(LIST_SESSIONS).json()).hasSize(1);
    }

    @Test
    void revokeOtherSessionsWithOnlyOneSessionIsFine() {
        SignedInUser account = Accounts.signUp(server.get(), "alone");
        assertStatusTrue(account.browser().request("POST", REVOKE_OTHER_SESSIONS, null));
        assertThat(Api.isLive(server.get(), account.token())).isTrue();
    }

    @Test
    void revokeSessionsEndsEverySessionOfThatUserOnly() {
        SignedInUser account = Accounts.signUp(server.get(), "everywhere");
        Signed a = Api.signIn(server.get(), account);
        Signed b = Api.signIn(server.get(), account);
        SignedInUser stranger = Accounts.signUp(server.get(), "stranger2");
        Signed strangerLaptop = Api.signIn(server.get(), stranger);

        Reply r = account.browser().post(REVOKE_SESSIONS, "{}");
        assertStatusTrue(r);
        assertThat(r.setCookie(TOKEN_COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));

        assertThat(Api.sessionRows(server.get(), account.userId())).isZero();
        assertThat(Api.isLive(server.get(), account.token())).isFalse();
        assertThat(Api.isLive(server.get(), a.token())).isFalse();
        assertThat(Api.isLive(server.get(), b.token())).isFalse();
        assertThat(account.browser().getSession().body()).isEqualTo("null");
        assertThat(Api.isLive(server.get(), stranger.token())).isTrue();
        assertThat(Api.isLive(server.get(), strangerLaptop.token())).isTrue();
        assertThat(Api.sessionRows(server.get(), stranger.userId())).isEqualTo(2);

        // The user can sign in again afterwards.
        assertThat(Api.signIn(server.get(), account).token()).matches(Api.RAW_TOKEN);
    }

    @Test
    void revokeEndpointsRefuseUnknownFields() {
        SignedInUser account = Accounts.signUp(server.get(), "revfields");
        Signed other = Api.signIn(server.get(), account);
        assertError(account.browser().post(REVOKE_OTHER_SESSIONS, "{\"keep\":\"x\"}"), 400, "INVALID_REQUEST_BODY");
        assertError(account.browser().post(REVOKE_SESSIONS, "{\"userId\":\"x\"}"), 400, "INVALID_REQUEST_BODY");
        assertThat(Api.isLive(server.get(), other.token())).isTrue();
        assertThat(Api.isLive(server.get(), account.token())).isTrue();
    }

    @Test
    void revokeWithACookieNeedsATrustedOrigin() {
        SignedInUser account = Accounts.signUp(server.get(), "revcsrf");
        Signed other = Api.signIn(server.get(), account);
        assertError(account.browser().post(REVOKE_SESSIONS, "{}", "Origin", "https://evil.example"), 403,
                "INVALID_ORIGIN");
        assertError(account.browser().withoutOrigin().post(REVOKE_OTHER_SESSIONS, "{}"), 403,
                "MISSING_OR_NULL_ORIGIN");
        assertThat(Api.isLive(server.get(), other.token())).isTrue();
        assertThat(Api.isLive(server.get(), account.token())).isTrue();
    }

    @Test
    void aBearerClientRevokesWithoutOrigin() {
        SignedInUser account = Accounts.signUp(server.get(), "revbearer");
        Signed cli = Api.signIn(server.get(), account);
        assertStatusTrue(Api.bearer(server.get(), cli.token()).post(REVOKE_OTHER_SESSIONS, "{}"));
        assertThat(Api.isLive(server.get(), cli.token())).isTrue();
        assertThat(Api.isLive(server.get(), account.token())).isFalse();
    }
}
