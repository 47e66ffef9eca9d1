package dev.sessionauth.demo;

import dev.sessionauth.testing.Chromium;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The demo driven by a real headless Chromium, the way a person would use it. */
class DemoBrowserTest extends DemoBrowsing {
    /** An ISO-8601 instant to the second, as the {@code title} of every time on the pages. */
    private static final String ISO_SECOND = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z";

    private static void signIn(WebDriver driver, String email, String password) {
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("submit")).click();
    }

    private static void awaitBadge(WebDriver driver, String state) {
        waitOn(driver).until(ExpectedConditions.attributeToBe(By.id("session-badge"), "data-state", state));
    }

    @Test
    void signingUpLandsOnTheDashboardAndAReloadKeepsTheSession() throws Exception {
        WebDriver driver = browser();
        driver.get(demo.url("/"));
        assertThat(driver.findElement(By.id("greeting")).getText()).contains("Sessions for Java web apps");
        Chromium.screenshot(driver, "home-signed-out");
        driver.get(demo.url("/signup"));
        Chromium.screenshot(driver, "signup");

        String email = uniqueEmail("ada");
        signUp(driver, "Ada Lovelace", email);
        assertThat(driver.findElement(By.id("profile-email")).getText()).contains(email);
        assertThat(driver.findElement(By.id("profile-name")).getText()).isEqualTo("Ada Lovelace");
        awaitBadge(driver, "signed-in");
        assertThat(driver.findElement(By.id("session-badge")).getText()).isEqualTo("Signed in as " + email);
        // This device in words: the browser's name and system, times as people say them; the exact values on hover.
        WebElement device = driver.findElement(By.cssSelector("#session-device .device"));
        assertThat(device.getText()).isEqualTo("Chrome on Linux");
        assertThat(device.getAttribute("title")).contains("Chrome/").contains("Linux")
                .isEqualTo(((JavascriptExecutor) driver).executeScript("return navigator.userAgent"));
        WebElement created = driver.findElement(By.cssSelector("#session-created time"));
        assertThat(created.getText()).isEqualTo("just now");
        assertThat(created.getAttribute("title")).matches(ISO_SECOND).isEqualTo(created.getAttribute("datetime"));
        WebElement expires = driver.findElement(By.cssSelector("#session-expires time"));
        assertThat(expires.getText()).as("session.maxAge is 30d").isEqualTo("in a month");
        assertThat(expires.getAttribute("title")).matches(ISO_SECOND);
        Chromium.screenshot(driver, "dashboard");

        driver.navigate().refresh();
        assertThat(driver.getCurrentUrl()).isEqualTo(demo.url("/dashboard"));
        assertThat(driver.findElement(By.id("profile-email")).getText()).contains(email);

        driver.get(demo.url("/"));
        assertThat(driver.findElement(By.id("greeting")).getText()).isEqualTo("Welcome back, Ada Lovelace.");
        Chromium.screenshot(driver, "home-signed-in");
    }

    @Test
    void signingOutInOneTabFlipsTheOtherTabsBadgeAndProtectedPagesRedirectToLogin() throws Exception {
        WebDriver driver = browser();
        String email = uniqueEmail("grace");
        signUp(driver, "Grace Hopper", email);
        String firstTab = driver.getWindowHandle();
        awaitBadge(driver, "signed-in");

        driver.switchTo().newWindow(WindowType.TAB);
        String secondTab = driver.getWindowHandle();
        driver.get(demo.url("/"));
        awaitBadge(driver, "signed-in");

        driver.switchTo().window(firstTab);
        driver.findElement(By.id("sign-out")).click();
        waitOn(driver).until(ExpectedConditions.urlToBe(demo.url("/?notice=SIGNED_OUT")));
        awaitBadge(driver, "signed-out");

        driver.switchTo().window(secondTab);
        awaitBadge(driver, "signed-out");
        assertThat(driver.findElement(By.id("session-badge")).getText()).isEqualTo("Signed out");

        driver.get(demo.url("/dashboard?tab=sessions"));
        waitOn(driver).until(ExpectedConditions.urlContains("/login?redirect="));
        assertThat(driver.getCurrentUrl()).isEqualTo(demo.url("/login?redirect=%2Fdashboard%3Ftab%3Dsessions"));

        signIn(driver, email, PASSWORD);
        waitOn(driver).until(ExpectedConditions.urlToBe(demo.url("/dashboard?tab=sessions")));
        awaitBadge(driver, "signed-in");
    }

    @Test
    void aWrongPasswordIsShownOnTheLoginPageWhichKeepsTheEmailAndAsksOnlyForThePassword() throws Exception {
        WebDriver driver = browser();
        String email = uniqueEmail("alan");
        signUp(driver, "Alan Turing", email);
        driver.findElement(By.id("sign-out")).click();
        waitOn(driver).until(ExpectedConditions.urlToBe(demo.url("/?notice=SIGNED_OUT")));

        driver.get(demo.url("/login"));
        signIn(driver, email, "not the password");
        waitOn(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("form-error")));
        assertThat(driver.findElement(By.id("form-error")).getText())
                .isEqualTo("That e-mail and password do not match an account.");
        assertThat(driver.getCurrentUrl()).startsWith(demo.url("/login?redirect="));
        assertInView(driver, "form-error");
        assertThat(driver.findElement(By.id("email")).getAttribute("value")).isEqualTo(email);
        assertThat(driver.findElement(By.id("password")).getAttribute("value")).isEmpty();
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("password");
        Chromium.screenshot(driver, "login-error-email-kept");

        // Typing only the password is enough now, and the sign-in goes on where it was headed.
        driver.switchTo().activeElement().sendKeys(PASSWORD);
        driver.findElement(By.id("submit")).click();
        waitOn(driver).until(ExpectedConditions.urlToBe(demo.url("/dashboard")));
    }

    @Test
    void signOutEverywhereEndsTheSessionOfAnotherBrowserProfile() throws Exception {
        WebDriver laptop = browser();
        WebDriver phone = browser();
        String email = uniqueEmail("linus");
        signUp(laptop, "Linus", email);

        phone.get(demo.url("/login"));
        signIn(phone, email, PASSWORD);
        waitOn(phone).until(ExpectedConditions.urlToBe(demo.url("/dashboard")));

        laptop.navigate().refresh();
        assertThat(laptop.findElements(By.cssSelector("#sessions tbody tr"))).hasSize(2);
        List<String> devices = laptop.findElements(By.cssSelector("#sessions td.device")).stream()
                .map(WebElement::getText).toList();
        assertThat(devices).containsExactly("Chrome on Linux", "Chrome on Linux");
        assertThat(laptop.findElements(By.cssSelector("#sessions td.created time"))).allSatisfy(time -> {
            assertThat(time.getText()).isIn("just now", "a minute ago");
            assertThat(time.getAttribute("title")).matches(ISO_SECOND);
        });
        assertThat(laptop.findElement(By.id("sessions")).getText()).doesNotContain("Mozilla/5.0");
        Chromium.screenshot(laptop, "dashboard-two-devices");

        laptop.findElement(By.id("sign-out-everywhere")).click();
        waitOn(laptop).until(ExpectedConditions.urlToBe(demo.url("/login?notice=SIGNED_OUT_EVERYWHERE")));
        assertThat(assertInView(laptop, "notice")).isEqualTo("You are signed out on every device, this one included.");
        awaitBadge(laptop, "signed-out");
        Chromium.screenshot(laptop, "login-signed-out-everywhere");

        phone.navigate().refresh();
        waitOn(phone).until(ExpectedConditions.urlContains("/login?redirect="));
        assertThat(phone.getCurrentUrl()).isEqualTo(demo.url("/login?redirect=%2Fdashboard"));
    }

    @Test
    void signOutOtherDevicesKeepsThisOne() throws Exception {
        WebDriver laptop = browser();
        WebDriver phone = browser();
        String email = uniqueEmail("barbara");
        signUp(laptop, "Barbara", email);
        phone.get(demo.url("/login"));
        signIn(phone, email, PASSWORD);
        waitOn(phone).until(ExpectedConditions.urlToBe(demo.url("/dashboard")));

        laptop.navigate().refresh();
        laptop.findElement(By.id("sign-out-others")).click();
        waitOn(laptop).until(ExpectedConditions.urlToBe(demo.url("/dashboard?notice=OTHERS_SIGNED_OUT#sessions")));
        assertThat(laptop.findElements(By.cssSelector("#sessions tbody tr"))).hasSize(1);
        assertThat(assertInView(laptop, "notice")).isEqualTo(
                "Your other devices are signed out. Only this one is still signed in.");
        assertThat(laptop.findElement(By.cssSelector("#sessions #notice")).isDisplayed()).isTrue();
        Chromium.screenshot(laptop, "sessions-others-signed-out");

        phone.navigate().refresh();
        waitOn(phone).until(ExpectedConditions.urlContains("/login?redirect="));
    }

    @Test
    void signingOutOneOtherDeviceSaysSoBesideTheList() throws Exception {
        WebDriver laptop = browser();
        WebDriver phone = browser();
        String email = uniqueEmail("ken");
        signUp(laptop, "Ken", email);
        phone.get(demo.url("/login"));
        signIn(phone, email, PASSWORD);
        waitOn(phone).until(ExpectedConditions.urlToBe(demo.url("/dashboard")));

        laptop.navigate().refresh();
        laptop.findElement(By.cssSelector("#sessions tbody tr:not(.current) button")).click();
        waitOn(laptop).until(ExpectedConditions.urlToBe(demo.url("/dashboard?notice=DEVICE_SIGNED_OUT#sessions")));
        assertThat(assertInView(laptop, "notice")).isEqualTo("That device is signed out.");
        assertThat(laptop.findElements(By.cssSelector("#sessions tbody tr"))).hasSize(1);
        Chromium.screenshot(laptop, "sessions-device-signed-out");
        phone.navigate().refresh();
        waitOn(phone).until(ExpectedConditions.urlContains("/login?redirect="));
    }

    @Test
    void everyUserSeesAndAddsOnlyTheirOwnNotes() throws Exception {
        WebDriver alice = browser();
        WebDriver bob = browser();
        signUp(alice, "Alice", uniqueEmail("alice"));
        signUp(bob, "Bob", uniqueEmail("bob"));

        alice.get(demo.url("/notes"));
        alice.findElement(By.id("note-body")).sendKeys("Alice's <b>secret</b> plan");
        alice.findElement(By.id("add-note")).click();
        waitOn(alice).until(ExpectedConditions.presenceOfElementLocated(By.id("notes")));
        assertThat(alice.findElement(By.id("notes")).getText()).contains("Alice's <b>secret</b> plan");
        WebElement written = alice.findElement(By.cssSelector("#notes time"));
        assertThat(written.getText()).isEqualTo("just now");
        assertThat(written.getAttribute("title")).matches(ISO_SECOND);
        Chromium.screenshot(alice, "notes");

        bob.get(demo.url("/notes"));
        assertThat(bob.findElement(By.id("no-notes")).isDisplayed()).isTrue();
        bob.findElement(By.id("note-body")).sendKeys("Bob's shopping list");
        bob.findElement(By.id("add-note")).click();
        waitOn(bob).until(ExpectedConditions.presenceOfElementLocated(By.id("notes")));
        assertThat(bob.findElement(By.id("notes")).getText()).contains("Bob's shopping list").doesNotContain("Alice");

        alice.navigate().refresh();
        assertThat(alice.findElement(By.id("notes")).getText()).doesNotContain("Bob");
    }

    @Test
    void verifyingTheEmailAddressThroughTheDevMailboxMarksTheProfileVerified() throws Exception {
        WebDriver driver = browser();
        signUp(driver, "Margaret Hamilton", uniqueEmail("margaret"));
        assertThat(driver.findElement(By.id("profile-role")).getText()).isEqualTo("member");
        assertThat(driver.findElement(By.id("profile-email")).getText()).doesNotContain("verified");

        driver.findElement(By.id("verify-email")).click();
        waitOn(driver).until(ExpectedConditions.urlToBe(demo.url("/dev/mail?notice=VERIFICATION_SENT")));
        assertThat(assertInView(driver, "notice")).startsWith("We have sent you a link to verify your address.");
        By verifyLink = By.cssSelector("tr.mail[data-kind='VERIFY_EMAIL'] a.mail-link");
        // Mail goes out on a background thread: reload the mailbox until it is there.
        WebElement link = waitOn(driver).until(d -> {
            d.navigate().refresh();
            return d.findElements(verifyLink).stream().findFirst().orElse(null);
        });
        Chromium.screenshot(driver, "dev-mailbox");
        link.click();

        waitOn(driver).until(ExpectedConditions.urlToBe(demo.url("/dashboard?verified=1")));
        assertThat(driver.findElement(By.id("profile-email")).getText()).contains("verified");
        assertThat(driver.findElement(By.id("verified-note")).getText()).contains("verified");
        assertThat(driver.findElements(By.id("verify-email"))).isEmpty();
    }
}
