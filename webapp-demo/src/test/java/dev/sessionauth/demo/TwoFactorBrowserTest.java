package dev.sessionauth.demo;

import dev.sessionauth.testing.Chromium;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.twofactor.TotpSecret;
import java.nio.ByteBuffer;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Two-factor sign-in through the demo's pages in a real headless Chromium: the dashboard enrols with a QR code drawn
 * on the server (the test's authenticator app reads the key printed beside it), the app's first code turns it on,
 * and a later sign-in goes through the second-step page, with a code (trusting the device) or a backup code.
 */
class TwoFactorBrowserTest extends DemoBrowsing {

    /** An authenticator app: RFC 6238 codes of the key the enrolment page shows, on this machine's clock. */
    private record AuthenticatorApp(byte[] key) {
        static AuthenticatorApp reading(String base32) {
            return new AuthenticatorApp(TotpSecret.fromBase32(base32).bytes());
        }

        long step() {
            return System.currentTimeMillis() / 1000 / 30;
        }

        String code(long step) throws Exception {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int o = h[h.length - 1] & 0x0f;
            int n = (h[o] & 0x7f) << 24 | (h[o + 1] & 0xff) << 16 | (h[o + 2] & 0xff) << 8 | (h[o + 3] & 0xff);
            return String.format("%06d", n % 1_000_000);
        }
    }

    private static void signIn(WebDriver driver, String email) {
        driver.get(demo.url("/login"));
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("submit")).click();
    }

    private static void show(WebDriver driver, String id) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()", driver.findElement(By.id(id)));
    }

    @Test
    void enrolFromTheDashboardThenSignInThroughTheSecondStepPage() throws Exception {
        WebDriver laptop = browser();
        String email = uniqueEmail("grace");
        signUp(laptop, "Grace", email);
        show(laptop, "two-factor");
        assertThat(laptop.findElement(By.id("two-factor-state")).getText()).contains("off");
        laptop.findElement(By.id("two-factor-password")).sendKeys(PASSWORD);
        laptop.findElement(By.id("two-factor-enable")).click();

        WebElement qr = waitOn(laptop).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#qr-code svg")));
        assertThat(qr.getDomAttribute("viewBox")).matches("0 0 \\d+ \\d+");
        AuthenticatorApp app = AuthenticatorApp.reading(laptop.findElement(By.id("totp-secret")).getText());
        List<String> backupCodes = laptop.findElements(By.cssSelector("#backup-codes code")).stream()
                .map(WebElement::getText).toList();
        assertThat(backupCodes).hasSize(10).allMatch(c -> c.matches("[a-z0-9]{5}-[a-z0-9]{5}"));
        Chromium.screenshot(laptop, "two-factor-enrol");
        laptop.findElement(By.id("confirm-code")).sendKeys("000000".equals(app.code(app.step())) ? "111111" : "000000");
        laptop.findElement(By.id("confirm")).click();
        waitOn(laptop).until(ExpectedConditions.presenceOfElementLocated(By.id("form-error")));
        assertThat(laptop.findElement(By.id("form-error")).getText()).contains("not right");
        long enrolStep = app.step();
        laptop.findElement(By.id("confirm-code")).sendKeys(app.code(enrolStep));
        laptop.findElement(By.id("confirm")).click();
        waitOn(laptop).until(ExpectedConditions.urlContains("/dashboard?notice=TWO_FACTOR_ON"));
        assertThat(laptop.findElement(By.id("two-factor-state")).getText()).contains("on");
        show(laptop, "two-factor");
        Chromium.screenshot(laptop, "two-factor-on");

        laptop.findElement(By.id("sign-out")).click();
        waitOn(laptop).until(ExpectedConditions.urlContains("notice=SIGNED_OUT"));
        signIn(laptop, email);
        waitOn(laptop).until(ExpectedConditions.urlContains("/two-factor?callbackURL="));
        assertThat(laptop.findElement(By.id("session-badge")).getText()).isEqualTo("Signed out");
        Chromium.screenshot(laptop, "two-factor-second-step");
        laptop.findElement(By.id("code")).sendKeys(app.code(enrolStep));
        laptop.findElement(By.id("submit")).click();
        waitOn(laptop).until(ExpectedConditions.presenceOfElementLocated(By.id("form-error")));
        assertThat(laptop.getCurrentUrl()).as("the enrolment's code again: used once").contains("error=INVALID_CODE");
        Chromium.screenshot(laptop, "two-factor-wrong-code");
        // The app's next code: the server accepts one step either side of its clock.
        laptop.findElement(By.id("code")).sendKeys(app.code(enrolStep + 1));
        laptop.findElement(By.id("trust-device")).click();
        laptop.findElement(By.id("submit")).click();
        waitOn(laptop).until(ExpectedConditions.urlToBe(demo.url("/dashboard")));
        assertThat(laptop.findElement(By.id("session-badge")).getText()).contains(email);

        WebDriver phone = browser();
        signIn(phone, email);
        waitOn(phone).until(ExpectedConditions.urlContains("/two-factor?callbackURL="));
        phone.findElement(By.id("use-backup-code")).click();
        waitOn(phone).until(ExpectedConditions.urlContains("backup=1"));
        Chromium.screenshot(phone, "two-factor-backup-code");
        phone.findElement(By.id("code")).sendKeys(backupCodes.get(0));
        phone.findElement(By.id("submit")).click();
        waitOn(phone).until(ExpectedConditions.urlToBe(demo.url("/dashboard")));

        laptop.findElement(By.id("sign-out")).click();
        waitOn(laptop).until(ExpectedConditions.urlContains("notice=SIGNED_OUT"));
        signIn(laptop, email);
        waitOn(laptop).until(ExpectedConditions.urlToBe(demo.url("/dashboard")));
        assertThat(laptop.findElement(By.id("session-badge")).getText()).as("a trusted device: no code").contains(email);
    }

    @Test
    void newBackupCodesAndTurningItOffFromTheDashboard() throws Exception {
        WebDriver laptop = browser();
        String email = uniqueEmail("ada");
        signUp(laptop, "Ada", email);
        laptop.findElement(By.id("two-factor-password")).sendKeys(PASSWORD);
        laptop.findElement(By.id("two-factor-enable")).click();
        waitOn(laptop).until(ExpectedConditions.presenceOfElementLocated(By.id("totp-secret")));
        AuthenticatorApp app = AuthenticatorApp.reading(laptop.findElement(By.id("totp-secret")).getText());
        laptop.findElement(By.id("confirm-code")).sendKeys(app.code(app.step()));
        laptop.findElement(By.id("confirm")).click();
        waitOn(laptop).until(ExpectedConditions.urlContains("notice=TWO_FACTOR_ON"));

        laptop.findElement(By.id("backup-codes-password")).sendKeys(PASSWORD);
        laptop.findElement(By.id("new-backup-codes")).click();
        waitOn(laptop).until(ExpectedConditions.presenceOfElementLocated(By.id("two-factor-codes")));
        assertThat(laptop.findElements(By.cssSelector("#backup-codes code"))).hasSize(10);
        Chromium.screenshot(laptop, "two-factor-new-backup-codes");
        laptop.findElement(By.id("done")).click();
        waitOn(laptop).until(ExpectedConditions.urlContains("/dashboard"));
        laptop.findElement(By.id("two-factor-disable-password")).sendKeys(PASSWORD);
        laptop.findElement(By.id("two-factor-disable")).click();
        waitOn(laptop).until(ExpectedConditions.urlContains("notice=TWO_FACTOR_OFF"));
        assertThat(laptop.findElement(By.id("two-factor-state")).getText()).contains("off");

        WebDriver phone = browser();
        signIn(phone, email);
        waitOn(phone).until(ExpectedConditions.urlToBe(demo.url("/dashboard")));
    }
}
