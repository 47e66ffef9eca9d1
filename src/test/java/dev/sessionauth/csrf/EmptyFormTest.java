package dev.sessionauth.csrf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.Accounts;
import dev.sessionauth.testing.ServerExtension;
import dev.sessionauth.testing.SignedInUser;
import dev.sessionauth.testing.TestClient.Reply;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A request whose media type is a form is a form, empty or not: an empty urlencoded POST from a signed-in browser with
 * the right Origin must carry the session's CSRF token like any other form. Each state-changing endpoint of the API,
 * sent an empty form: the ones that act on the session refuse it for the missing token, the JSON-only ones refuse the
 * media type, the rest find their fields missing; none changes anything.
 */
class EmptyFormTest {
    @RegisterExtension
    static final ServerExtension SERVER = ServerExtension.start();

    /** Endpoint → the refusal an empty form gets from a signed-in browser. */
    private static final Map<String, String> REFUSALS = Map.ofEntries(
            Map.entry("/sign-out", "403 INVALID_CSRF_TOKEN"),
            Map.entry("/change-password", "403 INVALID_CSRF_TOKEN"),
            Map.entry("/change-email", "403 INVALID_CSRF_TOKEN"),
            Map.entry("/delete-user", "403 INVALID_CSRF_TOKEN"),
            Map.entry("/sign-up/email", "400 INVALID_REQUEST_BODY"),
            Map.entry("/sign-in/email", "400 INVALID_REQUEST_BODY"),
            Map.entry("/request-password-reset", "400 INVALID_REQUEST_BODY"),
            Map.entry("/reset-password", "400 INVALID_REQUEST_BODY"),
            Map.entry("/refresh-session", "415 UNSUPPORTED_MEDIA_TYPE"),
            Map.entry("/update-session", "415 UNSUPPORTED_MEDIA_TYPE"),
            Map.entry("/update-user", "415 UNSUPPORTED_MEDIA_TYPE"),
            Map.entry("/revoke-session", "415 UNSUPPORTED_MEDIA_TYPE"),
            Map.entry("/revoke-other-sessions", "415 UNSUPPORTED_MEDIA_TYPE"),
            Map.entry("/revoke-sessions", "415 UNSUPPORTED_MEDIA_TYPE"),
            Map.entry("/send-verification-email", "415 UNSUPPORTED_MEDIA_TYPE"));

    @Test
    void everyStateChangingEndpointRefusesAnEmptyFormFromASignedInBrowser() {
        SignedInUser ann = Accounts.signUp(SERVER.get(), "empty-form");
        REFUSALS.forEach((endpoint, refusal) -> {
            Reply r = ann.browser().postForm("/api/auth" + endpoint, "");
            assertThat(r.status() + " " + r.code()).as(endpoint + ": " + r.body()).isEqualTo(refusal);
        });
        Reply session = ann.browser().getSession();
        assertThat(session.json().path("user").path("email").asText()).as("still signed in, account intact")
                .isEqualTo(ann.email());
    }

    @Test
    void theSameEmptyFormWithTheTokenIsAccepted() {
        SignedInUser ann = Accounts.signUp(SERVER.get(), "with-token");
        String token = ann.browser().get("/page").json().path("csrfToken").asText();
        assertThat(token).isNotEmpty();

        Reply signOut = ann.browser().postForm("/api/auth/sign-out", "", "X-CSRF-Token", token);
        assertThat(signOut.status()).as(signOut.body()).isEqualTo(200);
        assertThat(ann.browser().getSession().body()).isEqualTo("null");
    }
}
