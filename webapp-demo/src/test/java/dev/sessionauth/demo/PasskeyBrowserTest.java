package dev.sessionauth.demo;

import dev.sessionauth.testing.Chromium;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;

/**
 * Passkeys in a real headless Chromium whose authenticator is Chromium's own virtual one (Selenium 4's WebAuthn
 * API: a platform authenticator with user verification, as a laptop's fingerprint reader): registered on the
 * dashboard, renamed and deleted there, and used from the login page's "Sign in with a passkey". Every page is
 * opened at {@code http://localhost:<port>}: at 127.0.0.1 browsers refuse WebAuthn, which the pages say.
 */
class PasskeyBrowserTest extends DemoBrowsing {
    private static String local(String path) {
        return "http://localhost:" + demo.port() + path;
    }

    /** A fingerprint reader for this browser: resident keys, user verification, the user always says yes. */
    private static VirtualAuthenticator fingerprintReader(WebDriver driver) {
        return ((HasVirtualAuthenticator) driver).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true).setHasUserVerification(true)
                .setIsUserVerified(true).setIsUserConsenting(true));
    }

    private static void signUpAtLocalhost(WebDriver driver, String name, String email) {
        driver.get(local("/signup"));
        driver.findElement(By.id("name")).sendKeys(name);
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("submit")).click();
        waitOn(driver).until(ExpectedConditions.urlToBe(local("/dashboard")));
    }

    /** Registers a passkey named {@code name} on the dashboard and waits until the list shows {@code count}. */
    private static void addPasskey(WebDriver driver, String name, int count) {
        driver.findElement(By.id("passkey-name")).sendKeys(name);
        driver.findElement(By.id("passkey-register")).click();
        waitOn(driver).until(ExpectedConditions.attributeToBe(By.id("passkeys"), "data-count", String.valueOf(count)));
    }

    private static List<String> passkeyNames(WebDriver driver) {
        return driver.findElements(By.cssSelector("#passkey-list input.passkey-name")).stream()
                .map(e -> e.getDomProperty("value")).toList();
    }

    private static void showPasskeys(WebDriver driver) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", driver.findElement(By.id("passkeys")));
    }

    @Test
    void aPasskeyAddedOnTheDashboardSignsInFromTheLoginPage() throws Exception {
        WebDriver laptop = browser();
        VirtualAuthenticator fingerprint = fingerprintReader(laptop);
        String email = uniqueEmail("ada");
        signUpAtLocalhost(laptop, "Ada", email);
        assertThat(laptop.findElement(By.id("passkey-empty")).getText()).isEqualTo("No passkeys yet.");

        addPasskey(laptop, "Ada's laptop", 1);

        assertThat(passkeyNames(laptop)).containsExactly("Ada's laptop");
        assertThat(laptop.findElement(By.id("passkey-status")).getText()).startsWith("Passkey added");
        List<Credential> held = fingerprint.getCredentials();
        assertThat(held).hasSize(1);
        assertThat(held.get(0).isResidentCredential()).isTrue();
        assertThat(held.get(0).getRpId()).isEqualTo("localhost");
        showPasskeys(laptop);
        Chromium.screenshot(laptop, "passkey-added-on-dashboard");

        laptop.findElement(By.id("sign-out")).click();
        waitOn(laptop).until(ExpectedConditions.urlContains("notice=SIGNED_OUT"));
        laptop.get(local("/login"));
        Chromium.screenshot(laptop, "passkey-login-page");
        laptop.findElement(By.id("passkey-sign-in")).click();

        waitOn(laptop).until(ExpectedConditions.urlToBe(local("/dashboard")));
        assertThat(laptop.findElement(By.id("profile-email")).getText()).startsWith(email);
        assertThat(laptop.findElement(By.id("session-badge")).getText()).isEqualTo("Signed in as " + email);
        assertThat(fingerprint.getCredentials().get(0).getSignCount()).isGreaterThanOrEqualTo(2);
        Chromium.screenshot(laptop, "passkey-signed-in");
    }

    @Test
    void anAccountMadeWithAPasskeyAloneSignsInWithIt() throws Exception {
        WebDriver phone = browser();
        VirtualAuthenticator faceUnlock = fingerprintReader(phone);
        String email = uniqueEmail("grace");
        phone.get(local("/signup"));
        phone.findElement(By.id("name")).sendKeys("Grace");
        phone.findElement(By.id("email")).sendKeys(email);
        Chromium.screenshot(phone, "passkey-sign-up");

        phone.findElement(By.id("passkey-sign-up")).click();

        waitOn(phone).until(ExpectedConditions.urlToBe(local("/dashboard")));
        assertThat(phone.findElement(By.id("profile-email")).getText()).startsWith(email);
        waitOn(phone).until(ExpectedConditions.attributeToBe(By.id("passkeys"), "data-count", "1"));
        assertThat(passkeyNames(phone)).containsExactly("This device");
        assertThat(faceUnlock.getCredentials()).hasSize(1);

        phone.findElement(By.cssSelector("#passkey-list button.passkey-delete")).click();
        waitOn(phone).until(ExpectedConditions.visibilityOfElementLocated(By.id("passkey-error")));
        assertThat(phone.findElement(By.id("passkey-error")).getText()).contains("only way to sign in");
        assertThat(passkeyNames(phone)).hasSize(1);
        showPasskeys(phone);
        Chromium.screenshot(phone, "passkey-only-account-keeps-its-last-passkey");

        phone.findElement(By.id("sign-out")).click();
        waitOn(phone).until(ExpectedConditions.urlContains("notice=SIGNED_OUT"));
        phone.get(local("/login"));
        phone.findElement(By.id("passkey-sign-in")).click();
        waitOn(phone).until(ExpectedConditions.urlToBe(local("/dashboard")));
        assertThat(phone.findElement(By.id("session-badge")).getText()).isEqualTo("Signed in as " + email);
    }

    @Test
    void aSignInFromTheLoginPageGoesWhereTheLoginWasAskedFor() throws Exception {
        WebDriver laptop = browser();
        fingerprintReader(laptop);
        signUpAtLocalhost(laptop, "Ada", uniqueEmail("ada"));
        addPasskey(laptop, "Laptop", 1);
        laptop.findElement(By.id("sign-out")).click();
        waitOn(laptop).until(ExpectedConditions.urlContains("notice=SIGNED_OUT"));

        laptop.get(local("/notes"));
        waitOn(laptop).until(ExpectedConditions.urlContains("/login?redirect="));
        laptop.findElement(By.id("passkey-sign-in")).click();

        waitOn(laptop).until(ExpectedConditions.urlToBe(local("/notes")));
    }

    @Test
    void passkeysAreRenamedAndDeletedOnTheDashboard() throws Exception {
        WebDriver laptop = browser();
        VirtualAuthenticator fingerprint = fingerprintReader(laptop);
        signUpAtLocalhost(laptop, "Ada", uniqueEmail("ada"));
        addPasskey(laptop, "First", 1);
        // A second authenticator (a security key): the first one already holds a passkey for this account.
        ((HasVirtualAuthenticator) laptop).removeVirtualAuthenticator(fingerprint);
        fingerprintReader(laptop);
        addPasskey(laptop, "Second", 2);

        WebElement first = laptop.findElement(By.cssSelector("#passkey-list tr.passkey"));
        WebElement name = first.findElement(By.cssSelector("input.passkey-name"));
        name.clear();
        name.sendKeys("Work laptop");
        first.findElement(By.cssSelector("button.passkey-rename")).click();
        waitOn(laptop).until(ExpectedConditions.textToBe(By.id("passkey-status"), "Passkey renamed."));
        assertThat(passkeyNames(laptop)).containsExactly("Work laptop", "Second");

        laptop.findElements(By.cssSelector("#passkey-list button.passkey-delete")).get(1).click();
        waitOn(laptop).until(ExpectedConditions.attributeToBe(By.id("passkeys"), "data-count", "1"));
        assertThat(passkeyNames(laptop)).containsExactly("Work laptop");
        showPasskeys(laptop);
        Chromium.screenshot(laptop, "passkey-renamed-and-deleted");

        laptop.navigate().refresh();
        waitOn(laptop).until(ExpectedConditions.attributeToBe(By.id("passkeys"), "data-count", "1"));
        assertThat(passkeyNames(laptop)).containsExactly("Work laptop");
    }

    @Test
    void anAuthenticatorThatHoldsAPasskeyAlreadyIsNotRegisteredTwice() throws Exception {
        WebDriver laptop = browser();
        fingerprintReader(laptop);
        signUpAtLocalhost(laptop, "Ada", uniqueEmail("ada"));
        addPasskey(laptop, "Laptop", 1);

        laptop.findElement(By.id("passkey-register")).click();

        waitOn(laptop).until(ExpectedConditions.visibilityOfElementLocated(By.id("passkey-error")));
        assertThat(laptop.findElement(By.id("passkey-error")).getText()).contains("already holds a passkey");
        assertThat(passkeyNames(laptop)).hasSize(1);
    }

    @Test
    void atAnIpAddressThePagesSayToOpenTheDemoAtLocalhost() throws Exception {
        WebDriver driver = browser();
        driver.get(demo.url("/login"));

        WebElement error = waitOn(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("passkey-error")));
        assertThat(error.getText()).contains("http://localhost:" + demo.port() + "/login");
        assertThat(driver.findElement(By.id("passkey-sign-in")).isEnabled()).isFalse();
        Chromium.screenshot(driver, "passkey-at-an-ip-address");
    }
}
