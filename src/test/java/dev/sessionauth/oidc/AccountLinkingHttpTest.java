package dev.sessionauth.oidc;

import static dev.sessionauth.oidc.SocialBrowser.location;
import static dev.sessionauth.oidc.SocialIdp.FORGE;
import static dev.sessionauth.oidc.SocialIdp.IDP;
import static dev.sessionauth.testing.Accounts.GET_SESSION;
import static dev.sessionauth.testing.Accounts.TOKEN_COOKIE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The account-linking rules over HTTP against mock-oauth2-server: a provider identity never becomes a way into an
 * account whose address the provider does not vouch for or whose owner never verified it (pre-account takeover),
 * {@code /link-social} links only the signed-in user's own, provider-verified address, and {@code /list-accounts} and
 * {@code /unlink-account} answer as Better Auth does without ever leaving a user with no way in.
 */
class AccountLinkingHttpTest {
    private static final String LINK = "/api/auth/link-social";
    private static final String LIST = "/api/auth/list-accounts";
    private static final String UNLINK = "/api/auth/unlink-account";

    private static SocialIdp idp;
    private static TestServer server;

    @BeforeAll
    static void start() {
        idp = SocialIdp.start();
        server = TestServer.start(idp.bothProviders("loginPage", "/login"));
        SocialTests.awaitProviders(server, IDP, FORGE);
    }

    @AfterAll
    static void stop() {
        server.close();
        idp.close();
    }

    private static String subject() {
        return "sub-" + UUID.randomUUID();
    }

    private SocialBrowser browser() {
        return new SocialBrowser(server.client(), idp);
    }

    private static long sessionsOf(String email) {
        return server.count("SELECT COUNT(*) FROM sa_session s JOIN sa_user u ON u.id = s.user_id WHERE u.email = ?",
                email);
    }

    private static long accountsOf(String subject) {
        return server.count("SELECT COUNT(*) FROM sa_account WHERE provider_id = ? AND account_id = ?", IDP, subject);
    }

    @Test
    void anAddressTheProviderDoesNotVouchForIsNotLinkedToTheAccountThatHasIt() {
        SignedInUser owner = Accounts.signUp(server, "owner");
        Accounts.markVerified(server, owner.email());
        String subject = subject();
        idp.nextUser(subject, owner.email(), false);
        long sessionsBefore = sessionsOf(owner.email());

        Reply back = browser().signIn(IDP, "callbackURL", "/dashboard");

        assertThat(location(back)).isEqualTo("/login?error=account_not_linked");
        assertThat(back.setCookie(TOKEN_COOKIE)).isEmpty();
        assertThat(accountsOf(subject)).isZero();
        assertThat(sessionsOf(owner.email())).isEqualTo(sessionsBefore);
        assertThat(server.count("SELECT COUNT(*) FROM sa_user WHERE email = ?", owner.email())).isEqualTo(1);
    }

    @Test
    void aPasswordAccountWhoseOwnerNeverVerifiedTheAddressIsNotTakenOverByTheRealOwnersSignIn() {
        // The attacker registered the victim's address with a password and waits; the victim signs in with Google.
        SignedInUser squatter = Accounts.signUp(server, "victim");
        String subject = subject();
        idp.nextUser(subject, squatter.email(), true);

        Reply back = browser().signIn(IDP, "callbackURL", "/dashboard");

        assertThat(location(back)).isEqualTo("/login?error=account_not_linked");
        assertThat(accountsOf(subject)).isZero();
        assertThat(server.count("SELECT COUNT(*) FROM sa_account WHERE user_id = ?", squatter.userId())).isEqualTo(1);
    }

    @Test
    void anAddressVerifiedOnBothSidesLinksTheIdentityToTheAccount() {
        SignedInUser owner = Accounts.signUp(server, "linked");
        Accounts.markVerified(server, owner.email());
        String subject = subject();
        idp.nextUser(subject, owner.email().toUpperCase(java.util.Locale.ROOT), true);
        SocialBrowser browser = browser();

        Reply back = browser.signIn(IDP, "callbackURL", "/dashboard", "newUserCallbackURL", "/welcome");

        assertThat(location(back)).isEqualTo("/dashboard");
        assertThat(browser.client().get(GET_SESSION).json().path("user").path("id").asText()).isEqualTo(owner.userId());
        assertThat(server.count("SELECT COUNT(*) FROM sa_account WHERE provider_id = ? AND account_id = ? AND user_id = ?",
                IDP, subject, owner.userId())).isEqualTo(1);

        // Linked, the identity signs in as that user whatever address it shows later.
        idp.nextUser(subject, "someone-else@example.com", false);
        SocialBrowser later = browser();
        assertThat(location(later.signIn(IDP, "callbackURL", "/dashboard"))).isEqualTo("/dashboard");
        assertThat(later.client().get(GET_SESSION).json().path("user").path("id").asText()).isEqualTo(owner.userId());
    }

