package dev.sessionauth.hostile;

import static dev.sessionauth.testing.Accounts.GET_SESSION;
import static dev.sessionauth.testing.Accounts.LIST_SESSIONS;
import static dev.sessionauth.testing.Accounts.PASSWORD;
import static dev.sessionauth.testing.Accounts.SIGN_OUT;
import static dev.sessionauth.testing.Accounts.TOKEN_COOKIE;
import static dev.sessionauth.testing.Accounts.UPDATE_USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.ServerExtension;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The low findings of the second hostile-input round about which session a request speaks for: a request that
 * changes state while carrying two different live sessions (one tossed in by a sibling subdomain) is refused rather
 * than answered for whichever came first; sessions per user are bounded; an unknown field is named without listing
 * the ones that exist.
 */
class SessionAmbiguityTest {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.start("protected", "/app/**", "session.maxPerUser", "3");

    private static Reply withBoth(String method, String path, String body, SignedInUser a, SignedInUser b) {
        return withCookies(method, path, body, a.cookie(), b.cookie());
    }

    private static Reply withCookies(String method, String path, String body, String a, String b) {
        return TestClient.at(SERVER.get().origin()).request(method, path, body, "Content-Type", "application/json",
                "Cookie", TOKEN_COOKIE + "=" + a + "; " + TOKEN_COOKIE + "=" + b);
    }

    @Test
    void aChangeCarryingTwoDifferentLiveSessionsIsRefusedForBoth() {
        SignedInUser victim = Accounts.signUp(SERVER.get(), "victim");
        SignedInUser planted = Accounts.signUp(SERVER.get(), "planted");

        Reply api = withBoth("POST", UPDATE_USER, "{\"name\":\"Renamed\"}", planted, victim);
        assertThat(api.status()).as(api.body()).isEqualTo(403);
        assertThat(api.code()).isEqualTo("CONFLICTING_SESSIONS");
        Reply page = withBoth("POST", "/app/notes", "{}", victim, planted);
        assertThat(page.status()).as(page.body()).isEqualTo(403);
        assertThat(page.body()).contains("CONFLICTING_SESSIONS");

        assertThat(victim.browser().getSession().json().path("user").path("name").asText()).isNotEqualTo("Renamed");
        assertThat(planted.browser().getSession().json().path("user").path("name").asText()).isNotEqualTo("Renamed");
    }

    @Test
    void oneLiveSessionBesideADeadOneIsNoConflict() {
        SignedInUser ann = Accounts.signUp(SERVER.get(), "ann");
        SignedInUser gone = Accounts.signUp(SERVER.get(), "gone");
        String dead = gone.cookie();
        assertThat(gone.browser().post(SIGN_OUT, "{}").status()).isEqualTo(200);

        Reply r = withCookies("POST", UPDATE_USER, "{\"name\":\"Ann B\"}", ann.cookie(), dead);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Test
    void signingOutWithTwoSessionsEndsBoth() {
        SignedInUser a = Accounts.signUp(SERVER.get(), "first");
        SignedInUser b = Accounts.signUp(SERVER.get(), "second");

        assertThat(withBoth("POST", SIGN_OUT, "{}", a, b).status()).isEqualTo(200);

        assertThat(a.browser().get(GET_SESSION).body()).isEqualTo("null");
        assertThat(b.browser().get(GET_SESSION).body()).isEqualTo("null");
    }

    @Test
    void aNewSignInPastTheAllowanceEndsTheUsersOldestSession() {
        SignedInUser first = Accounts.signUp(SERVER.get(), "many");
        SignedInUser second = Accounts.signIn(SERVER.get(), first.email());
        SignedInUser third = Accounts.signIn(SERVER.get(), first.email());
        SignedInUser fourth = Accounts.signIn(SERVER.get(), first.email());

        assertThat(first.browser().get(GET_SESSION).body()).as("the oldest ended").isEqualTo("null");
        for (SignedInUser live : new SignedInUser[] {second, third, fourth}) {
            assertThat(live.browser().get(GET_SESSION).json().isNull()).isFalse();
        }
        assertThat(fourth.browser().get(LIST_SESSIONS).json().size()).isEqualTo(3);
    }

    @Test
    void anUnknownFieldIsNamedWithoutListingTheOnesThatExist() {
        SignedInUser ann = Accounts.signUp(SERVER.get(), "fields");
        Reply r = ann.browser().post(UPDATE_USER, "{\"isAdmin\":true}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("message").asText()).isEqualTo("Unknown field: isAdmin");
        assertThat(ann.browser().signIn(ann.email(), PASSWORD).status()).isEqualTo(200);
    }
}
