package dev.sessionauth.browser;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** What every browser test shares: a fresh headless Chromium ({@link Browser}) for each test, closed after it. */
abstract class BrowserTest {
    protected Browser browser;

    @BeforeEach
    void openBrowser() {
        browser = Browser.open();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }
}
