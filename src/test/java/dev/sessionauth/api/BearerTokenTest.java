package dev.sessionauth.api;

import static dev.sessionauth.api.Api.assertError;
import static dev.sessionauth.testing.Accounts.GET_SESSION;
import static dev.sessionauth.testing.Accounts.LIST_SESSIONS;
import static dev.sessionauth.testing.Accounts.SIGN_OUT;
import static dev.sessionauth.testing.Accounts.TOKEN_COOKIE;
import static dev.sessionauth.testing.Accounts.UPDATE_USER;
import static dev.sessionauth.testing.Accounts.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.ServerExtension;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Non-browser clients: the token from the sign-in body sent back as {@code Authorization: Bearer}. */
class BearerTokenTest {
    @RegisterExtension
    static final ServerExtension server = ServerExtension.start();

    /** A client that signs in over JSON, without Origin and without keeping cookies' contents in play. */
    private static String signInAsCli(SignedInUser account) {
        Reply in = server.client().withoutOrigin().signIn(account.email(), account.password());
        assertThat(in.status()).as(in.body()).isEqualTo(200);
        return in.json().path("token").asText();
    }

    @Test
    void theRawTokenFromTheSignInBodyAuthenticates() {
        SignedInUser account = Accounts.signUp(server.get(), "raw");
        String token = signInAsCli(account);
        Reply r = Api.bearer(server.get(), token).getSession();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().path("user").path("id").asText()).isEqualTo(account.userId());
        assertThat(r.json().path("session").path("token").asText()).isNotEqualTo(token);
        assertThat(r.body()).doesNotContain(token);
    }

    @Test
    void theSignedCookieValueAuthenticatesAsBearerToo() {
        SignedInUser account = Accounts.signUp(server.get(), "signed");
        Reply r = Api.bearer(server.get(), account.cookie()).getSession();
        assertThat(r.json().path("user").path("id").asText()).isEqualTo(account.userId());
    }

    @Test
    void theSchemeNameIsCaseInsensitive() {
        SignedInUser account = Accounts.signUp(server.get(), "scheme");
        Reply r = server.client().withoutOrigin().header("Authorization", "bearer " + account.token()).getSession();
        assertThat(r.json().path("user").path("id").asText()).isEqualTo(account.userId());
    }

    @Test
    void aBearerClientUsesEveryEndpointWithoutOrigin() {
        SignedInUser account = Accounts.signUp(server.get(), "everyendpoint");
        String token = signInAsCli(account);
        // A fresh client per call: what a cookie-less client (curl, a mobile app) does.
        assertThat(Api.bearer(server.get(), token).get(LIST_SESSIONS).json()).hasSize(2);
        assertThat(Api.bearer(server.get(), token).post(UPDATE_USER, json("name", "Cli")).status()).isEqualTo(200);
        assertThat(Api.bearer(server.get(), token).post(Accounts.UPDATE_SESSION, "{}").status()).isEqualTo(200);
        assertThat(Api.bearer(server.get(), token).post(Api.REFRESH_SESSION, "{}").status()).isEqualTo(200);
        assertThat(Api.bearer(server.get(), token).post(Api.REVOKE_SESSION, json("token", "unknown")).status())
                .isEqualTo(200);
        assertThat(Api.bearer(server.get(), token).getSession().json().path("user").path("name").asText())
                .isEqualTo("Cli");

        Reply out = Api.bearer(server.get(), token).post(SIGN_OUT, "{}");
        assertThat(out.status()).as(out.body()).isEqualTo(200);
        assertThat(out.json().path("success").asBoolean()).isTrue();
        assertThat(Api.bearer(server.get(), token).getSession().body()).isEqualTo("null");
        assertError(Api.bearer(server.get(), token).get(LIST_SESSIONS), 401, "UNAUTHORIZED");
        assertThat(Api.isLive(server.get(), account.token())).isTrue();
    }

    @Test
    void aForgedSignedBearerIsInvalidToken() {
        SignedInUser account = Accounts.signUp(server.get(), "forged");
        TestClient forger = Api.bearer(server.get(), account.token() + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertThat(forger.getSession().body()).isEqualTo("null");
        assertError(forger.get(LIST_SESSIONS), 401, "INVALID_TOKEN");
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "not-a-token", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa+",
            "....", "a.b.c"})
    void malformedBearersAreInvalidToken(String value) {
        TestClient cli = Api.bearer(server.get(), value);
        assertThat(cli.getSession().body()).isEqualTo("null");
        assertError(cli.get(LIST_SESSIONS), 401, "INVALID_TOKEN");
    }

    @Test
    void aWellFormedButUnknownTokenIsUnauthorized() {
        TestClient cli = Api.bearer(server.get(), "A".repeat(43));
        assertThat(cli.getSession().body()).isEqualTo("null");
        assertError(cli.get(LIST_SESSIONS), 401, "UNAUTHORIZED");
    }

    @Test
    void aLeakedTokenHashIsNotACredential() throws SQLException {
        SignedInUser account = Accounts.signUp(server.get(), "leak");
        String tokenHash;
        try (Connection c = server.database(); var ps = c.prepareStatement(
                "SELECT token_hash FROM sa_session WHERE user_id = ?")) {
            ps.setString(1, account.userId());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                tokenHash = rs.getString(1);
            }
        }
        assertThat(tokenHash).isNotEqualTo(account.token());
        assertThat(Api.bearer(server.get(), tokenHash).getSession().body()).isEqualTo("null");
    }

    @Test
    void theDatabaseNeverHoldsTheRawToken() {
        SignedInUser account = Accounts.signUp(server.get(), "rawdb");
        String cliToken = signInAsCli(account);
        for (String token : new String[] {account.token(), cliToken}) {
            assertThat(server.count("SELECT COUNT(*) FROM sa_session WHERE token_hash = ?", token)).isZero();
            assertThat(Api.sessionTableValues(server.get())).noneMatch(v -> v.contains(token));
        }
        assertThat(server.count("SELECT COUNT(*) FROM sa_meta WHERE meta_value LIKE ?", "%" + cliToken + "%")).isZero();
    }

    @Test
    void aRevokedBearerStopsWorkingImmediately() {
        SignedInUser account = Accounts.signUp(server.get(), "revoked");
        String token = signInAsCli(account);
        assertThat(account.browser().post(Api.REVOKE_OTHER_SESSIONS, "{}").status()).isEqualTo(200);
        assertThat(Api.bearer(server.get(), token).getSession().body()).isEqualTo("null");
    }

    @Test
    void aBearerWithAHostileOriginIsStillJustABearer() {
        // No cookie means nothing ambient to abuse: the Origin check only guards cookie-bearing requests.
        SignedInUser account = Accounts.signUp(server.get(), "origin");
        String token = signInAsCli(account);
        Reply r = Api.bearer(server.get(), token).post(UPDATE_USER, json("name", "Cross"),
                "Origin", "https://other.example");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Test
    void aBearerPresentedWithoutCookiesGetsNoSessionCookieFromGetSession() {
        SignedInUser account = Accounts.signUp(server.get(), "nocookie");
        Reply r = Api.bearer(server.get(), account.token()).getSession();
        assertThat(r.setCookie(TOKEN_COOKIE)).isEmpty();
        assertThat(Api.bearer(server.get(), account.token()).get(GET_SESSION + "?disableRefresh=true").status())
                .isEqualTo(200);
    }
}
