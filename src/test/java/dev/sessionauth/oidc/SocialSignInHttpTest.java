package dev.sessionauth.oidc;

import static dev.sessionauth.oidc.SocialBrowser.STATE_COOKIE;
import static dev.sessionauth.oidc.SocialBrowser.location;
import static dev.sessionauth.oidc.SocialIdp.IDP;
import static dev.sessionauth.testing.Accounts.GET_SESSION;
import static dev.sessionauth.testing.Accounts.TOKEN_COOKIE;
import static dev.sessionauth.testing.Accounts.form;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.MutableClock;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Social sign-in over HTTP against mock-oauth2-server, a real OpenID provider (discovery, authorization, code
 * exchange with PKCE, signed ID tokens): Better Auth's start answer, the first and the second sign-in, and every way a
 * callback that is not this browser's own, fresh, unused sign-in is refused with a redirect and no session.
 */
class SocialSignInHttpTest {
    private static SocialIdp idp;
    private static MutableClock clock;
    private static TestServer server;

    @BeforeAll
    static void start() {
        idp = SocialIdp.start();
        // Now, not the kit's fixed instant: the provider signs its tokens by the real time.
        clock = new MutableClock(java.time.Instant.now());
        server = TestServer.builder().clock(clock).settings(idp.bothProviders("loginPage", "/login")).start();
        SocialTests.awaitProviders(server, IDP, SocialIdp.FORGE);
    }

    @AfterAll
    static void stop() {
        server.close();
        idp.close();
    }

    @BeforeEach
    void forgetProviderRequests() {
        idp.tokenRequests();
    }

    private SocialBrowser browser() {
        return new SocialBrowser(server.client(), idp);
    }

    private static String subject() {
        return "sub-" + UUID.randomUUID();
    }

    @Test
    void theFirstSignInMakesTheUserAndTheSecondFindsThem() {
        String subject = subject();
        String email = Accounts.uniqueEmail("first");
        idp.nextUser(subject, email, true);
        SocialBrowser first = browser();

        Reply back = first.signIn(IDP, "callbackURL", "/dashboard", "newUserCallbackURL", "/welcome");

        assertThat(location(back)).isEqualTo("/welcome");
        assertThat(back.setCookie(TOKEN_COOKIE)).isPresent();
        assertThat(back.setCookie(STATE_COOKIE)).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
        JsonNode user = first.client().get(GET_SESSION).json().path("user");
        assertThat(user.path("email").asText()).isEqualTo(email);
        assertThat(user.path("emailVerified").asBoolean()).isTrue();
        assertThat(user.path("name").asText()).isEqualTo("Person " + subject);
        assertThat(user.path("image").asText()).startsWith("https://pictures.example/");
        assertThat(server.count("SELECT COUNT(*) FROM sa_account WHERE provider_id = ? AND account_id = ? AND issuer = ?"
                + " AND user_id = ? AND password_hash IS NULL", IDP, subject, idp.issuer(IDP), user.path("id").asText()))
                .isEqualTo(1);

        idp.nextUser(subject, email, true);
        SocialBrowser second = browser();
        Reply again = second.signIn(IDP, "callbackURL", "/dashboard", "newUserCallbackURL", "/welcome");

        assertThat(location(again)).isEqualTo("/dashboard");
        assertThat(second.client().get(GET_SESSION).json().path("user").path("id").asText())
                .isEqualTo(user.path("id").asText());
        assertThat(server.count("SELECT COUNT(*) FROM sa_user WHERE email = ?", email)).isEqualTo(1);
        assertThat(server.count("SELECT COUNT(*) FROM sa_session WHERE user_id = ?", user.path("id").asText()))
                .isEqualTo(2);
    }

