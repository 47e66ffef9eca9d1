package dev.sessionauth.verification;

import static dev.sessionauth.testing.Accounts.SEND_VERIFICATION;
import static dev.sessionauth.testing.Accounts.json;
import static dev.sessionauth.testing.Accounts.uniqueEmail;
import static dev.sessionauth.verification.Links.assertError;
import static dev.sessionauth.verification.Links.assertStatusTrue;
import static dev.sessionauth.verification.Links.requestLink;
import static dev.sessionauth.verification.Links.secrets;
import static dev.sessionauth.verification.Links.signUp;
import static dev.sessionauth.verification.Links.verified;
import static dev.sessionauth.verification.Links.verify;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.ServerExtension;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.verification.Links.Sent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * POST /send-verification-email {email, callbackURL?}: always 200 {status:true}, a link only for an existing
 * unverified address; GET /verify-email?token=…&callbackURL=… redirects there when a trusted callback is named.
 */
class SendVerificationEmailTest {
    private static final Links links = new Links();

    @RegisterExtension
    static final ServerExtension server = ServerExtension.with(b -> b.verificationSender(links));

    /** A user who signed up (signed in, since verification is optional here) and has no link yet. */
    private static String member(String hint) {
        String email = uniqueEmail(hint);
        signUp(server.client(), email);
        return email;
    }

    /**
     * Proves no link is on its way to {@code email}: links go out in request order on one background thread, so
     * once a later link to another address has arrived, an earlier one to {@code email} would have, too.
     */
    private static void assertNoLinkSentTo(String email) {
        String marker = member("marker");
        assertStatusTrue(requestLink(server.client(), marker));
        links.next(marker);
        assertThat(links.pending(email)).as("a link to %s", email).isEmpty();
    }

    @Test
    void anUnverifiedUserGetsALinkToThisServersVerifyEmail() {
        String email = member("unverified");
        assertStatusTrue(requestLink(server.client(), email));

        Sent sent = links.next(email);
        assertThat(sent.user().getEmail()).isEqualTo(email);
        assertThat(sent.link()).matches(Pattern.quote(server.origin() + "/api/auth/verify-email?token=")
                + "[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]+");
        assertThat(secrets(server.get(), email)).isOne();
    }

    @Test
    void anUnknownAddressGetsTheSameAnswerAndNoLink() {
        String unknown = uniqueEmail("nobody");
        long before = server.count("SELECT COUNT(*) FROM sa_verification");
        Reply r = requestLink(server.client(), unknown);
        assertStatusTrue(r);
        assertThat(server.count("SELECT COUNT(*) FROM sa_verification")).isEqualTo(before);
        assertNoLinkSentTo(unknown);
    }

    @Test
    void aVerifiedUserGetsTheSameAnswerAndNoLink() {
        String email = member("done");
        assertStatusTrue(requestLink(server.client(), email));
        assertThat(verify(server.client(), links.next(email).token()).status()).isEqualTo(200);

        Reply again = requestLink(server.client(), email);
        assertStatusTrue(again);
        assertThat(again.body()).isEqualTo(requestLink(server.client(), uniqueEmail("other")).body());
        assertThat(secrets(server.get(), email)).isZero();
        assertNoLinkSentTo(email);
    }

    @Test
    void theAddressIsMatchedIgnoringCase() {
        String email = member("case");
        assertStatusTrue(requestLink(server.client(), "  " + email.toUpperCase(Locale.ROOT)));
        assertThat(links.next(email).user().getEmail()).isEqualTo(email);
    }

    @Test
    void aNonBrowserClientWithoutOriginMayAskForALink() {
        String email = member("cli");
        assertStatusTrue(server.client().withoutOrigin().post(SEND_VERIFICATION, json("email", email)));
        links.next(email);
    }

    @Test
    void aCallbackUrlTravelsInTheLinkAndTheLinkRedirectsThere() {
        String email = member("callback");
        assertStatusTrue(server.client().post(SEND_VERIFICATION,
                json("email", email, "callbackURL", "/welcome?from=mail")));
        Sent sent = links.next(email);
        assertThat(sent.link()).contains("&callbackURL=" + URLEncoder.encode("/welcome?from=mail", StandardCharsets.UTF_8));

        Reply r = server.client().get(sent.pathAndQuery());
        assertThat(r.status()).as(r.body()).isEqualTo(302);
        assertThat(r.header("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/welcome?from=mail"));
        assertThat(verified(server.get(), email)).isTrue();

        Reply twice = server.client().get(sent.pathAndQuery());
        assertThat(twice.status()).isEqualTo(302);
        assertThat(twice.header("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/welcome?from=mail&error=INVALID_TOKEN"));
    }

    @Test
    void anAbsoluteCallbackOnThisOriginIsTrusted() {
        String email = member("absolute");
        String callback = server.origin() + "/done";
        assertStatusTrue(server.client().post(SEND_VERIFICATION, json("email", email, "callbackURL", callback)));
        Reply r = server.client().get(links.next(email).pathAndQuery());
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.header("Location")).contains(callback);
    }

    @Test
    void anUntrustedCallbackIsRefusedWhenAskingForALink() {
        String email = member("evilsend");
        for (String callback : new String[] {"https://evil.example/phish", "//evil.example/x", "javascript:alert(1)"}) {
            assertError(server.client().post(SEND_VERIFICATION, json("email", email, "callbackURL", callback)), 403,
                    "INVALID_ORIGIN");
        }
        assertThat(secrets(server.get(), email)).isZero();
        assertNoLinkSentTo(email);
    }

    @Test
    void anUntrustedCallbackIsRefusedWhenOpeningALinkAndTheLinkStaysUsable() {
        String email = member("evilverify");
        assertStatusTrue(requestLink(server.client(), email));
        String token = links.next(email).token();

        Reply r = server.client().get(Accounts.VERIFY + "?token=" + token + "&callbackURL="
                + URLEncoder.encode("https://evil.example/phish", StandardCharsets.UTF_8));
        assertError(r, 403, "INVALID_ORIGIN");
        assertThat(r.header("Location")).isEmpty();
        assertThat(verified(server.get(), email)).isFalse();
        assertThat(verify(server.client(), token).status()).isEqualTo(200);
    }

    @Test
    void theBodyIsChecked() {
        assertError(server.client().post(SEND_VERIFICATION, "{}"), 400, "INVALID_REQUEST_BODY");
        assertError(server.client().post(SEND_VERIFICATION, json("email", uniqueEmail("x"), "redirect", "/x")), 400,
                "INVALID_REQUEST_BODY");
        assertError(server.client().post(SEND_VERIFICATION, json("email", 42)), 400, "INVALID_REQUEST_BODY");
        assertThat(server.client().get(SEND_VERIFICATION).status()).isEqualTo(405);
        assertThat(server.client().post(Accounts.VERIFY, "{}").status()).isEqualTo(405);
    }
}
