package dev.sessionauth.demo;

import dev.sessionauth.testing.Chromium;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo's "Sign in with Local test provider" button in headless Chromium, through the development provider's
 * login page and back: a new user lands on the dashboard signed in; an address that belongs to an account the
 * provider may not take over comes back to the login page with the reason in words.
 */
class SocialSignInBrowserTest {
    private static DemoServer demo;
    private final List<Chromium> browsers = new ArrayList<>();

    @BeforeAll
    static void startDemo() throws Exception {
        demo = SocialDemo.start();
    }

    @AfterAll
    static void stopDemo() throws Exception {
        demo.close();
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(Chromium::close);
    }

    private WebDriver browser() {
        Chromium chromium = Chromium.open();
        browsers.add(chromium);
        return chromium.driver();
    }

    private static WebDriverWait waitOn(WebDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    /** From the demo's login page through the provider's: the button, then the provider's form. */
    private static void signInAtTheProvider(WebDriver driver, String email, boolean verified) {
        driver.get(demo.url("/login"));
        WebDriverWait wait = waitOn(driver);
        driver.findElement(By.cssSelector("button[data-provider='local']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("provider-email")));
        assertThat(driver.getCurrentUrl()).contains("/local/authorize?");
        driver.findElement(By.id("provider-email")).sendKeys(email);
        driver.findElement(By.id("provider-name")).sendKeys("Dana Provider");
        if (!verified) {
            driver.findElement(By.id("provider-verified")).click();
        }
        driver.findElement(By.id("provider-submit")).click();
    }

    @Test
    void theButtonSignsInThroughTheProvidersLoginPageAndLandsOnTheDashboard() throws Exception {
        WebDriver driver = browser();
        String email = "dana-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

        driver.get(demo.url("/login"));
        assertThat(driver.findElement(By.cssSelector("button[data-provider='local']")).getText())
                .isEqualTo("Sign in with Local test provider");
        Chromium.screenshot(driver, "social-login-page");
        signInAtTheProvider(driver, email, true);

        waitOn(driver).until(ExpectedConditions.urlToBe(demo.url("/dashboard")));
        assertThat(driver.findElement(By.id("profile-email")).getText()).contains(email);
        assertThat(driver.findElement(By.id("profile-name")).getText()).isEqualTo("Dana Provider");
        Chromium.screenshot(driver, "social-dashboard");
        driver.navigate().refresh();
        assertThat(driver.getCurrentUrl()).isEqualTo(demo.url("/dashboard"));
    }

    @Test
    void anAddressThatBelongsToAnotherAccountComesBackToTheLoginPageWithTheReason() throws Exception {
        WebDriver driver = browser();
        String email = "erin-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        driver.get(demo.url("/signup"));
        driver.findElement(By.id("name")).sendKeys("Erin");
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys("correct horse battery");
        driver.findElement(By.id("submit")).click();
        waitOn(driver).until(ExpectedConditions.urlToBe(demo.url("/dashboard")));
        driver.findElement(By.id("sign-out")).click();
        waitOn(driver).until(ExpectedConditions.not(ExpectedConditions.urlToBe(demo.url("/dashboard"))));

        signInAtTheProvider(driver, email, false);

        waitOn(driver).until(ExpectedConditions.urlContains("error=account_not_linked"));
        assertThat(driver.getCurrentUrl()).startsWith(demo.url("/login"));
        assertThat(driver.findElement(By.id("form-error")).getText())
                .contains("An account with this e-mail address exists already");
        driver.get(demo.url("/dashboard"));
        assertThat(driver.getCurrentUrl()).startsWith(demo.url("/login"));
    }
}