    @Test
    void theStartAnswersAsBetterAuthDoesWithACodeFlowWithPkceStateAndNonce() {
        SocialBrowser browser = browser();

        Reply start = browser.start(IDP, "callbackURL", "/dashboard");

        assertThat(start.body()).startsWith("{\"url\":");
        assertThat(start.json().path("redirect").asBoolean()).isTrue();
        URI url = SocialBrowser.url(start);
        assertThat(start.header("Location")).contains(url.toString());
        assertThat(url.toString()).startsWith(idp.issuer(IDP) + "/authorize?");
        Map<String, List<String>> query = MockIdp.query(url);
        assertThat(query.get("response_type")).containsExactly("code");
        assertThat(query.get("client_id")).containsExactly(SocialIdp.CLIENT_ID);
        assertThat(query.get("redirect_uri")).containsExactly(server.origin() + "/api/auth/callback/" + IDP);
        assertThat(query.get("scope")).containsExactly("openid email profile");
        assertThat(query.get("code_challenge_method")).containsExactly("S256");
        assertThat(query.get("code_challenge").get(0)).hasSize(43);
        assertThat(query.get("state").get(0)).hasSize(43);
        assertThat(query.get("nonce").get(0)).hasSize(43);
        assertThat(start.setCookie(STATE_COOKIE)).hasValueSatisfying(c -> assertThat(c)
                .contains("HttpOnly").contains("SameSite=Lax").contains("Max-Age=600").doesNotContain(
                        query.get("state").get(0)));

        Reply quiet = browser.start(IDP, "disableRedirect", true, "loginHint", "ada@example.com",
                "scopes", List.of("offline_access"), "additionalParams", Map.of("prompt", "login", "hd", "x.example"));
        assertThat(quiet.json().path("redirect").asBoolean()).isFalse();
        assertThat(quiet.header("Location")).isEmpty();
        Map<String, List<String>> asked = MockIdp.query(SocialBrowser.url(quiet));
        assertThat(asked.get("login_hint")).containsExactly("ada@example.com");
        assertThat(asked.get("scope")).containsExactly("openid email profile offline_access");
        assertThat(asked.get("prompt")).containsExactly("login");
        assertThat(asked.get("hd")).containsExactly("x.example");
    }

