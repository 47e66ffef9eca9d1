package dev.sessionauth.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A browser going through a social sign-in against a {@link TestServer} and a {@link SocialIdp}: it asks the app
 * to start (Better Auth's JSON), visits the provider's authorization URL, and follows the provider back to the
 * callback, with its own cookie jar throughout.
 *
 * @param client the browser (a {@link TestClient} with its cookie jar)
 * @param idp    the provider
 */
record SocialBrowser(TestClient client, SocialIdp idp) {
    static final String STATE_COOKIE = "sessionauth.oauth_state";

    /** {@code POST /sign-in/social} with {@code provider} and further name-value pairs; must answer 200. */
    Reply start(String provider, Object... more) {
        Reply reply = client.post(SocialIdp.SIGN_IN, body(provider, more));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply;
    }

    /** The provider's URL of a start answer. */
    static URI url(Reply start) {
        return URI.create(start.json().path("url").asText());
    }

    /** Where the provider sends the browser back after the start answer {@code start}. */
    URI authorize(Reply start) {
        return idp.authorize(url(start));
    }

    /** The browser's request of the callback URL the provider sent it to. */
    Reply callback(URI callbackUrl) {
        return client.get(SocialIdp.pathAndQuery(callbackUrl));
    }

    /** A whole sign-in with {@code provider}: start, provider, callback; the callback's answer. */
    Reply signIn(String provider, Object... more) {
        return callback(authorize(start(provider, more)));
    }

    /** The {@code Location} of a 302. */
    static String location(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(302);
        return reply.header("Location").orElseThrow();
    }

    static String body(String provider, Object... more) {
        List<Object> pairs = new ArrayList<>(List.of("provider", provider));
        pairs.addAll(List.of(more));
        return Accounts.json(pairs.toArray());
    }
}
