package dev.sessionauth.api;

import static dev.sessionauth.api.Api.DATA_COOKIE;
import static dev.sessionauth.api.Api.DONT_REMEMBER_COOKIE;
import static dev.sessionauth.api.Api.SIGN_OUT;
import static dev.sessionauth.api.Api.TOKEN_COOKIE;
import static dev.sessionauth.api.Api.assertError;
import static dev.sessionauth.api.Api.assertNoStore;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.api.Api.Account;
import dev.sessionauth.api.Api.Signed;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /sign-out: deletes the row, expires every cookie, answers {success:true} whatever the state. */
class SignOutTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertSuccess(Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("success").isBoolean()).isTrue();
        assertThat(r.json().path("success").asBoolean()).isTrue();
        assertThat(Api.fieldNames(r.json())).containsExactly("success");
        assertNoStore(r);
    }

    private static void assertAllCookiesExpired(Reply r) {
        for (String name : new String[] {TOKEN_COOKIE, DATA_COOKIE, DONT_REMEMBER_COOKIE}) {
            assertThat(r.setCookie(name)).as(name).hasValueSatisfying(c -> assertThat(c)
                    .startsWith(name + "=;").contains("Max-Age=0").contains("Path=/"));
        }
    }

    @Test
    void signOutDeletesTheRowExpiresTheCookiesAndAnswersSuccess() {
        Account account = Api.signUp(server, "out");
        String cookie = account.cookie();
        String sessionId = account.browser().getSession().json().path("session").path("id").asText();

        Reply out = account.browser().post(SIGN_OUT, "{}");
        assertSuccess(out);
        assertAllCookiesExpired(out);

        assertThat(server.count("SELECT COUNT(*) FROM sa_session WHERE id = ?", sessionId)).isZero();
        assertThat(account.browser().cookie(TOKEN_COOKIE)).isEmpty();
        assertThat(account.browser().getSession().body()).isEqualTo("null");
        assertThat(Api.cookieWorks(server, cookie)).isFalse();
        assertThat(Api.isLive(server, account.token())).isFalse();
    }

    @Test
    void signOutIsIdempotent() {
        Account account = Api.signUp(server, "twice");
        assertSuccess(account.browser().post(SIGN_OUT, "{}"));
        Reply again = account.browser().post(SIGN_OUT, "{}");
        assertSuccess(again);
        assertAllCookiesExpired(again);
    }

    @Test
    void signOutWithoutAnySessionSucceeds() {
        Reply out = server.client().post(SIGN_OUT, "{}");
        assertSuccess(out);
        assertAllCookiesExpired(out);
        assertSuccess(server.client().withoutOrigin().request("POST", SIGN_OUT, null));
    }

    @Test
    void replayingASignedOutCookieStillSucceedsAndChangesNothing() {
        Account account = Api.signUp(server, "replay");
        String cookie = account.cookie();
        Signed other = Api.signIn(server, account);
        account.browser().post(SIGN_OUT, "{}");

        TestClient replay = server.client();
        replay.putCookie(TOKEN_COOKIE, cookie);
        assertSuccess(replay.post(SIGN_OUT, "{}"));
        assertThat(Api.isLive(server, other.token())).isTrue();
    }

    @Test
    void aForgedCookieSignsNothingOut() {
        Account account = Api.signUp(server, "forged");
        TestClient forger = server.client();
        forger.putCookie(TOKEN_COOKIE, account.token() + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertSuccess(forger.post(SIGN_OUT, "{}"));
        assertThat(Api.isLive(server, account.token())).isTrue();
    }

    @Test
    void aCookieWithoutItsSignatureIsTreatedAsForgedBySignOutToo() {
        // get-session refuses an unsigned cookie; sign-out must not honour it either (cookie = token.signature).
        Account account = Api.signUp(server, "unsigned");
        TestClient unsigned = server.client();
        unsigned.putCookie(TOKEN_COOKIE, account.token());
        assertThat(unsigned.getSession().body()).isEqualTo("null");
        unsigned.putCookie(TOKEN_COOKIE, account.token());
        assertSuccess(unsigned.post(SIGN_OUT, "{}"));
        assertThat(Api.isLive(server, account.token())).isTrue();
    }

    @Test
    void signOutEndsOnlyThisBrowsersSession() {
        Account account = Api.signUp(server, "onlythis");
        Signed laptop = Api.signIn(server, account);
        Account stranger = Api.signUp(server, "stranger");

        assertSuccess(account.browser().post(SIGN_OUT, "{}"));
        assertThat(Api.isLive(server, account.token())).isFalse();
        assertThat(Api.isLive(server, laptop.token())).isTrue();
        assertThat(Api.isLive(server, stranger.token())).isTrue();
        assertThat(Api.sessionRows(server, account.userId())).isEqualTo(1);
    }

    @Test
    void anEmptyBodyWithOrWithoutContentTypeIsAccepted() {
        Account a = Api.signUp(server, "empty1");
        assertSuccess(a.browser().post(SIGN_OUT, ""));
        assertThat(Api.isLive(server, a.token())).isFalse();

        Account b = Api.signUp(server, "empty2");
        assertSuccess(b.browser().request("POST", SIGN_OUT, null));
        assertThat(Api.isLive(server, b.token())).isFalse();

        Account c = Api.signUp(server, "empty3");
        assertSuccess(c.browser().request("POST", SIGN_OUT, "", "Content-Type", "application/json"));
        assertThat(Api.isLive(server, c.token())).isFalse();
    }

    @Test
    void aBearerClientSignsOutWithoutOrigin() {
        Account account = Api.signUp(server, "bearerout");
        Signed cli = Api.signIn(server, account);
        assertSuccess(Api.bearer(server, cli.token()).post(SIGN_OUT, "{}"));
        assertThat(Api.isLive(server, cli.token())).isFalse();
        assertThat(Api.isLive(server, account.token())).isTrue();
    }

    @Test
    void aCookieSignOutWithoutOriginIsRefusedAndTheSessionSurvives() {
        Account account = Api.signUp(server, "csrfout");
        Reply r = account.browser().withoutOrigin().post(SIGN_OUT, "{}");
        assertError(r, 403, "MISSING_OR_NULL_ORIGIN");
        assertThat(Api.isLive(server, account.token())).isTrue();
    }

    @Test
    void aCookieSignOutFromAnotherOriginIsRefusedAndTheSessionSurvives() {
        Account account = Api.signUp(server, "xsiteout");
        assertError(account.browser().post(SIGN_OUT, "{}", "Origin", "https://evil.example"), 403, "INVALID_ORIGIN");
        assertError(account.browser().post(SIGN_OUT, "{}", "Origin", "null"), 403, "MISSING_OR_NULL_ORIGIN");
        assertThat(Api.isLive(server, account.token())).isTrue();
    }

    @Test
    void aSameOriginRefererIsEnoughWhenOriginIsMissing() {
        Account account = Api.signUp(server, "referer");
        Reply r = account.browser().withoutOrigin().post(SIGN_OUT, "{}", "Referer", server.origin() + "/settings");
        assertSuccess(r);
        assertThat(Api.isLive(server, account.token())).isFalse();
    }

    @Test
    void unknownFieldsAreRefused() {
        Account account = Api.signUp(server, "fieldsout");
        assertError(account.browser().post(SIGN_OUT, "{\"everywhere\":true}"), 400, "INVALID_REQUEST_BODY");
        assertThat(Api.isLive(server, account.token())).isTrue();
    }

    @Test
    void getIsNotASignOut() {
        Account account = Api.signUp(server, "getout");
        Reply r = account.browser().get(SIGN_OUT);
        assertError(r, 405, "METHOD_NOT_ALLOWED");
        assertThat(r.header("Allow")).hasValue("POST");
        assertThat(Api.isLive(server, account.token())).isTrue();
    }
}
