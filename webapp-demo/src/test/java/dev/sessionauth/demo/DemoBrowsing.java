package dev.sessionauth.demo;

import dev.sessionauth.testing.Chromium;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import static org.assertj.core.api.Assertions.assertThat;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the demo's browser tests share: the demo started once per class, a fresh Chromium profile per "device"
 * (closed after each test), and signing up through the demo's own form.
 */
abstract class DemoBrowsing {
    static final String PASSWORD = "correct horse battery";

    static DemoServer demo;
    private final List<Chromium> browsers = new ArrayList<>();

    @BeforeAll
    static void startDemo() throws Exception {
        demo = DemoServer.start();
    }

    @AfterAll
    static void stopDemo() throws Exception {
        demo.close();
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(Chromium::close);
    }

    /** A new headless Chromium with a profile of its own: another device, as far as the server can tell. */
    WebDriver browser() {
        Chromium chromium = Chromium.open();
        browsers.add(chromium);
        return chromium.driver();
    }

    static WebDriverWait waitOn(WebDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(10));
    }

    /**
     * Asserts that the element is where the eye is after the page loaded: wholly inside the window, as the page was
     * scrolled by its address (a {@code #section}) or not at all. Returns its text.
     */
    static String assertInView(WebDriver driver, String id) {
        WebElement element = driver.findElement(By.id(id));
        Object box = ((JavascriptExecutor) driver).executeScript("const r = arguments[0].getBoundingClientRect();"
                + " return [r.top, r.bottom, window.innerHeight, window.scrollY];", element);
        assertThat((Boolean) ((JavascriptExecutor) driver).executeScript("const r = arguments[0].getBoundingClientRect();"
                + " return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;", element))
                .as("#%s is in view (top, bottom, window height, scrolled): %s", id, box).isTrue();
        return element.getText();
    }

    static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** Signs up through /signup with {@link #PASSWORD} and waits for the dashboard. */
    static void signUp(WebDriver driver, String name, String email) {
        driver.get(demo.url("/signup"));
        driver.findElement(By.id("name")).sendKeys(name);
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("submit")).click();
        waitOn(driver).until(ExpectedConditions.urlToBe(demo.url("/dashboard")));
    }
}
