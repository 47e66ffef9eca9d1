package dev.sessionauth.demo;

import dev.sessionauth.testing.Chromium;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The demo's admin section in a real headless Chromium: the user who signs up with {@code DEMO_ADMIN_EMAIL} becomes
 * an admin, finds a user, views the app as them under the "you are viewing as … — stop" banner and comes back, ends
 * a session of theirs, bans them (their browser is signed out and their sign-in refused with the ban's message) and
 * lifts the ban; a user who is not an admin gets no admin page.
 */
class AdminBrowserTest extends DemoBrowsing {
    private static final String ADMIN_EMAIL = "admin-" + UUID.randomUUID().toString().substring(0, 8)
            + "@example.com";

    static {
        // Read by the demo as it starts (DemoBrowsing starts it once this class is loaded), as DEMO_ADMIN_EMAIL would be.
        System.setProperty("demo.adminEmail", ADMIN_EMAIL);
    }

    @AfterAll
    static void forgetAdminEmail() {
        System.clearProperty("demo.adminEmail");
    }

    /** The admin page once the admin role has arrived (the sign-up makes it on the events thread). */
    private static void openAdmin(WebDriver driver) {
        waitOn(driver).until(d -> {
            d.get(demo.url("/admin"));
            return !d.findElements(By.id("admin-users")).isEmpty();
        });
    }

    private static void signIn(WebDriver driver, String email) {
        driver.get(demo.url("/login"));
        driver.findElement(By.id("email")).sendKeys(email);
        driver.findElement(By.id("password")).sendKeys(PASSWORD);
        driver.findElement(By.id("submit")).click();
    }

    private static void search(WebDriver admin, String text) {
        WebElement box = admin.findElement(By.id("search"));
        box.clear();
        box.sendKeys(text);
        admin.findElement(By.id("search-submit")).click();
        waitOn(admin).until(ExpectedConditions.urlContains("q="));
    }

    private static void manage(WebDriver admin, String email) {
        openAdmin(admin);
        search(admin, email);
        admin.findElement(By.cssSelector("tr.user-row[data-email='" + email + "'] a.small-link")).click();
        waitOn(admin).until(ExpectedConditions.presenceOfElementLocated(By.id("admin-sessions")));
    }

    @Test
    void anAdminFindsAUserViewsTheAppAsThemEndsASessionAndBansThem() throws Exception {
        WebDriver admin = browser();
        signUp(admin, "Ada Admin", ADMIN_EMAIL);
        WebDriver victim = browser();
        String victimEmail = uniqueEmail("victor");
        signUp(victim, "Victor Victim", victimEmail);
        WebDriver bystander = browser();
        signUp(bystander, "Wendy Bystander", uniqueEmail("wendy"));

        openAdmin(admin);
        assertThat(admin.findElement(By.id("nav-admin")).getText()).isEqualTo("Admin");
        search(admin, "victor");
        List<WebElement> rows = admin.findElements(By.cssSelector("tr.user-row"));
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).getText()).contains("Victor Victim").contains(victimEmail).contains("active");
        Chromium.screenshot(admin, "admin-users");

        manage(admin, victimEmail);
        assertThat(admin.findElement(By.id("admin-user-email")).getText()).isEqualTo(victimEmail);
        assertThat(admin.findElements(By.cssSelector("tr.session-row"))).hasSize(1);
        Chromium.screenshot(admin, "admin-user");

        // View the app as the user: the banner says so on every page, and the account's secrets stay shut.
        admin.findElement(By.id("impersonate")).click();
        waitOn(admin).until(ExpectedConditions.urlToBe(demo.url("/dashboard")));
        WebElement banner = admin.findElement(By.cssSelector(".sa-impersonation"));
        assertThat(banner.getText().replaceAll("\\s+", " ")).contains("You are viewing as Victor Victim (" + victimEmail + ")");
        assertThat(admin.findElement(By.id("profile-email")).getText()).contains(victimEmail);
        assertThat(admin.findElements(By.id("nav-admin"))).isEmpty();
        Chromium.screenshot(admin, "admin-impersonating");
        admin.findElement(By.id("current-password")).sendKeys(PASSWORD);
        admin.findElement(By.id("new-password")).sendKeys("stolen by support");
        admin.findElement(By.id("confirm-new-password")).sendKeys("stolen by support");
        admin.findElement(By.id("change-password")).click();
        waitOn(admin).until(ExpectedConditions.presenceOfElementLocated(By.id("settings-error")));
        assertThat(admin.findElement(By.id("settings-error")).getText()).contains("Not while you view the app");
        admin.get(demo.url("/notes"));
        assertThat(admin.findElement(By.cssSelector(".sa-impersonation")).isDisplayed()).isTrue();

        admin.findElement(By.cssSelector(".sa-impersonation button")).click();
        waitOn(admin).until(ExpectedConditions.urlToBe(demo.url("/admin")));
        assertThat(admin.findElements(By.cssSelector(".sa-impersonation"))).isEmpty();
        assertThat(admin.findElement(By.id("session-badge")).getText()).contains(ADMIN_EMAIL);

        // End the user's session: their browser is signed out.
        manage(admin, victimEmail);
        assertThat(admin.findElements(By.cssSelector("tr.session-row"))).as("the impersonation ended").hasSize(1);
        WebElement ending = admin.findElement(By.cssSelector("tr.session-row"));
        admin.findElement(By.cssSelector("button.end-session")).click();
        // The page before the click has the session list too: wait for it to be replaced, not merely present.
        waitOn(admin).until(ExpectedConditions.stalenessOf(ending));
        waitOn(admin).until(ExpectedConditions.presenceOfElementLocated(By.id("admin-sessions")));
        assertThat(admin.findElements(By.cssSelector("tr.session-row"))).isEmpty();
        victim.get(demo.url("/dashboard"));
        waitOn(victim).until(ExpectedConditions.urlContains("/login?redirect="));

        // Ban: the user's new session ends at once, and signing in again tells them they are banned.
        signIn(victim, victimEmail);
        waitOn(victim).until(ExpectedConditions.urlToBe(demo.url("/dashboard")));
        manage(admin, victimEmail);
        admin.findElement(By.id("ban-reason")).sendKeys("spam");
        admin.findElement(By.id("ban-hours")).sendKeys("24");
        admin.findElement(By.id("ban")).click();
        waitOn(admin).until(ExpectedConditions.textToBePresentInElementLocated(By.id("admin-user-status"), "banned"));
        assertThat(admin.findElement(By.id("admin-user-status")).getText()).contains("spam").contains("until");
        Chromium.screenshot(admin, "admin-banned");
        victim.get(demo.url("/dashboard"));
        waitOn(victim).until(ExpectedConditions.urlContains("/login?redirect="));
        signIn(victim, victimEmail);
        waitOn(victim).until(ExpectedConditions.presenceOfElementLocated(By.id("form-error")));
        assertThat(victim.findElement(By.id("form-error")).getText()).contains("This account is banned");
        assertThat(victim.findElement(By.id("form-error")).getText()).doesNotContain("spam");
        Chromium.screenshot(victim, "admin-banned-sign-in");

        admin.findElement(By.id("unban")).click();
        waitOn(admin).until(ExpectedConditions.textToBePresentInElementLocated(By.id("admin-user-status"), "active"));
        signIn(victim, victimEmail);
        waitOn(victim).until(ExpectedConditions.urlToBe(demo.url("/dashboard")));

        // Someone who is not an admin gets no admin page and no link to one.
        bystander.get(demo.url("/admin"));
        assertThat(bystander.findElement(By.id("admin-error")).getText()).isEqualTo("Only admins can see this page.");
        assertThat(bystander.findElements(By.id("admin-users"))).isEmpty();
        assertThat(bystander.findElements(By.id("nav-admin"))).isEmpty();
    }
}
