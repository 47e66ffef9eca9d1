package dev.sessionauth.demo;

import dev.sessionauth.testing.Chromium;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The account lifecycle in a real headless Chromium: a forgotten password reset through the dev mailbox (which signs
 * every device out), and the dashboard's settings (change the password, change the address, delete the account).
 */
class AccountLifecycleBrowserTest extends DemoBrowsing {
    private static final String NEW_PASSWORD = "plum tractor lantern";

    private static void signIn(WebDriver driver, String email, String password) {
        driver.get(demo.url("/login"));
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("submit")).click();
    }

    /** Opens the dev mailbox until the message of this kind to this address is there (mail goes out in the background). */
    private static WebElement awaitMail(WebDriver driver, String kind, String to) {
        By link = By.cssSelector("tr.mail[data-kind='" + kind + "'][data-to='" + to + "'] a.mail-link");
        return waitOn(driver).until(d -> {
            d.get(demo.url("/dev/mail"));
            return d.findElements(link).stream().findFirst().orElse(null);
        });
    }

    private static void assertSignedOut(WebDriver driver) {
        driver.get(demo.url("/dashboard"));
        waitOn(driver).until(ExpectedConditions.urlContains("/login?redirect="));
    }

    private static String text(WebDriver driver, String id) {
        return driver.findElement(By.id(id)).getText();
    }

    /**
     * Types two passwords that differ and submits: the page's own check stops the browser (the form stays, the
     * second field says why); posted anyway, as a browser without the script would, the server says the same.
     */
    private static void assertMismatchRefusedTwice(WebDriver driver, String first, String repeat, String button,
                                                  String errorId, String screenshot) throws Exception {
        String page = driver.getCurrentUrl();
        driver.findElement(By.id(first)).sendKeys("lantern tractor plum");
        driver.findElement(By.id(repeat)).sendKeys("lantern tractor plun");
        driver.findElement(By.id(button)).click();
        assertThat(driver.getCurrentUrl()).isEqualTo(page);
        assertThat(driver.findElement(By.id(repeat)).getAttribute("validationMessage"))
                .isEqualTo("The two passwords do not match.");

        // The form's own submit(), which skips the browser's checks (a button with id "submit" hides form.submit).
        ((JavascriptExecutor) driver).executeScript("HTMLFormElement.prototype.submit.call(arguments[0].form)",
                driver.findElement(By.id(repeat)));
        waitOn(driver).until(ExpectedConditions.urlContains("error=PASSWORDS_DO_NOT_MATCH"));
        assertThat(assertInView(driver, errorId)).isEqualTo("The two passwords do not match.");
        Chromium.screenshot(driver, screenshot);
    }

    /** Scrolls the settings section into view, for the screenshot that follows. */
    private static void showSettings(WebDriver driver) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", driver.findElement(By.id("settings")));
    }

    private static int notesOf(String userId) throws Exception {
        try (Connection c = DriverManager.getConnection(System.getProperty("demo.notes.jdbcUrl"));
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM demo_note WHERE user_id = ?")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void aForgottenPasswordIsResetThroughTheMailedLinkAndEveryOldSessionEnds() throws Exception {
        WebDriver laptop = browser();
        WebDriver phone = browser();
        WebDriver newDevice = browser();
        String email = uniqueEmail("ada");
        signUp(laptop, "Ada", email);
        signIn(phone, email, PASSWORD);
        waitOn(phone).until(ExpectedConditions.urlToBe(demo.url("/dashboard")));

        newDevice.get(demo.url("/login"));
        newDevice.findElement(By.id("forgot-password")).click();
        waitOn(newDevice).until(ExpectedConditions.urlToBe(demo.url("/forgot-password")));
        Chromium.screenshot(newDevice, "forgot-password");
        newDevice.findElement(By.id("email")).sendKeys(email);
        newDevice.findElement(By.id("submit")).click();
        waitOn(newDevice).until(ExpectedConditions.urlToBe(demo.url("/forgot-password?notice=RESET_MAIL_SENT")));
        assertThat(text(newDevice, "notice")).startsWith("If an account uses that address, we have sent it a link");
        Chromium.screenshot(newDevice, "forgot-password-sent");

        WebElement link = awaitMail(newDevice, "RESET_PASSWORD", email);
        String mailedLink = link.getAttribute("href");
        assertThat(mailedLink).startsWith(demo.url("/api/auth/reset-password/")).endsWith("?callbackURL=%2Freset-password");
        Chromium.screenshot(newDevice, "dev-mailbox-reset");
        link.click();
        waitOn(newDevice).until(ExpectedConditions.urlContains("/reset-password?token="));
        Chromium.screenshot(newDevice, "reset-password");

        assertMismatchRefusedTwice(newDevice, "new-password", "confirm-password", "submit", "form-error",
                "reset-password-mismatch");

        newDevice.findElement(By.id("new-password")).sendKeys("short");
        newDevice.findElement(By.id("confirm-password")).sendKeys("short");
        newDevice.findElement(By.id("submit")).click();
        waitOn(newDevice).until(ExpectedConditions.urlContains("error=PASSWORD_TOO_SHORT"));
        assertThat(text(newDevice, "form-error")).isEqualTo("The password must be at least 8 characters.");
        Chromium.screenshot(newDevice, "reset-password-too-short");

        newDevice.findElement(By.id("new-password")).sendKeys(NEW_PASSWORD);
        newDevice.findElement(By.id("confirm-password")).sendKeys(NEW_PASSWORD);
        newDevice.findElement(By.id("submit")).click();
        waitOn(newDevice).until(ExpectedConditions.urlToBe(demo.url("/login?notice=PASSWORD_RESET")));
        assertThat(assertInView(newDevice, "notice")).contains("every device that was signed in has been signed out");
        Chromium.screenshot(newDevice, "login-after-reset");

        // Both devices signed in before the reset are signed out now.
        assertSignedOut(laptop);
        assertSignedOut(phone);

        // The old password is gone, the new one works.
        signIn(phone, email, PASSWORD);
        waitOn(phone).until(ExpectedConditions.presenceOfElementLocated(By.id("form-error")));
        signIn(newDevice, email, NEW_PASSWORD);
        waitOn(newDevice).until(ExpectedConditions.urlToBe(demo.url("/dashboard")));

        // The link works once.
        newDevice.get(mailedLink);
        waitOn(newDevice).until(ExpectedConditions.urlToBe(demo.url("/reset-password?error=INVALID_TOKEN")));
        assertThat(text(newDevice, "form-error")).startsWith("This link is not valid any more");
        assertThat(newDevice.findElements(By.id("reset-form"))).isEmpty();
        Chromium.screenshot(newDevice, "reset-link-used");
    }

    @Test
    void changingThePasswordWithSignOutMyOtherDevicesKeepsOnlyThisOne() throws Exception {
        WebDriver laptop = browser();
        WebDriver phone = browser();
        String email = uniqueEmail("grace");
        signUp(laptop, "Grace", email);
        signIn(phone, email, PASSWORD);
        waitOn(phone).until(ExpectedConditions.urlToBe(demo.url("/dashboard")));
        laptop.navigate().refresh();
        assertThat(laptop.findElements(By.cssSelector("#sessions tbody tr"))).hasSize(2);

        laptop.findElement(By.id("current-password")).sendKeys("not my password");
        laptop.findElement(By.id("new-password")).sendKeys(NEW_PASSWORD);
        laptop.findElement(By.id("confirm-new-password")).sendKeys(NEW_PASSWORD);
        laptop.findElement(By.id("change-password")).click();
        waitOn(laptop).until(ExpectedConditions.presenceOfElementLocated(By.id("settings-error")));
        assertThat(assertInView(laptop, "settings-error")).isEqualTo("That is not your current password.");
        Chromium.screenshot(laptop, "settings-wrong-password");

        laptop.findElement(By.id("current-password")).sendKeys(PASSWORD);
        assertMismatchRefusedTwice(laptop, "new-password", "confirm-new-password", "change-password",
                "settings-error", "settings-password-mismatch");

        assertThat(laptop.findElement(By.id("revoke-other-sessions")).isSelected()).isTrue();
        laptop.findElement(By.id("current-password")).sendKeys(PASSWORD);
        laptop.findElement(By.id("new-password")).sendKeys(NEW_PASSWORD);
        laptop.findElement(By.id("confirm-new-password")).sendKeys(NEW_PASSWORD);
        laptop.findElement(By.id("change-password")).click();
        waitOn(laptop).until(ExpectedConditions.urlContains("notice=PASSWORD_CHANGED_OTHERS_SIGNED_OUT"));
        // The page opens at the settings, where the form was: the notice is there, not scrolled away at the top.
        assertThat(assertInView(laptop, "notice")).isEqualTo(
                "Your password is changed and your other devices are signed out.");
        assertThat(laptop.findElement(By.cssSelector("#settings #notice")).isDisplayed()).isTrue();
        assertThat(laptop.findElements(By.cssSelector("#sessions tbody tr"))).hasSize(1);
        Chromium.screenshot(laptop, "settings-password-changed");

        // This device goes on (with a new session), the other one is out; only the new password signs in.
        laptop.navigate().refresh();
        assertThat(laptop.getCurrentUrl()).startsWith(demo.url("/dashboard"));
        assertSignedOut(phone);
        signIn(phone, email, PASSWORD);
        waitOn(phone).until(ExpectedConditions.presenceOfElementLocated(By.id("form-error")));
        signIn(phone, email, NEW_PASSWORD);
        waitOn(phone).until(ExpectedConditions.urlToBe(demo.url("/dashboard")));
    }

    @Test
    void anUnverifiedAddressChangesAtOnceAndAVerifiedOneOnlyThroughTheLinkMailedToTheNewAddress() throws Exception {
        WebDriver driver = browser();
        String first = uniqueEmail("alan");
        String second = uniqueEmail("alan-two");
        String third = uniqueEmail("alan-three");
        signUp(driver, "Alan", first);

        driver.findElement(By.id("new-email")).sendKeys(second);
        driver.findElement(By.id("change-email")).click();
        waitOn(driver).until(ExpectedConditions.urlContains("notice=EMAIL_CHANGED"));
        assertThat(assertInView(driver, "notice")).startsWith("Your e-mail address is changed.");
        assertThat(text(driver, "profile-email")).contains(second).doesNotContain("verified");
        Chromium.screenshot(driver, "settings-email-changed");

        // The verification link went to the new address; opening it verifies that address.
        awaitMail(driver, "VERIFY_EMAIL", second).click();
        waitOn(driver).until(ExpectedConditions.urlContains("/dashboard"));
        driver.get(demo.url("/dashboard"));
        assertThat(text(driver, "profile-email")).contains(second).contains("verified");

        // Verified: nothing changes until the link mailed to the new address is opened.
        driver.findElement(By.id("new-email")).sendKeys(third);
        driver.findElement(By.id("change-email")).click();
        waitOn(driver).until(ExpectedConditions.urlContains("notice=EMAIL_CHANGE_SENT"));
        assertThat(assertInView(driver, "notice")).startsWith("We have sent a link to the new address.");
        assertThat(text(driver, "profile-email")).contains(second);
        Chromium.screenshot(driver, "settings-email-confirmation-sent");
        WebElement confirm = awaitMail(driver, "CHANGE_EMAIL", third);
        Chromium.screenshot(driver, "dev-mailbox-change-email");
        confirm.click();
        waitOn(driver).until(ExpectedConditions.urlContains("/dashboard"));
        driver.get(demo.url("/dashboard"));
        assertThat(text(driver, "profile-email")).contains(third);
    }

    @Test
    void deletingTheAccountNeedsThePasswordAndTakesTheSessionsAndNotesAlong() throws Exception {
        WebDriver laptop = browser();
        WebDriver phone = browser();
        String email = uniqueEmail("barbara");
        signUp(laptop, "Barbara", email);
        String userId = laptop.findElement(By.cssSelector("#profile code")).getText();
        signIn(phone, email, PASSWORD);
        waitOn(phone).until(ExpectedConditions.urlToBe(demo.url("/dashboard")));
        laptop.get(demo.url("/notes"));
        laptop.findElement(By.id("note-body")).sendKeys("Barbara's plan");
        laptop.findElement(By.id("add-note")).click();
        waitOn(laptop).until(ExpectedConditions.presenceOfElementLocated(By.id("notes")));
        assertThat(notesOf(userId)).isEqualTo(1);

        laptop.get(demo.url("/dashboard"));
        laptop.findElement(By.id("delete-password")).sendKeys("not my password");
        laptop.findElement(By.id("delete-confirm")).click();
        laptop.findElement(By.id("delete-account")).click();
        waitOn(laptop).until(ExpectedConditions.presenceOfElementLocated(By.id("settings-error")));
        assertThat(assertInView(laptop, "settings-error")).isEqualTo("That is not your current password.");
        assertThat(notesOf(userId)).isEqualTo(1);

        laptop.findElement(By.id("delete-password")).sendKeys(PASSWORD);
        laptop.findElement(By.id("delete-confirm")).click();
        showSettings(laptop);
        Chromium.screenshot(laptop, "settings-delete-account");
        laptop.findElement(By.id("delete-account")).click();
        waitOn(laptop).until(ExpectedConditions.urlToBe(demo.url("/?notice=ACCOUNT_DELETED")));
        assertThat(assertInView(laptop, "notice")).isEqualTo("Your account and your notes are deleted. Goodbye!");
        assertThat(laptop.findElement(By.id("session-badge")).getAttribute("data-state")).isEqualTo("signed-out");
        Chromium.screenshot(laptop, "account-deleted");

        assertThat(notesOf(userId)).isZero();
        assertSignedOut(phone);
        signIn(phone, email, PASSWORD);
        waitOn(phone).until(ExpectedConditions.presenceOfElementLocated(By.id("form-error")));
    }

    @Test
    void signingOutIsAPlainFormPostToTheApiThatLandsOnTheHomePage() throws Exception {
        WebDriver driver = browser();
        signUp(driver, "Linus", uniqueEmail("linus"));
        showSettings(driver);
        Chromium.screenshot(driver, "dashboard-settings");
        driver.findElement(By.id("sign-out")).click();
        waitOn(driver).until(ExpectedConditions.urlToBe(demo.url("/?notice=SIGNED_OUT")));
        assertThat(assertInView(driver, "notice")).isEqualTo("You are signed out.");
        assertSignedOut(driver);
    }
}