    @Test
    void aStartThatCannotBeMadeIsRefusedInBetterAuthsWords() {
        TestClient client = server.client();

        Reply unknown = client.post(SocialIdp.SIGN_IN, SocialBrowser.body("nowhere"));
        Reply foreignCallback = client.post(SocialIdp.SIGN_IN, SocialBrowser.body(IDP, "callbackURL",
                "https://evil.example/steal"));
        Reply reserved = client.post(SocialIdp.SIGN_IN, SocialBrowser.body(IDP, "additionalParams",
                Map.of("redirect_uri", "https://evil.example/")));
        Reply typo = client.post(SocialIdp.SIGN_IN, SocialBrowser.body(IDP, "callbackUrl", "/x"));

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("code").asText()).isEqualTo("PROVIDER_NOT_FOUND");
        assertThat(unknown.json().path("message").asText()).isEqualTo("Provider not found");
        assertThat(foreignCallback.status()).isEqualTo(403);
        assertThat(reserved.status()).isEqualTo(400);
        assertThat(typo.status()).isEqualTo(400);
        assertThat(client.cookie(STATE_COOKIE)).isEmpty();
    }

    @Test
    void aPlainHtmlFormGoesToTheProviderAndComesBackSignedIn() {
        idp.nextUser(subject(), Accounts.uniqueEmail("form"), true);
        TestClient client = server.client();

        Reply posted = client.postForm(SocialIdp.SIGN_IN, form("provider", IDP, "callbackURL", "/dashboard"));

        assertThat(location(posted)).startsWith(idp.issuer(IDP) + "/authorize?");
        Reply back = new SocialBrowser(client, idp).callback(idp.authorize(URI.create(location(posted))));
        assertThat(location(back)).isEqualTo("/dashboard");
        assertThat(client.get(GET_SESSION).json().path("user").isObject()).isTrue();
    }

    @Test
    void aTamperedStateIsRefusedAndLeavesTheBrowsersOwnSignInPending() {
        idp.nextUser(subject(), Accounts.uniqueEmail("tamper"), true);
        SocialBrowser browser = browser();
        URI callback = browser.authorize(browser.start(IDP, "callbackURL", "/dashboard"));
        String state = MockIdp.queryValue(callback, "state");
        String other = (state.charAt(0) == 'A' ? "B" : "A") + state.substring(1);

        Reply tampered = browser.callback(URI.create(callback.toString().replace(state, other)));

        assertThat(location(tampered)).isEqualTo("/login?error=state_mismatch");
        assertThat(tampered.setCookie(TOKEN_COOKIE)).isEmpty();
        assertThat(browser.client().get(GET_SESSION).body()).isEqualTo("null");
        assertThat(idp.tokenRequests()).isZero();
        assertThat(location(browser.callback(callback))).isEqualTo("/dashboard");
    }

    @Test
    void aCallbackWithoutStateIsRefused() {
        Reply back = server.client().get("/api/auth/callback/" + IDP + "?code=some-code");

        assertThat(location(back)).isEqualTo("/login?error=state_not_found");
        assertThat(back.setCookie(TOKEN_COOKIE)).isEmpty();
        assertThat(idp.tokenRequests()).isZero();
    }

    @Test
    void aReplayedCallbackIsRefusedAndItsCodeNeverReachesTheProviderTwice() {
        idp.nextUser(subject(), Accounts.uniqueEmail("replay"), true);
        SocialBrowser browser = browser();
        URI callback = browser.authorize(browser.start(IDP, "callbackURL", "/dashboard"));
        String pending = browser.client().cookie(STATE_COOKIE).orElseThrow();
        assertThat(location(browser.callback(callback))).isEqualTo("/dashboard");
        assertThat(idp.tokenRequests()).isEqualTo(1);

        Reply again = browser.callback(callback);
        SocialBrowser thief = browser();
        thief.client().putCookie(STATE_COOKIE, pending);
        Reply withCopiedCookie = thief.callback(callback);

        assertThat(location(again)).isEqualTo("/login?error=state_mismatch");
        assertThat(location(withCopiedCookie)).isEqualTo("/login?error=state_mismatch");
        assertThat(withCopiedCookie.setCookie(TOKEN_COOKIE)).isEmpty();
        assertThat(thief.client().get(GET_SESSION).body()).isEqualTo("null");
        assertThat(idp.tokenRequests()).isZero();
    }

    @Test
    void anotherBrowsersCallbackIsRefused() {
        idp.nextUser(subject(), Accounts.uniqueEmail("victim"), true);
        SocialBrowser victim = browser();
        URI callback = victim.authorize(victim.start(IDP, "callbackURL", "/dashboard"));
        SocialBrowser attacker = browser();
        SocialBrowser attackerWithOwnSignIn = browser();
        attackerWithOwnSignIn.start(IDP, "errorCallbackURL", "/mine");

        Reply bare = attacker.callback(callback);
        Reply withOwn = attackerWithOwnSignIn.callback(callback);

        assertThat(location(bare)).isEqualTo("/login?error=state_mismatch");
        assertThat(location(withOwn)).isEqualTo("/mine?error=state_mismatch");
        assertThat(attacker.client().get(GET_SESSION).body()).isEqualTo("null");
        assertThat(attackerWithOwnSignIn.client().get(GET_SESSION).body()).isEqualTo("null");
        assertThat(idp.tokenRequests()).isZero();
        assertThat(location(victim.callback(callback))).isEqualTo("/dashboard");
    }

    @Test
    void aSignInOlderThanTenMinutesIsRefused() {
        idp.nextUser(subject(), Accounts.uniqueEmail("slow"), true);
        SocialBrowser browser = browser();
        URI callback = browser.authorize(browser.start(IDP, "callbackURL", "/dashboard", "errorCallbackURL", "/oops"));

        clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        Reply late = browser.callback(callback);

        assertThat(location(late)).isEqualTo("/oops?error=state_mismatch");
        assertThat(browser.client().get(GET_SESSION).body()).isEqualTo("null");
        assertThat(idp.tokenRequests()).isZero();
    }

    @Test
    void anAnswerNamingAnotherIssuerIsRefused() {
        idp.nextUser(subject(), Accounts.uniqueEmail("mixup"), true);
        SocialBrowser browser = browser();
        URI callback = browser.authorize(browser.start(IDP, "callbackURL", "/dashboard", "errorCallbackURL", "/oops"));

        Reply mixedUp = browser.callback(URI.create(callback + "&iss="
                + URLEncoder.encode("https://evil.example", StandardCharsets.UTF_8)));

        assertThat(location(mixedUp)).isEqualTo("/oops?error=issuer_mismatch");
        assertThat(browser.client().get(GET_SESSION).body()).isEqualTo("null");
        assertThat(idp.tokenRequests()).isZero();

        SocialBrowser honest = browser();
        idp.nextUser(subject(), Accounts.uniqueEmail("named"), true);
        URI named = honest.authorize(honest.start(IDP, "callbackURL", "/dashboard"));
        Reply withIssuer = honest.callback(URI.create(named + "&iss="
                + URLEncoder.encode(idp.issuer(IDP), StandardCharsets.UTF_8)));
        assertThat(location(withIssuer)).isEqualTo("/dashboard");
    }

    @Test
    void theProvidersRefusalGoesBackToTheErrorCallbackWithItsCode() {
        SocialBrowser browser = browser();
        String state = MockIdp.queryValue(SocialBrowser.url(browser.start(IDP, "callbackURL", "/dashboard",
                "errorCallbackURL", "/oops?from=social")), "state");

        Reply denied = browser.client().get("/api/auth/callback/" + IDP + "?state=" + state
                + "&error=access_denied&error_description=" + URLEncoder.encode("<b>no</b>", StandardCharsets.UTF_8));

        assertThat(location(denied)).isEqualTo("/oops?from=social&error=access_denied");
        assertThat(denied.setCookie(TOKEN_COOKIE)).isEmpty();
        assertThat(idp.tokenRequests()).isZero();
    }

    @Test
    void aProviderThatGivesNoEmailIsRefused() {
        idp.nextUser(subject(), Map.of("name", "No Mail"));
        SocialBrowser browser = browser();

        Reply back = browser.signIn(IDP, "callbackURL", "/dashboard");

        assertThat(location(back)).isEqualTo("/login?error=email_not_found");
        assertThat(browser.client().get(GET_SESSION).body()).isEqualTo("null");
        assertThat(server.count("SELECT COUNT(*) FROM sa_user WHERE name = 'No Mail'")).isZero();
    }

    @Test
    void aFormPostAnswerFromTheProvidersSiteGoesOnToTheGetWhereTheBrowsersCookiesAre() {
        idp.nextUser(subject(), Accounts.uniqueEmail("formpost"), true);
        SocialBrowser browser = browser();
        URI callback = browser.authorize(browser.start(IDP, "callbackURL", "/dashboard"));
        String code = MockIdp.queryValue(callback, "code");
        String state = MockIdp.queryValue(callback, "state");
        String providerSite = "http://localhost:" + idp.server.baseUrl().port();

        // The provider's page posts from its own site: SameSite=Lax cookies stay behind.
        Reply posted = server.client().postForm("/api/auth/callback/" + IDP,
                form("code", code, "state", state, "user", "{\"name\":{}}"), "Origin", providerSite);

        String next = location(posted);
        assertThat(next).isEqualTo("/api/auth/callback/" + IDP + "?code=" + URLEncoder.encode(code,
                StandardCharsets.UTF_8) + "&state=" + URLEncoder.encode(state, StandardCharsets.UTF_8));
        assertThat(posted.setCookie(TOKEN_COOKIE)).isEmpty();
        assertThat(location(browser.client().get(next))).isEqualTo("/dashboard");

        // With a session cookie, another site's post is refused as any other.
        Reply withCookie = browser.client().postForm("/api/auth/callback/" + IDP, form("code", "c", "state", "s"),
                "Origin", "https://evil.example");
        assertThat(withCookie.status()).isEqualTo(403);
        // And only the callback takes another site's form.
        Reply elsewhere = server.client().postForm(SocialIdp.SIGN_IN, form("provider", IDP), "Origin",
                "https://evil.example");
        assertThat(elsewhere.status()).isEqualTo(403);
    }

    @Test
    void rememberMeFalseGivesACookieThatEndsWithTheBrowserSession() {
        idp.nextUser(subject(), Accounts.uniqueEmail("forget"), true);

        Reply back = browser().signIn(IDP, "callbackURL", "/dashboard", "rememberMe", false);

        assertThat(back.setCookie(TOKEN_COOKIE)).hasValueSatisfying(c -> assertThat(c).doesNotContain("Max-Age"));
    }

    @Test
    void signingInAgainInTheSameBrowserEndsTheSessionItHad() {
        String subject = subject();
        String email = Accounts.uniqueEmail("again");
        SocialBrowser browser = browser();
        idp.nextUser(subject, email, true);
        browser.signIn(IDP, "callbackURL", "/dashboard");
        String userId = browser.client().get(GET_SESSION).json().path("user").path("id").asText();
        String firstCookie = browser.client().cookie(TOKEN_COOKIE).orElseThrow();

        idp.nextUser(subject, email, true);
        browser.signIn(IDP, "callbackURL", "/dashboard");

        assertThat(browser.client().cookie(TOKEN_COOKIE)).isPresent().get().isNotEqualTo(firstCookie);
        assertThat(server.count("SELECT COUNT(*) FROM sa_session WHERE user_id = ?", userId)).isEqualTo(1);
    }
}
