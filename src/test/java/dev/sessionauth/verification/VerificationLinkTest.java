package dev.sessionauth.verification;

import static dev.sessionauth.testing.Accounts.json;
import static dev.sessionauth.testing.Accounts.uniqueEmail;
import static dev.sessionauth.verification.Links.assertStatusTrue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.ServerExtension;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The link is {@code <origin><basePath>/verify-email?token=<43 chars>}: absolute, whichever way it was triggered
 * (sign-up, a refused sign-in, send-verification-email), on {@code baseURL} when one is configured.
 */
class VerificationLinkTest {
    private static final String TOKEN = "[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]+";
    private final Links links = new Links();
    @RegisterExtension
    final ServerExtension server = ServerExtension.onDemand(b -> b.verificationSender(links)
            .set("emailVerification.required", "true"));

    private static Reply signUp(TestClient client, String basePath, String email) {
        Reply r = client.post(basePath + "/sign-up/email", json("name", "Ada", "email", email,
                "password", Accounts.PASSWORD));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r;
    }

    @Test
    void withoutBaseUrlTheSignUpLinkNamesThisServersOrigin() {
        server.launch();
        String email = uniqueEmail("signup");
        signUp(server.client(), "/api/auth", email);
        assertThat(links.next(email).link())
                .matches(Pattern.quote(server.origin() + "/api/auth/verify-email?token=") + TOKEN);
    }

    @Test
    void withoutBaseUrlTheLinkResentAtSignInNamesThisServersOrigin() {
        server.launch();
        String email = uniqueEmail("signin");
        signUp(server.client(), "/api/auth", email);
        links.next(email);
        assertThat(Links.signIn(server.client(), email).status()).isEqualTo(403);
        assertThat(links.next(email).link())
                .matches(Pattern.quote(server.origin() + "/api/auth/verify-email?token=") + TOKEN);
    }

    @Test
    void withoutBaseUrlTheRequestedLinkNamesThisServersOrigin() {
        server.launch();
        String email = uniqueEmail("send");
        signUp(server.client(), "/api/auth", email);
        links.next(email);
        assertStatusTrue(Links.requestLink(server.client(), email));
        assertThat(links.next(email).link())
                .matches(Pattern.quote(server.origin() + "/api/auth/verify-email?token=") + TOKEN);
    }

    @Test
    void withBaseUrlEveryLinkNamesIt() {
        server.launch("baseURL", "http://app.example.test");
        // A client outside a browser (no Origin): the request's own origin is not baseURL's.
        TestClient cli = server.client().withoutOrigin();
        String email = uniqueEmail("base");
        signUp(cli, "/api/auth", email);
        assertThat(links.next(email).link())
                .matches(Pattern.quote("http://app.example.test/api/auth/verify-email?token=") + TOKEN);

        assertStatusTrue(cli.post(Accounts.SEND_VERIFICATION, json("email", email)));
        assertThat(links.next(email).link())
                .matches(Pattern.quote("http://app.example.test/api/auth/verify-email?token=") + TOKEN);
    }

    @Test
    void theLinkFollowsTheBasePath() {
        server.launch("basePath", "/auth");
        String email = uniqueEmail("basepath");
        signUp(server.client(), "/auth", email);
        String token = links.next(email).token();

        assertStatusTrue(server.client().post("/auth/send-verification-email", json("email", email)));
        String link = links.next(email).link();
        assertThat(link).matches(Pattern.quote(server.origin() + "/auth/verify-email?token=") + TOKEN);
        assertThat(token).isNotEqualTo(Links.token(link));

        Reply v = server.client().get("/auth/verify-email?token=" + Links.token(link));
        assertThat(v.status()).as(v.body()).isEqualTo(200);
        assertThat(v.json().path("user").path("emailVerified").asBoolean()).isTrue();
    }

    @Test
    void everyLinkCarriesADifferentToken() {
        server.launch();
        String email = uniqueEmail("distinct");
        signUp(server.client(), "/api/auth", email);
        java.util.Set<String> tokens = new java.util.HashSet<>();
        tokens.add(links.next(email).token());
        for (int i = 0; i < 5; i++) {
            assertStatusTrue(Links.requestLink(server.client(), email));
            tokens.add(links.next(email).token());
        }
        assertThat(tokens).hasSize(6);
    }
}
