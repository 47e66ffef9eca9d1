package dev.sessionauth.passkey;

import static dev.sessionauth.passkey.SoftAuthenticator.UP;
import static dev.sessionauth.testing.Accounts.GET_SESSION;
import static dev.sessionauth.testing.Accounts.TOKEN_COOKIE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Better Auth's passkey wire on a real server, with a software authenticator: a signed-in user registers a passkey,
 * another browser signs in with it, the user lists, renames and deletes passkeys; every shape, status and error code
 * as Better Auth's plugin answers (or where we differ, as docs/passkeys.md says).
 */
class PasskeyEndpointsTest {
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private TestServer start(String... settings) {
        server = TestServer.builder().set("passkey.enabled", "true").set("passkey.rpId", "localhost")
                .settings(settings).start();
        return server;
    }

    @Test
    void theRegistrationOptionsAreBetterAuthsWithUserVerificationRequiredAndAChallengeCookie() {
        start();
        PasskeyBrowser browser = new PasskeyBrowser(server);
        SignedInUser ada = browser.signUp("ada");

        Reply reply = browser.client.get(PasskeyBrowser.REGISTER_OPTIONS + "?authenticatorAttachment=platform&name=Laptop");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.header("Cache-Control")).contains("no-store");
        JsonNode options = reply.json();
        assertThat(options.path("challenge").asText()).matches("[A-Za-z0-9_-]{43}");
        assertThat(options.path("rp").path("id").asText()).isEqualTo("localhost");
        assertThat(options.path("rp").path("name").asText()).isEqualTo("localhost");
        assertThat(options.path("user").path("id").asText()).isEqualTo(new PasskeyUser(ada.userId(), ada.email(),
                ada.email()).handle());
        assertThat(options.path("user").path("name").asText()).isEqualTo(ada.email());
        assertThat(options.path("pubKeyCredParams").toString())
                .isEqualTo("[{\"alg\":-8,\"type\":\"public-key\"},{\"alg\":-7,\"type\":\"public-key\"},"
                        + "{\"alg\":-257,\"type\":\"public-key\"}]");
        assertThat(options.path("timeout").asLong()).isEqualTo(60000);
        assertThat(options.path("attestation").asText()).isEqualTo("none");
        assertThat(options.path("excludeCredentials").isArray()).isTrue();
        assertThat(options.path("excludeCredentials")).isEmpty();
        assertThat(options.path("authenticatorSelection").toString()).isEqualTo("{\"residentKey\":\"preferred\","
                + "\"userVerification\":\"required\",\"authenticatorAttachment\":\"platform\","
                + "\"requireResidentKey\":false}");
        assertThat(options.path("extensions").toString()).isEqualTo("{\"credProps\":true}");
        String cookie = reply.setCookie(PasskeyBrowser.CHALLENGE_COOKIE).orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").contains("Max-Age=300");
        assertThat(server.count("SELECT COUNT(*) FROM sa_verification WHERE identifier LIKE 'passkey-registration:%'"))
                .isEqualTo(1);
    }

    @Test
    void aPasskeyRegisteredInOneBrowserSignsInFromAnotherAsBetterAuthAnswers() {
        start();
        PasskeyBrowser laptop = new PasskeyBrowser(server);
        SignedInUser ada = laptop.signUp("ada");
        SoftAuthenticator key = new SoftAuthenticator();

        JsonNode passkey = laptop.register(key, "  Work laptop ");

        assertThat(passkey.path("id").asText()).isNotEmpty();
        assertThat(passkey.path("name").asText()).isEqualTo("Work laptop");
        assertThat(passkey.path("userId").asText()).isEqualTo(ada.userId());
        assertThat(passkey.path("credentialID").asText()).isEqualTo(key.credentialId());
        assertThat(passkey.path("publicKey").asText()).isEqualTo(key.publicKeyBase64());
        assertThat(passkey.path("counter").asLong()).isZero();
        assertThat(passkey.path("deviceType").asText()).isEqualTo("singleDevice");
        assertThat(passkey.path("backedUp").asBoolean()).isFalse();
        assertThat(passkey.path("transports").asText()).isEqualTo("internal");
        assertThat(passkey.path("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(passkey.path("aaguid").asText()).isEqualTo(SoftAuthenticator.AAGUID_VALUE.toString());
        assertThat(passkey.has("session")).isFalse();

        PasskeyBrowser phone = new PasskeyBrowser(server);
        JsonNode options = phone.signInOptions();
        assertThat(options.path("rpId").asText()).isEqualTo("localhost");
        assertThat(options.path("userVerification").asText()).isEqualTo("required");
        assertThat(options.has("allowCredentials")).as("nobody is signed in: any passkey of this RP").isFalse();
        Reply in = phone.verifySignIn(key.signIn(phone.signIn(options, 1)
                .userHandle(new PasskeyUser(ada.userId(), ada.email(), ada.email()).handle())));

        assertThat(in.status()).as(in.body()).isEqualTo(200);
        assertThat(in.json().path("user").path("id").asText()).isEqualTo(ada.userId());
        assertThat(in.json().path("session").path("userId").asText()).isEqualTo(ada.userId());
        assertThat(in.json().path("token").asText()).isNotEmpty();
        assertThat(phone.client.cookie(TOKEN_COOKIE)).isPresent();
        assertThat(phone.client.get(GET_SESSION).json().path("user").path("email").asText()).isEqualTo(ada.email());
        assertThat(server.count("SELECT counter FROM sa_passkey WHERE credential_id = ?", key.credentialId()))
                .isEqualTo(1);
    }

    @Test
    void aSignedInUserIsOfferedTheirOwnPasskeysAndTheRegistrationExcludesThem() {
        start();
        PasskeyBrowser browser = new PasskeyBrowser(server);
        browser.signUp("ada");
        SoftAuthenticator key = new SoftAuthenticator();
        browser.register(key, "Key");

        JsonNode excluded = browser.registrationOptions().path("excludeCredentials");
        JsonNode allowed = browser.signInOptions().path("allowCredentials");

        assertThat(excluded.toString()).isEqualTo("[{\"id\":\"" + key.credentialId()
                + "\",\"transports\":[\"internal\"],\"type\":\"public-key\"}]");
        assertThat(allowed).isEqualTo(excluded);
    }

    @Test
    void aReplayedChallengeIsRefusedInBothCeremonies() {
        start();
        PasskeyBrowser browser = new PasskeyBrowser(server);
        browser.signUp("ada");
        SoftAuthenticator key = new SoftAuthenticator();
        ObjectNode registration = browser.registrationResponse(key);
        assertThat(browser.verifyRegistration(registration).status()).isEqualTo(200);
        assertThat(browser.client.cookie(PasskeyBrowser.CHALLENGE_COOKIE)).as("kept, as Better Auth keeps it")
                .isPresent();

        Reply replayed = browser.verifyRegistration(registration);
        assertThat(replayed.status()).isEqualTo(400);
        assertThat(replayed.code()).isEqualTo("CHALLENGE_NOT_FOUND");
        assertThat(replayed.json().path("message").asText()).isEqualTo("Challenge not found");

        PasskeyBrowser other = new PasskeyBrowser(server);
        ObjectNode assertion = key.signIn(other.signIn(other.signInOptions(), 1));
        String signInCookie = other.client.cookie(PasskeyBrowser.CHALLENGE_COOKIE).orElseThrow();
        assertThat(other.verifySignIn(assertion).status()).isEqualTo(200);

        PasskeyBrowser thief = new PasskeyBrowser(server);
        thief.client.putCookie(PasskeyBrowser.CHALLENGE_COOKIE, signInCookie);
        Reply sameCookie = thief.verifySignIn(assertion);
        assertThat(sameCookie.status()).isEqualTo(400);
        assertThat(sameCookie.code()).isEqualTo("CHALLENGE_NOT_FOUND");
        thief.client.clearCookies();
        thief.signInOptions();
        Reply newChallenge = thief.verifySignIn(assertion);
        assertThat(newChallenge.status()).as("an old assertion answers another challenge").isEqualTo(400);
        assertThat(newChallenge.code()).isEqualTo("AUTHENTICATION_FAILED");
        assertThat(thief.client.cookie(TOKEN_COOKIE)).isEmpty();
    }

    @Test
    void responsesFromAnotherOriginAreRefused() {
        start();
        PasskeyBrowser browser = new PasskeyBrowser(server);
        browser.signUp("ada");
        SoftAuthenticator key = new SoftAuthenticator();

        Reply registration = browser.verifyRegistration(key.register(
                browser.registration(browser.registrationOptions()).origin("https://evil.example")));
        assertThat(registration.status()).isEqualTo(400);
        assertThat(registration.code()).isEqualTo("FAILED_TO_VERIFY_REGISTRATION");
        assertThat(registration.json().path("message").asText()).isEqualTo("Failed to verify registration");
        assertThat(server.count("SELECT COUNT(*) FROM sa_passkey")).isZero();

        browser.register(key, "Key");
        PasskeyBrowser other = new PasskeyBrowser(server);
        Reply signIn = other.verifySignIn(key.signIn(other.signIn(other.signInOptions(), 1)
                .origin("http://localhost.evil.example:" + server.port())));
        assertThat(signIn.status()).isEqualTo(400);
        assertThat(signIn.code()).isEqualTo("AUTHENTICATION_FAILED");
        assertThat(signIn.json().path("message").asText()).isEqualTo("Authentication failed");
        assertThat(other.client.cookie(TOKEN_COOKIE)).isEmpty();
    }

    @Test
    void withFixedOriginsEvenAnotherLocalhostPortIsRefused() {
        start("passkey.origins", "http://localhost:1");
        PasskeyBrowser browser = new PasskeyBrowser(server);
        browser.signUp("ada");

        Reply registration = browser.verifyRegistration(browser.registrationResponse(new SoftAuthenticator()));

        assertThat(registration.status()).isEqualTo(400);
        assertThat(registration.code()).isEqualTo("FAILED_TO_VERIFY_REGISTRATION");
    }

    @Test
    void aResponseForAnotherRelyingPartyIsRefused() {
        start();
        PasskeyBrowser browser = new PasskeyBrowser(server);
        browser.signUp("ada");
        SoftAuthenticator key = new SoftAuthenticator();

        Reply registration = browser.verifyRegistration(key.register(
                browser.registration(browser.registrationOptions()).rpId("example.com")));
        assertThat(registration.status()).isEqualTo(400);
        assertThat(registration.code()).isEqualTo("FAILED_TO_VERIFY_REGISTRATION");

        browser.register(key, "Key");
        PasskeyBrowser other = new PasskeyBrowser(server);
        Reply signIn = other.verifySignIn(key.signIn(other.signIn(other.signInOptions(), 1).rpId("example.com")));
        assertThat(signIn.status()).isEqualTo(400);
        assertThat(signIn.code()).isEqualTo("AUTHENTICATION_FAILED");
    }

    @Test
    void aSignInWithoutUserVerificationIsRefused() {
        start();
        PasskeyBrowser browser = new PasskeyBrowser(server);
        browser.signUp("ada");
        SoftAuthenticator key = new SoftAuthenticator();
        Reply presenceOnly = browser.verifyRegistration(key.register(
                browser.registration(browser.registrationOptions()).flags(UP)));
        assertThat(presenceOnly.status()).as("a passkey that cannot verify its user could never sign in")
                .isEqualTo(400);
        browser.register(key, "Key");

        PasskeyBrowser other = new PasskeyBrowser(server);
        Reply signIn = other.verifySignIn(key.signIn(other.signIn(other.signInOptions(), 1).flags(UP)));

        assertThat(signIn.status()).isEqualTo(400);
        assertThat(signIn.code()).isEqualTo("AUTHENTICATION_FAILED");
        assertThat(other.client.cookie(TOKEN_COOKIE)).isEmpty();
    }

    @Test
    void aBadSignatureIsA401AsBetterAuthAnswersIt() {
        start();
        PasskeyBrowser browser = new PasskeyBrowser(server);
        browser.signUp("ada");
        SoftAuthenticator key = new SoftAuthenticator();
        browser.register(key, "Key");
        SoftAuthenticator impostor = new SoftAuthenticator(SoftAuthenticator.Algorithm.ES256, key.credentialIdBytes());

        PasskeyBrowser other = new PasskeyBrowser(server);
        Reply signIn = other.verifySignIn(impostor.signIn(other.signIn(other.signInOptions(), 1)));

        assertThat(signIn.status()).isEqualTo(401);
        assertThat(signIn.code()).isEqualTo("AUTHENTICATION_FAILED");
    }

    @Test
    void aClonedAuthenticatorsCounterIsRefusedAndLogged() {
        start();
        PasskeyBrowser browser = new PasskeyBrowser(server);
        browser.signUp("ada");
        SoftAuthenticator key = new SoftAuthenticator();
        browser.register(key, "Key");
        assertThat(new PasskeyBrowser(server).signIn(key, 5).status()).isEqualTo(200);

        try (LogRecords logs = LogRecords.of(AuthenticationVerifier.class)) {
            PasskeyBrowser clone = new PasskeyBrowser(server);
            Reply signIn = clone.signIn(key, 5);

            assertThat(signIn.status()).isEqualTo(400);
            assertThat(signIn.code()).isEqualTo("AUTHENTICATION_FAILED");
            assertThat(clone.client.cookie(TOKEN_COOKIE)).isEmpty();
            assertThat(logs.warnings()).anySatisfy(m -> assertThat(m).contains(key.credentialId())
                    .contains("cloned"));
        }
        assertThat(server.count("SELECT counter FROM sa_passkey")).isEqualTo(5);
        assertThat(new PasskeyBrowser(server).signIn(key, 6).status()).isEqualTo(200);
    }

    @Test
    void aDeletedPasskeyNoLongerSignsIn() {
        start();
        PasskeyBrowser browser = new PasskeyBrowser(server);
        browser.signUp("ada");
        SoftAuthenticator key = new SoftAuthenticator();
        String id = browser.register(key, "Key").path("id").asText();

        Reply deleted = browser.delete(id);
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(deleted.json().toString()).isEqualTo("{\"status\":true}");
        assertThat(browser.list().json()).isEmpty();

        PasskeyBrowser other = new PasskeyBrowser(server);
        Reply signIn = other.signIn(key, 1);
        assertThat(signIn.status()).isEqualTo(401);
        assertThat(signIn.code()).isEqualTo("PASSKEY_NOT_FOUND");
        assertThat(signIn.json().path("message").asText()).isEqualTo("Passkey not found");
        Reply again = browser.delete(id);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.code()).isEqualTo("PASSKEY_NOT_FOUND");
    }

    @Test
    void anotherUsersPasskeyCannotBeDeletedOrRenamed() {
        start();
        PasskeyBrowser adaBrowser = new PasskeyBrowser(server);
        adaBrowser.signUp("ada");
        String adas = adaBrowser.register(new SoftAuthenticator(), "Ada's key").path("id").asText();
        PasskeyBrowser eveBrowser = new PasskeyBrowser(server);
        eveBrowser.signUp("eve");

        Reply delete = eveBrowser.delete(adas);
        Reply rename = eveBrowser.rename(adas, "mine now");

        assertThat(delete.status()).isEqualTo(401);
        assertThat(delete.code()).isEqualTo("UNAUTHORIZED");
        assertThat(rename.status()).isEqualTo(401);
        assertThat(rename.code()).isEqualTo("YOU_ARE_NOT_ALLOWED_TO_REGISTER_THIS_PASSKEY");
        assertThat(eveBrowser.list().json()).isEmpty();
        JsonNode still = adaBrowser.list().json();
        assertThat(still).hasSize(1);
        assertThat(still.get(0).path("name").asText()).isEqualTo("Ada's key");
    }

    @Test
    void aMissingForgedOrExpiredChallengeCookieIsRefused() {
        dev.sessionauth.testing.MutableClock clock = new dev.sessionauth.testing.MutableClock();
        server = TestServer.builder().set("passkey.enabled", "true").set("passkey.rpId", "localhost").clock(clock)
                .start();
        PasskeyBrowser browser = new PasskeyBrowser(server);
        browser.signUp("ada");
        SoftAuthenticator key = new SoftAuthenticator();
        browser.register(key, "Key");

        PasskeyBrowser noCookie = new PasskeyBrowser(server);
        ObjectNode assertion = key.signIn(noCookie.signIn(noCookie.signInOptions(), 1));
        noCookie.client.clearCookies();
        assertThat(noCookie.verifySignIn(assertion).code()).isEqualTo("CHALLENGE_NOT_FOUND");

        PasskeyBrowser forged = new PasskeyBrowser(server);
        ObjectNode forgedAssertion = key.signIn(forged.signIn(forged.signInOptions(), 2));
        String cookie = forged.client.cookie(PasskeyBrowser.CHALLENGE_COOKIE).orElseThrow();
        forged.client.clearCookies();
        forged.client.putCookie(PasskeyBrowser.CHALLENGE_COOKIE, cookie.substring(0, cookie.indexOf('.'))
                + ".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        Reply forgedReply = forged.verifySignIn(forgedAssertion);
        assertThat(forgedReply.status()).isEqualTo(400);
        assertThat(forgedReply.code()).isEqualTo("CHALLENGE_NOT_FOUND");

        PasskeyBrowser slow = new PasskeyBrowser(server);
        ObjectNode late = key.signIn(slow.signIn(slow.signInOptions(), 3));
        clock.advance(Challenges.MAX_AGE.plusSeconds(1));
        Reply expired = slow.verifySignIn(late);
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.code()).isEqualTo("CHALLENGE_NOT_FOUND");
        assertThat(slow.client.cookie(TOKEN_COOKIE)).isEmpty();
    }

    @Test
    void aRegistrationChallengeDoesNotAnswerASignInAndIsUsedUpTrying() {
        start();
        PasskeyBrowser browser = new PasskeyBrowser(server);
        browser.signUp("ada");
        SoftAuthenticator key = new SoftAuthenticator();
        browser.register(key, "Key");
        ObjectNode registration = browser.registrationResponse(new SoftAuthenticator());

        Reply crossed = browser.verifySignIn(key.signIn(browser.signIn(browser.registrationOptions(), 1)));
        assertThat(crossed.code()).isEqualTo("CHALLENGE_NOT_FOUND");
        Reply then = browser.verifyRegistration(registration);
        assertThat(then.code()).as("the newest options call replaced the cookie").isEqualTo("CHALLENGE_NOT_FOUND");
    }

    @Test
    void aChallengeIssuedToOneUserCannotRegisterAPasskeyForAnother() {
        start();
        PasskeyBrowser browser = new PasskeyBrowser(server);
        browser.signUp("ada");
        ObjectNode adasResponse = browser.registrationResponse(new SoftAuthenticator());
        String cookie = browser.client.cookie(PasskeyBrowser.CHALLENGE_COOKIE).orElseThrow();
        browser.client.post(Accounts.SIGN_OUT, "{}");
        browser.signUp("eve");
        browser.client.putCookie(PasskeyBrowser.CHALLENGE_COOKIE, cookie);

        Reply reply = browser.verifyRegistration(adasResponse);

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.code()).isEqualTo("YOU_ARE_NOT_ALLOWED_TO_REGISTER_THIS_PASSKEY");
        assertThat(server.count("SELECT COUNT(*) FROM sa_passkey")).isZero();
    }

    @Test
    void aCredentialRegisteredToOneUserCannotBeRegisteredToAnother() {
        start();
        SoftAuthenticator key = new SoftAuthenticator();
        PasskeyBrowser ada = new PasskeyBrowser(server);
        ada.signUp("ada");
        ada.register(key, "Key");
        PasskeyBrowser eve = new PasskeyBrowser(server);
        eve.signUp("eve");

        Reply reply = eve.verifyRegistration(eve.registrationResponse(key));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("FAILED_TO_VERIFY_REGISTRATION");
        assertThat(server.count("SELECT COUNT(*) FROM sa_passkey")).isEqualTo(1);
    }

    @Test
    void everyEndpointButSignInNeedsASession() {
        start();
        PasskeyBrowser stranger = new PasskeyBrowser(server);
        for (Reply reply : List.of(stranger.client.get(PasskeyBrowser.REGISTER_OPTIONS),
                stranger.verifyRegistration(new SoftAuthenticator().register(
                        SoftAuthenticator.Ceremony.registration("A".repeat(43)))),
                stranger.list(), stranger.delete("x"), stranger.rename("x", "y"))) {
            assertThat(reply.status()).as(reply.body()).isEqualTo(401);
            assertThat(reply.code()).isEqualTo("UNAUTHORIZED");
        }
        assertThat(stranger.client.get(PasskeyBrowser.SIGN_IN_OPTIONS).status()).isEqualTo(200);
    }

    @Test
    void registrationNeedsARecentSignIn() {
        dev.sessionauth.testing.MutableClock clock = new dev.sessionauth.testing.MutableClock();
        server = TestServer.builder().set("passkey.enabled", "true").set("passkey.rpId", "localhost")
                .set("session.freshAge", "1h").clock(clock).start();
        PasskeyBrowser browser = new PasskeyBrowser(server);
        browser.signUp("ada");
        ObjectNode response = browser.registrationResponse(new SoftAuthenticator());
        clock.advance(java.time.Duration.ofMinutes(61));

        Reply verify = browser.verifyRegistration(response);
        Reply options = browser.client.get(PasskeyBrowser.REGISTER_OPTIONS);

        assertThat(verify.status()).isEqualTo(403);
        assertThat(verify.code()).isEqualTo("SESSION_NOT_FRESH");
        assertThat(options.code()).isEqualTo("SESSION_NOT_FRESH");
        assertThat(browser.list().status()).as("listing does not need a fresh sign-in").isEqualTo(200);
    }

    @Test
    void createSessionGivesTheRegisteringBrowserANewSession() {
        start();
        PasskeyBrowser browser = new PasskeyBrowser(server);
        SignedInUser ada = browser.signUp("ada");
        String before = ada.cookie();

        Reply reply = browser.verifyRegistration(browser.registrationResponse(new SoftAuthenticator()),
                "createSession", true);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().path("credentialID").asText()).isNotEmpty();
        assertThat(reply.json().path("user").path("id").asText()).isEqualTo(ada.userId());
        assertThat(reply.json().path("session").path("userId").asText()).isEqualTo(ada.userId());
        String after = browser.client.cookie(TOKEN_COOKIE).orElseThrow();
        assertThat(after).isNotEqualTo(before);
        assertThat(browser.client.get(GET_SESSION).json().path("user").path("id").asText()).isEqualTo(ada.userId());
        assertThat(server.count("SELECT COUNT(*) FROM sa_session")).as("the old session ended").isEqualTo(1);
    }

    @Test
    void passkeysAreRenamedWithBetterAuthsAnswerAndBadNamesRefused() {
        start();
        PasskeyBrowser browser = new PasskeyBrowser(server);
        browser.signUp("ada");
        String id = browser.register(new SoftAuthenticator(), "Key").path("id").asText();

        Reply renamed = browser.rename(id, "  Yubikey 5 ");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().path("passkey").path("id").asText()).isEqualTo(id);
        assertThat(renamed.json().path("passkey").path("name").asText()).isEqualTo("Yubikey 5");
        assertThat(browser.list().json().get(0).path("name").asText()).isEqualTo("Yubikey 5");

        for (String bad : List.of("   ", "x".repeat(256), "tab\there")) {
            Reply refused = browser.rename(id, bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.code()).isEqualTo("INVALID_REQUEST_BODY");
        }
        assertThat(browser.rename("no-such-id", "x").status()).isEqualTo(404);
        assertThat(browser.list().json().get(0).path("name").asText()).isEqualTo("Yubikey 5");
    }

    @Test
    void anUnnamedPasskeyShowsANullName() {
        start();
        PasskeyBrowser browser = new PasskeyBrowser(server);
        browser.signUp("ada");

        Reply reply = browser.verifyRegistration(browser.registrationResponse(new SoftAuthenticator()), "name", " ");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().has("name")).isTrue();
        assertThat(reply.json().path("name").isNull()).isTrue();
    }

    @Test
    void malformedBodiesGetClearErrorsAndUseUpNothing() {
        start();
        PasskeyBrowser browser = new PasskeyBrowser(server);
        browser.signUp("ada");
        browser.signInOptions();

        assertThat(browser.client.post(PasskeyBrowser.VERIFY_SIGN_IN, "{}").code()).isEqualTo("INVALID_REQUEST_BODY");
        assertThat(browser.client.post(PasskeyBrowser.VERIFY_SIGN_IN, "{\"response\":\"x\"}").code())
                .isEqualTo("INVALID_REQUEST_BODY");
        assertThat(browser.client.post(PasskeyBrowser.VERIFY_SIGN_IN, "{\"response\":{},\"extra\":1}").code())
                .isEqualTo("INVALID_REQUEST_BODY");
        assertThat(browser.client.post(PasskeyBrowser.VERIFY_SIGN_IN, "not json").code())
                .isEqualTo("INVALID_REQUEST_BODY");
        Reply garbage = browser.client.post(PasskeyBrowser.VERIFY_SIGN_IN,
                "{\"response\":{\"id\":\"nope\",\"rawId\":\"nope\",\"type\":\"public-key\",\"response\":{}}}");
        assertThat(garbage.status()).as("the challenge was still there for it").isEqualTo(401);
        assertThat(garbage.code()).isEqualTo("PASSKEY_NOT_FOUND");
        assertThat(browser.client.get(PasskeyBrowser.REGISTER_OPTIONS + "?authenticatorAttachment=usb").code())
                .isEqualTo("INVALID_REQUEST_BODY");
        assertThat(browser.delete("").code()).isEqualTo("INVALID_REQUEST_BODY");
    }

    @Test
    void passkeySignInAttemptsAreThrottledPerAddressFailedOnesIncluded() {
        server = TestServer.builder().set("passkey.enabled", "true").set("passkey.rpId", "localhost")
                .shippedThrottle().set("rateLimit.strict.max", "3").start();
        PasskeyBrowser browser = new PasskeyBrowser(server);
        browser.signUp("ada");
        SoftAuthenticator key = new SoftAuthenticator();
        browser.register(key, "Key");
        SoftAuthenticator impostor = new SoftAuthenticator(SoftAuthenticator.Algorithm.ES256, key.credentialIdBytes());

        PasskeyBrowser attacker = new PasskeyBrowser(server);
        for (int i = 0; i < 3; i++) {
            assertThat(attacker.signIn(impostor, i + 1).status()).isEqualTo(401);
        }
        Reply throttled = attacker.verifySignIn(impostor.signIn(SoftAuthenticator.Ceremony.signIn("A".repeat(43))));

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.code()).isEqualTo("TOO_MANY_REQUESTS");
        assertThat(throttled.header("Retry-After")).isPresent();
    }

    @Test
    void aGatesSecondStepIsAnsweredAsForAnyOtherWayIn() {
        start("probe.enabled", "true");
        PasskeyBrowser browser = new PasskeyBrowser(server);
        Accounts.signUp(browser.client, "second@" + java.util.UUID.randomUUID() + ".example.com");
        SoftAuthenticator key = new SoftAuthenticator();
        browser.register(key, "Key");

        PasskeyBrowser other = new PasskeyBrowser(server);
        Reply in = other.signIn(key, 1);

        assertThat(in.status()).as(in.body()).isEqualTo(200);
        assertThat(in.json().path("twoFactorRedirect").asBoolean()).isTrue();
        assertThat(in.json().has("session")).isFalse();
        assertThat(other.client.cookie(TOKEN_COOKIE)).isEmpty();
    }

    @Test
    void passkeysAreAbsentUnlessEnabled() {
        server = TestServer.start();
        PasskeyBrowser browser = new PasskeyBrowser(server);

        assertThat(browser.client.get(PasskeyBrowser.SIGN_IN_OPTIONS).status()).isEqualTo(404);
        assertThat(server.auth().feature(Passkeys.class)).isEmpty();
    }
}
