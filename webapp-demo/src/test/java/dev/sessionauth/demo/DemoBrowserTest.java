package dev.sessionauth.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The demo driven by a real headless Chromium, the way a person would use it. */
class DemoBrowserTest extends DemoBrowsing {

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
    void aWrongPasswordIsShownOnTheLoginPage() throws Exception {
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
        Chromium.screenshot(driver, "login-error");
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
        Chromium.screenshot(laptop, "dashboard-two-devices");

        laptop.findElement(By.id("sign-out-everywhere")).click();
        waitOn(laptop).until(ExpectedConditions.urlToBe(demo.url("/login")));

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
        waitOn(laptop).until(ExpectedConditions.urlToBe(demo.url("/dashboard")));
        assertThat(laptop.findElements(By.cssSelector("#sessions tbody tr"))).hasSize(1);

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
        waitOn(driver).until(ExpectedConditions.urlToBe(demo.url("/dev/mail")));
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
