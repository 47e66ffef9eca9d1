package dev.sessionauth.browser;

import dev.sessionauth.testing.Chromium;
import static dev.sessionauth.browser.ClientApiBrowserTest.signUp;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionauth.testing.ServerExtension;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * {@code onSessionChange} in a real browser: the initial value, changes made in this tab, changes made in another
 * tab of the same profile (BroadcastChannel, and the localStorage fallback), a reload after a sign-out the client
 * never saw, and a tab coming back into focus. Cross-tab results are read from the other tab's localStorage
 * record, without switching to it: switching tabs focuses the target, which would re-check the session on its own.
 */
class SessionChangeBrowserTest extends BrowserTest {
    private static final String SIGNED_OUT = "signed out";
    private static final String RAW_SIGN_OUT = "fetch('/api/auth/sign-out', {method: 'POST', credentials: 'include',"
            + " headers: {'Content-Type': 'application/json'}, body: '{}'}).then(r => r.status)";

    @RegisterExtension
    static final ServerExtension server = ServerExtension.with(BrowserPages::pages);

    @Test
    void firesTheInitialValueThenNullOnSignOutInThisTab() {
        browser.get(server.url("/client-test.html"));
        String email = signUp(browser);

        browser.eval("window.unwatch = watch()");
        waitForEvents(1);
        assertThat(events()).containsExactly(email);

        browser.call("authClient.signOut()");
        waitForEvents(2);

        assertThat(events()).containsExactly(email, SIGNED_OUT);
        assertThat(browser.driver().findElement(By.id("state")).getText()).isEqualTo(SIGNED_OUT);
    }

    @Test
    void firesOnSignUpSignInAndRefreshButNotWhenNothingChanged() {
        browser.get(server.url("/client-test.html"));
        browser.eval("window.unwatch = watch()");
        waitForEvents(1);
        assertThat(events()).containsExactly(SIGNED_OUT);

        String email = signUp(browser);
        waitForEvents(2);
        browser.call("Promise.all([authClient.getSession(), authClient.getSession({disableRefresh: true})])");
        browser.call("authClient.refreshSession()");
        waitForEvents(3);
        browser.call("authClient.signOut()");
        browser.call("authClient.signIn.email({email: '" + email + "', password: 'correct horse'})");
        waitForEvents(5);

        assertThat(events()).containsExactly(SIGNED_OUT, email, email, SIGNED_OUT, email);
        JsonNode log = browser.eval("events");
        assertThat(log.get(2).get("session")).as("refresh keeps the session").isEqualTo(log.get(1).get("session"));
        assertThat(log.get(2).get("expiresAt")).as("but moves its expiry").isNotEqualTo(log.get(1).get("expiresAt"));
        assertThat(log.get(4).get("session")).as("a new sign-in is a new session").isNotEqualTo(log.get(1).get("session"));
    }

    @Test
    void aLaterSubscriberGetsTheCurrentValueAndUnsubscribingStopsCallbacks() {
        browser.get(server.url("/client-test.html"));
        String email = signUp(browser);
        browser.eval("window.unwatch = watch()");
        waitForEvents(1);
        server.resetRequests();

        JsonNode second = browser.call("new Promise(resolve => { const off = authClient.onSessionChange(s => {"
                + " off(); resolve(s && s.user.email); }); })");
        assertThat(second.asText()).isEqualTo(email);
        assertThat(server.requests("GET", "/api/auth/get-session")).as("the known value, not a new request").isZero();

        browser.eval("unwatch()");
        browser.call("authClient.signOut()");

        assertThat(events()).containsExactly(email);
    }

    @Test
    void signOutInOneTabFiresNullInTheOtherTab() {
        crossTabSignOut("/client-test.html");
    }

    @Test
    void withoutBroadcastChannelTheLocalStorageFallbackTellsTheOtherTab() {
        crossTabSignOut("/client-test.html?nobc");
    }

    private void crossTabSignOut(String page) {
        String sep = page.contains("?") ? "&" : "?";
        browser.get(server.url(page + sep + "watch=tab1"));
        String tab1 = browser.currentTab();
        waitForEvents(1);
        String email = signUp(browser);
        browser.newTab(server.url(page + sep + "watch=tab2"));
        waitForEvents(1);
        String tab2 = browser.currentTab();
        browser.switchTo(tab1);
        assertThat(browser.eval("typeof BroadcastChannel").asText())
                .isEqualTo(page.contains("nobc") ? "undefined" : "function");

        browser.call("authClient.signOut()");

        browser.waitUntil("eventsOf('tab2').length >= 2", () -> "tab 2 saw " + browser.eval("eventsOf('tab2')"));
        assertThat(emails(browser.eval("eventsOf('tab2')"))).containsExactly(email, SIGNED_OUT);
        assertThat(events()).containsExactly(SIGNED_OUT, email, SIGNED_OUT);

        browser.switchTo(tab2);
        assertThat(browser.driver().findElement(By.id("state")).getText()).isEqualTo(SIGNED_OUT);
        assertThat(events()).containsExactly(email, SIGNED_OUT);
    }