    @Test
    void anUnverifiedProviderAddressNeverMarksTheUserVerifiedButAVouchedOneLaterDoes() {
        String subject = subject();
        String email = Accounts.uniqueEmail("unvouched");
        idp.nextUser(subject, email, false);
        SocialBrowser browser = browser();

        browser.signIn(IDP, "callbackURL", "/dashboard");

        assertThat(browser.client().get(GET_SESSION).json().path("user").path("emailVerified").asBoolean()).isFalse();
        idp.nextUser(subject, email, true);
        browser.signIn(IDP, "callbackURL", "/dashboard");
        assertThat(browser.client().get(GET_SESSION).json().path("user").path("emailVerified").asBoolean()).isTrue();
    }

    @Test
    void aSignedInUserLinksAnIdentityWithTheirOwnVerifiedAddressAndThenSignsInWithIt() {
        SignedInUser user = Accounts.signUp(server, "linker");
        SocialBrowser browser = new SocialBrowser(user.browser(), idp);
        String subject = subject();

        Reply start = user.browser().post(LINK, Accounts.json("provider", IDP, "callbackURL", "/account"));
        assertThat(start.status()).as(start.body()).isEqualTo(200);
        assertThat(start.json().path("redirect").asBoolean()).isTrue();
        idp.nextUser(subject, user.email(), true);
        Reply back = browser.callback(idp.authorize(SocialBrowser.url(start)));

        assertThat(location(back)).isEqualTo("/account");
        assertThat(back.setCookie(TOKEN_COOKIE)).isEmpty();
        JsonNode accounts = user.browser().get(LIST).json();
        assertThat(accounts).hasSize(2);
        assertThat(accounts.get(0).path("providerId").asText()).isEqualTo("credential");
        JsonNode linked = accounts.get(1);
        assertThat(linked.path("providerId").asText()).isEqualTo(IDP);
        assertThat(linked.path("accountId").asText()).isEqualTo(subject);
        assertThat(linked.path("userId").asText()).isEqualTo(user.userId());
        assertThat(linked.path("issuer").asText()).isEqualTo(idp.issuer(IDP));
        assertThat(linked.path("scopes").toString()).isEqualTo("[\"openid\",\"email\",\"profile\"]");
        assertThat(linked.path("createdAt").asText()).endsWith("Z");
        assertThat(fieldNames(linked)).containsExactlyInAnyOrder("id", "providerId", "accountId", "userId", "issuer",
                "scopes", "createdAt", "updatedAt");

        idp.nextUser(subject, user.email(), true);
        SocialBrowser elsewhere = browser();
        assertThat(location(elsewhere.signIn(IDP, "callbackURL", "/dashboard"))).isEqualTo("/dashboard");
        assertThat(elsewhere.client().get(GET_SESSION).json().path("user").path("id").asText())
                .isEqualTo(user.userId());
    }

    @Test
    void aLinkIsRefusedForAnotherAddressAnUnvouchedOneOrAnIdentityOfSomeoneElse() {
        SignedInUser user = Accounts.signUp(server, "careful");
        SocialBrowser browser = new SocialBrowser(user.browser(), idp);
        String othersSubject = subject();
        idp.nextUser(othersSubject, Accounts.uniqueEmail("other"), true);
        browser().signIn(IDP, "callbackURL", "/dashboard");

        List<String> refusals = new ArrayList<>();
        for (Map<String, Object> claims : List.of(
                SocialIdp.claims(Accounts.uniqueEmail("different"), true, "Different"),
                SocialIdp.claims(user.email(), false, "Unvouched"))) {
            idp.nextUser(subject(), claims);
            refusals.add(location(browser.callback(idp.authorize(SocialBrowser.url(user.browser().post(LINK,
                    Accounts.json("provider", IDP, "callbackURL", "/account", "errorCallbackURL", "/account/links")))))));
        }
        idp.nextUser(othersSubject, user.email(), true);
        refusals.add(location(browser.callback(idp.authorize(SocialBrowser.url(user.browser().post(LINK,
                Accounts.json("provider", IDP, "callbackURL", "/account", "errorCallbackURL", "/account/links")))))));

        assertThat(refusals).containsExactly("/account/links?error=email_does_not_match",
                "/account/links?error=unable_to_link_account",
                "/account/links?error=account_already_linked_to_different_user");
        assertThat(user.browser().get(LIST).json()).hasSize(1);
    }

