package dev.sessionauth.api;

import static dev.sessionauth.api.Api.DONT_REMEMBER_COOKIE;
import static dev.sessionauth.api.Api.assertError;
import static dev.sessionauth.api.Api.assertNoStore;
import static dev.sessionauth.testing.Accounts.DATA_COOKIE;
import static dev.sessionauth.testing.Accounts.SIGN_OUT;
import static dev.sessionauth.testing.Accounts.TOKEN_COOKIE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.api.Api.Signed;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.ServerExtension;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** POST /sign-out: deletes the row, expires every cookie, answers {success:true} whatever the state. */
class SignOutTest {
    @RegisterExtension
    static final ServerExtension server = ServerExtension.start();

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
        SignedInUser account = Accounts.signUp(server.get(), "out");
        String cookie = account.cookie();
        String sessionId = account.browser().getSession().json().path("session").path("id").asText();

        Reply out = account.browser().post(SIGN_OUT, "{}");
        assertSuccess(out);
        assertAllCookiesExpired(out);

        assertThat(server.count("SELECT COUNT(*) FROM sa_session WHERE id = ?", sessionId)).isZero();
        assertThat(account.browser().cookie(TOKEN_COOKIE)).isEmpty();
        assertThat(account.browser().getSession().body()).isEqualTo("null");
        assertThat(Api.cookieWorks(server.get(), cookie)).isFalse();
        assertThat(Api.isLive(server.get(), account.token())).isFalse();
    }

    @Test
    void signOutIsIdempotent() {
        SignedInUser account = Accounts.signUp(server.get(), "twice");
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
        SignedInUser account = Accounts.signUp(server.get(), "replay");
        String cookie = account.cookie();
        Signed other = Api.signIn(server.get(), account);
        account.browser().post(SIGN_OUT, "{}");

        TestClient replay = server.client();
        replay.putCookie(TOKEN_COOKIE, cookie);
        assertSuccess(replay.post(SIGN_OUT, "{}"));
        assertThat(Api.isLive(server.get(), other.token())).isTrue();
    }

    @Test
    void aForgedCookieSignsNothingOut() {
        SignedInUser account = Accounts.signUp(server.get(), "forged");
        TestClient forger = server.client();
        forger.putCookie(TOKEN_COOKIE, account.token() + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertSuccess(forger.post(SIGN_OUT, "{}"));
        assertThat(Api.isLive(server.get(), account.token())).isTrue();
    }

    @Test
    void aCookieWithoutItsSignatureIsTreatedAsForgedBySignOutToo() {
        // get-session refuses an unsigned cookie; sign-out must not honour it either (cookie = token.signature).
        SignedInUser account = Accounts.signUp(server.get(), "unsigned");
        TestClient unsigned = server.client();
        unsigned.putCookie(TOKEN_COOKIE, account.token());
        assertThat(unsigned.getSession().body()).isEqualTo("null");
        unsigned.putCookie(TOKEN_COOKIE, account.token());
        assertSuccess(unsigned.post(SIGN_OUT, "{}"));
        assertThat(Api.isLive(server.get(), account.token())).isTrue();
    }

    @Test
    void signOutEndsOnlyThisBrowsersSession() {
        SignedInUser account = Accounts.signUp(server.get(), "onlythis");
        Signed laptop = Api.signIn(server.get(), account);
        SignedInUser stranger = Accounts.signUp(server.get(), "stranger");

        assertSuccess(account.browser().post(SIGN_OUT, "{}"));
        assertThat(Api.isLive(server.get(), account.token())).isFalse();
        assertThat(Api.isLive(server.get(), laptop.token())).isTrue();
        assertThat(Api.isLive(server.get(), stranger.token())).isTrue();
        assertThat(Api.sessionRows(server.get(), account.userId())).isEqualTo(1);
    }

    @Test
    void anEmptyBodyWithOrWithoutContentTypeIsAccepted() {
        SignedInUser a = Accounts.signUp(server.get(), "empty1");
        assertSuccess(a.browser().post(SIGN_OUT, ""));
        assertThat(Api.isLive(server.get(), a.token())).isFalse();

        SignedInUser b = Accounts.signUp(server.get(), "empty2");
        assertSuccess(b.browser().request("POST", SIGN_OUT, null));
        assertThat(Api.isLive(server.get(), b.token())).isFalse();

        SignedInUser c = Accounts.signUp(server.get(), "empty3");
        assertSuccess(c.browser().request("POST", SIGN_OUT, "", "Content-Type", "application/json"));
        assertThat(Api.isLive(server.get(), c.token())).isFalse();
    }

    @Test
    void aBearerClientSignsOutWithoutOrigin() {
        SignedInUser account = Accounts.signUp(server.get(), "bearerout");
        Signed cli = Api.signIn(server.get(), account);
        assertSuccess(Api.bearer(server.get(), cli.token()).post(SIGN_OUT, "{}"));
        assertThat(Api.isLive(server.get(), cli.token())).isFalse();
        assertThat(Api.isLive(server.get(), account.token())).isTrue();
    }

    @Test
    void aCookieSignOutWithoutOriginIsRefusedAndTheSessionSurvives() {
        SignedInUser account = Accounts.signUp(server.get(), "csrfout");
        Reply r = account.browser().withoutOrigin().post(SIGN_OUT, "{}");
        assertError(r, 403, "MISSING_OR_NULL_ORIGIN");
        assertThat(Api.isLive(server.get(), account.token())).isTrue();
    }

    @Test
    void aCookieSignOutFromAnotherOriginIsRefusedAndTheSessionSurvives() {
        SignedInUser account = Accounts.signUp(server.get(), "xsiteout");
        assertError(account.browser().post(SIGN_OUT, "{}", "Origin", "https://evil.example"), 403, "INVALID_ORIGIN");
        assertError(account.browser().post(SIGN_OUT, "{}", "Origin", "null"), 403, "MISSING_OR_NULL_ORIGIN");
        assertThat(Api.isLive(server.get(), account.token())).isTrue();
    }

    @Test
    void aSameOriginRefererIsEnoughWhenOriginIsMissing() {
        SignedInUser account = Accounts.signUp(server.get(), "referer");
        Reply r = account.browser().withoutOrigin().post(SIGN_OUT, "{}", "Referer", server.origin() + "/settings");
        assertSuccess(r);
        assertThat(Api.isLive(server.get(), account.token())).isFalse();
    }

    @Test
    void unknownFieldsAreRefused() {
        SignedInUser account = Accounts.signUp(server.get(), "fieldsout");
        assertError(account.browser().post(SIGN_OUT, "{\"everywhere\":true}"), 400, "INVALID_REQUEST_BODY");
        assertThat(Api.isLive(server.get(), account.token())).isTrue();
    }

    @Test
    void getIsNotASignOut() {
        SignedInUser account = Accounts.signUp(server.get(), "getout");
        Reply r = account.browser().get(SIGN_OUT);
        assertError(r, 405, "METHOD_NOT_ALLOWED");
        assertThat(r.header("Allow")).hasValue("POST");
        assertThat(Api.isLive(server.get(), account.token())).isTrue();
    }
}
