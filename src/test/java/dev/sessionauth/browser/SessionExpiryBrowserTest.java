package dev.sessionauth.browser;

import dev.sessionauth.testing.Chromium;
import static dev.sessionauth.browser.ClientApiBrowserTest.signUp;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sessionauth.testing.ServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sessions that expire while the page is open: the client's one expiry timer notices without polling and
 * without any user action, and a hidden tab waits until it is visible again before asking.
 */
class SessionExpiryBrowserTest extends BrowserTest {
        // The shortest lifetime the configuration allows with a sliding refresh: 3 s, refreshed after 1 s.
    @RegisterExtension
    static final ServerExtension server = ServerExtension.with(b -> BrowserPages.pages(b)
            .settings("session.maxAge", "3s", "session.updateAge", "1s", "session.absoluteMaxAge", "0"));

    @Test
    void callbackFiresNullOnceExpiresAtPassesWithoutAnyUserAction() {
        browser.get(server.url("/client-test.html"));
        String email = signUp(browser);
        server.resetRequests();
        browser.eval("watch()");
        browser.waitUntil("events.length >= 1", () -> "events: " + browser.eval("events"));
        JsonNode first = browser.eval("events[0]");
        assertThat(first.get("email").asText()).isEqualTo(email);

        browser.waitUntil("events.length >= 2", () -> "events: " + browser.eval("events"));

        JsonNode events = browser.eval("events.concat([Date.now()])");
        assertThat(events.get(1).isNull()).as("events %s", events).isTrue();
        assertThat(events.get(2).asLong()).as("not before expiresAt")
                .isGreaterThanOrEqualTo(java.time.Instant.parse(first.get("expiresAt").asText()).toEpochMilli());
        assertThat(server.requests("GET", "/api/auth/get-session"))
                .as("one read to subscribe, one when the session expired: no polling").isEqualTo(2);
    }

    @Test
    void anExpiryTimerInAHiddenTabWaitsUntilTheTabIsVisible() {
        browser.get(server.url("/client-test.html?watch=tab1"));
        String tab1 = browser.currentTab();
        browser.waitUntil("events.length >= 1", () -> "events: " + browser.eval("events"));
        String email = signUp(browser);
        browser.waitUntil("events.length >= 2", () -> "events: " + browser.eval("events"));
        long expiresAt = java.time.Instant.parse(browser.eval("events[1].expiresAt").asText()).toEpochMilli();

        browser.newTab(server.url("/client-test.html")); // tab 1 is now hidden
        server.resetRequests();
        browser.waitUntil("Date.now() > " + (expiresAt + 1500), () -> "the clock");

        assertThat(server.requests("GET", "/api/auth/get-session")).as("no fetch from a hidden tab's timer").isZero();
        assertThat(browser.eval("eventsOf('tab1').length").asInt()).as("tab 1 still shows the session").isEqualTo(2);

        browser.switchTo(tab1);

        browser.waitUntil("events.length >= 3", () -> "events: " + browser.eval("events"));
        JsonNode events = browser.eval("events");
        assertThat(events.get(1).get("email").asText()).isEqualTo(email);
        assertThat(events.get(2).isNull()).as("events %s", events).isTrue();
    }
}