    @Test
    void signInInOneTabFiresTheSessionInTheOtherTab() {
        browser.get(server.url("/client-test.html"));
        String tab1 = browser.currentTab();
        browser.newTab(server.url("/client-test.html?watch=tab2"));
        waitForEvents(1);
        browser.switchTo(tab1);

        String email = signUp(browser);

        browser.waitUntil("eventsOf('tab2').length >= 2", () -> "tab 2 saw " + browser.eval("eventsOf('tab2')"));
        assertThat(emails(browser.eval("eventsOf('tab2')"))).containsExactly(SIGNED_OUT, email);
    }

    @Test
    void aReloadAfterASignOutTheClientNeverSawFlipsTheOtherTab() {
        browser.get(server.url("/client-test.html?watch=tab1"));
        String tab1 = browser.currentTab();
        waitForEvents(1);
        String email = signUp(browser);
        browser.newTab(server.url("/client-test.html?watch=tab2"));
        waitForEvents(1);
        browser.switchTo(tab1);
        browser.waitUntil("events.length >= 2", () -> "tab 1 saw " + browser.eval("events"));

        // A sign-out the client never saw (like a server-side form post), then the page reloads.
        assertThat(browser.call(RAW_SIGN_OUT).asInt()).isEqualTo(200);
        assertThat(emails(browser.eval("eventsOf('tab2')"))).as("nothing told tab 2 yet").containsExactly(email);
        browser.driver().navigate().refresh();
        waitForEvents(1);

        assertThat(events()).as("the reloaded tab 1").containsExactly(SIGNED_OUT);
        browser.waitUntil("eventsOf('tab2').length >= 2", () -> "tab 2 saw " + browser.eval("eventsOf('tab2')"));
        assertThat(emails(browser.eval("eventsOf('tab2')"))).containsExactly(email, SIGNED_OUT);
        assertThat(browser.eval("localStorage.getItem('sessionauth.last')").asText()).isEmpty();
        browser.switchTo(tab2Of(tab1));
        assertThat(browser.driver().findElement(By.id("state")).getText()).isEqualTo(SIGNED_OUT);
        browser.screenshot("client-test");
    }

    @Test
    void focusReChecksTheSession() {
        browser.get(server.url("/client-test.html?watch=tab1"));
        waitForEvents(1);
        String email = signUp(browser);
        waitForEvents(2);
        assertThat(browser.call(RAW_SIGN_OUT).asInt()).isEqualTo(200);

        browser.eval("window.dispatchEvent(new Event('focus'))");

        waitForEvents(3);
        assertThat(events()).containsExactly(SIGNED_OUT, email, SIGNED_OUT);
    }

    @Test
    void comingBackToAHiddenTabReChecksTheSession() {
        browser.get(server.url("/client-test.html?watch=tab1"));
        String tab1 = browser.currentTab();
        waitForEvents(1);
        String email = signUp(browser);
        waitForEvents(2);
        browser.newTab(server.url("/client-test.html"));
        assertThat(browser.call(RAW_SIGN_OUT).asInt()).isEqualTo(200); // unseen by every client

        browser.switchTo(tab1); // tab 1 becomes visible and focused again

        waitForEvents(3);
        assertThat(events()).containsExactly(SIGNED_OUT, email, SIGNED_OUT);
    }

    private String tab2Of(String tab1) {
        return browser.driver().getWindowHandles().stream().filter(h -> !h.equals(tab1)).findFirst().orElseThrow();
    }

    private void waitForEvents(int n) {
        browser.waitUntil("window.events && events.length >= " + n, () -> "events so far: " + browser.eval("events"));
    }

    /** The current tab's onSessionChange log as e-mails, "signed out" for null. */
    private List<String> events() {
        return emails(browser.eval("events"));
    }

    private static List<String> emails(JsonNode events) {
        List<String> out = new ArrayList<>();
        events.forEach(e -> out.add(e.isNull() ? SIGNED_OUT : e.get("email").asText()));
        return out;
    }
}