    @Test
    void aLinkNeedsTheSameUserSignedInFromStartToFinish() {
        Reply anonymous = server.client().post(LINK, Accounts.json("provider", IDP));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().path("code").asText()).isEqualTo("UNAUTHORIZED");

        SignedInUser user = Accounts.signUp(server, "leaver");
        Reply start = user.browser().post(LINK, Accounts.json("provider", IDP, "callbackURL", "/account"));
        assertThat(user.browser().post(Accounts.SIGN_OUT, "{}").status()).isEqualTo(200);
        idp.nextUser(subject(), user.email(), true);
        Reply back = new SocialBrowser(user.browser(), idp).callback(idp.authorize(SocialBrowser.url(start)));

        assertThat(location(back)).isEqualTo("/login?error=unable_to_link_account");
        assertThat(server.count("SELECT COUNT(*) FROM sa_account WHERE user_id = ?", user.userId())).isEqualTo(1);
    }

    @Test
    void anAppLinksWithAnIdTokenAsBetterAuthAnswers() {
        SignedInUser user = Accounts.signUp(server, "native-link");
        String subject = subject();
        String token = idp.token("n", c -> c.subject(subject).claim("email", user.email()));

        Reply linked = user.browser().post(LINK, Accounts.json("provider", FORGE, "idToken",
                Map.of("token", token, "nonce", "n")));
        Reply again = user.browser().post(LINK, Accounts.json("provider", FORGE, "idToken", Map.of("token", token)));
        SignedInUser other = Accounts.signUp(server, "native-other");
        Reply taken = other.browser().post(LINK, Accounts.json("provider", FORGE, "idToken",
                Map.of("token", idp.token("n", c -> c.subject(subject).claim("email", other.email())))));
        Reply unvouched = other.browser().post(LINK, Accounts.json("provider", FORGE, "idToken",
                Map.of("token", idp.token("n", c -> c.subject(subject()).claim("email", other.email())
                        .claim("email_verified", false)))));
        Reply different = other.browser().post(LINK, Accounts.json("provider", FORGE, "idToken",
                Map.of("token", idp.token("n", c -> c.subject(subject())))));

        assertThat(linked.status()).as(linked.body()).isEqualTo(200);
        assertThat(linked.body()).isEqualTo("{\"url\":\"\",\"status\":true,\"redirect\":false}");
        assertThat(again.status()).isEqualTo(200);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().path("code").asText()).isEqualTo("SOCIAL_ACCOUNT_ALREADY_LINKED");
        assertThat(unvouched.status()).isEqualTo(401);
        assertThat(unvouched.json().path("code").asText()).isEqualTo("LINKING_NOT_ALLOWED");
        assertThat(different.status()).isEqualTo(401);
        assertThat(different.json().path("code").asText()).isEqualTo("LINKING_DIFFERENT_EMAILS_NOT_ALLOWED");
        assertThat(other.browser().get(LIST).json()).hasSize(1);
    }

    @Test
    void aNativeSignInIntoAnAccountItMayNotLinkIsAnOauthLinkError() {
        SignedInUser owner = Accounts.signUp(server, "native-owner");

        Reply in = server.client().post(SocialIdp.SIGN_IN, SocialBrowser.body(FORGE, "idToken",
                Map.of("token", idp.token("n", c -> c.subject(subject()).claim("email", owner.email())), "nonce", "n")));

        assertThat(in.status()).isEqualTo(401);
        assertThat(in.json().path("code").asText()).isEqualTo("OAUTH_LINK_ERROR");
        assertThat(in.json().path("message").asText()).isEqualTo("account not linked");
    }

    @Test
    void listAccountsNeedsASessionAndShowsNoProviderTokens() {
        assertThat(server.client().get(LIST).status()).isEqualTo(401);
        String email = Accounts.uniqueEmail("social-only");
        idp.nextUser(subject(), email, true);
        SocialBrowser browser = browser();
        browser.signIn(IDP, "callbackURL", "/dashboard");

        JsonNode accounts = browser.client().get(LIST).json();

        assertThat(accounts).hasSize(1);
        assertThat(accounts.get(0).path("providerId").asText()).isEqualTo(IDP);
        assertThat(accounts.toString()).doesNotContain("accessToken", "refreshToken", "idToken", "password");
    }

    @Test
    void unlinkingRemovesOneAccountButNeverTheLastWayIn() {
        String email = Accounts.uniqueEmail("unlinker");
        String first = subject();
        idp.nextUser(first, email, true);
        SocialBrowser browser = browser();
        browser.signIn(IDP, "callbackURL", "/dashboard");
        TestClient client = browser.client();
        String onlyId = client.get(LIST).json().get(0).path("id").asText();

        Reply last = client.post(UNLINK, Accounts.json("accountId", onlyId));
        Reply bogusLast = client.post(UNLINK, Accounts.json("accountId", "no-such-account"));

        assertThat(last.status()).isEqualTo(400);
        assertThat(last.json().path("code").asText()).isEqualTo("FAILED_TO_UNLINK_LAST_ACCOUNT");
        assertThat(last.json().path("message").asText()).isEqualTo("You can't unlink your last account");
        assertThat(bogusLast.json().path("code").asText()).isEqualTo("FAILED_TO_UNLINK_LAST_ACCOUNT");

        String token = idp.token("n", c -> c.subject(subject()).claim("email", email));
        assertThat(client.post(LINK, Accounts.json("provider", FORGE, "idToken", Map.of("token", token))).status())
                .isEqualTo(200);
        SignedInUser stranger = Accounts.signUp(server, "stranger");
        String strangersId = stranger.browser().get(LIST).json().get(0).path("id").asText();

        Reply unknown = client.post(UNLINK, Accounts.json("accountId", "no-such-account"));
        Reply notTheirs = client.post(UNLINK, Accounts.json("accountId", strangersId));
        Reply unlinked = client.post(UNLINK, Accounts.json("accountId", onlyId));

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("code").asText()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(notTheirs.json().path("code").asText()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(unlinked.status()).as(unlinked.body()).isEqualTo(200);
        assertThat(unlinked.body()).isEqualTo("{\"status\":true}");
        assertThat(client.get(LIST).json()).hasSize(1);
        assertThat(client.get(LIST).json().get(0).path("providerId").asText()).isEqualTo(FORGE);
        assertThat(accountsOf(first)).isZero();
    }

    @Test
    void unlinkingNeedsARecentSignIn() {
        // A server of its own: its clock moves a day, past the provider's tokens.
        MutableClock later = new MutableClock(Instant.now());
        try (TestServer app = TestServer.builder().clock(later).settings(idp.bothProviders()).start()) {
            SocialTests.awaitProviders(app, IDP);
            SignedInUser user = Accounts.signUp(app, "stale");
            idp.nextUser(subject(), user.email(), true);
            Reply start = user.browser().post(LINK, Accounts.json("provider", IDP));
            new SocialBrowser(user.browser(), idp).callback(idp.authorize(SocialBrowser.url(start)));
            String accountId = user.browser().get(LIST).json().get(1).path("id").asText();

            later.advance(Duration.ofDays(1).plusMinutes(1));
            Reply stale = user.browser().post(UNLINK, Accounts.json("accountId", accountId));

            assertThat(stale.status()).isEqualTo(403);
            assertThat(stale.json().path("code").asText()).isEqualTo("SESSION_NOT_FRESH");
            assertThat(user.browser().get(LIST).json()).hasSize(2);
        }
    }

    @Test
    void deletingAUserDeletesTheirProviderAccounts() {
        String subject = subject();
        idp.nextUser(subject, Accounts.uniqueEmail("leaving"), true);
        SocialBrowser browser = browser();
        browser.signIn(IDP, "callbackURL", "/dashboard");
        assertThat(accountsOf(subject)).isEqualTo(1);

        Reply deleted = browser.client().post("/api/auth/delete-user", "{}");

        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(accountsOf(subject)).isZero();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
