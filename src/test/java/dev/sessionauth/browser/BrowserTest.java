package dev.sessionauth.browser;

import dev.sessionauth.testing.Chromium;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** What every browser test shares: a fresh headless Chromium ({@link Chromium}) for each test, closed after it. */
abstract class BrowserTest {
    protected Chromium browser;

    @BeforeEach
    void openBrowser() {
        browser = Chromium.open();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }
}
