package dev.sessionauth.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The one browser driver of the tests, the library's and the demo's (which gets it from the library's test jar): one
 * headless Debian Chromium with a fresh profile (its own cookie jar and localStorage: another device, as far as a
 * server can tell), driven through /usr/bin/chromedriver and deleted on close. Selenium is given both executables,
 * so it never looks for or downloads anything. Without Chromium the tests fail (CI installs it:
 * {@code apt-get install chromium chromium-driver}).
 */
public final class Chromium implements AutoCloseable {
    /** How long a script, a wait or a condition may take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    // Pages load slower than scripts run when two CPUs serve a test JVM, Jetty and Chromium at once.
    private static final Duration PAGE_LOAD = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    // Selenium warns on every start that it has no CDP bindings for this Chromium; the tests use none.
    private static final Logger CDP_LOG = Logger.getLogger("org.openqa.selenium.devtools");

    static {
        CDP_LOG.setLevel(Level.SEVERE);
    }

    private final ChromeDriver driver;
    private final Path profile;

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts a browser with a fresh profile, its window 1200×900 (so what is "in view" is the same everywhere). */
    public static Chromium open() {
        Path chromium = Path.of(System.getProperty("sessionauth.chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("sessionauth.chromedriver", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            throw new AssertionError("The browser tests need Chromium and its driver at " + chromium + " and "
                    + chromedriver + " (Debian: apt-get install chromium chromium-driver; elsewhere pass "
                    + "-Dsessionauth.chromium=... -Dsessionauth.chromedriver=...)");
        }
        System.setProperty("SE_AVOID_STATS", "true");
        Path profile;
        try {
            profile = Files.createTempDirectory("sessionauth-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
                "--window-size=1200,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver.toString())).usingAnyFreePort().build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(TIMEOUT);
            driver.manage().timeouts().pageLoadTimeout(PAGE_LOAD);
            return new Chromium(driver, profile);
        } catch (RuntimeException e) {
            deleteRecursively(profile);
            throw e;
        }
    }

    /** The Selenium driver (a {@code ChromeDriver}: virtual authenticators, DevTools). */
    public ChromeDriver driver() {
        return driver;
    }

    /** Opens {@code url} in the current tab and waits for the page to load. */
    public void get(String url) {
        driver.get(url);
    }

    /** Opens a new tab of this profile at {@code url} and leaves the driver in it; returns its handle. */
    public String newTab(String url) {
        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(url);
        return driver.getWindowHandle();
    }

    /** The current tab's handle. */
    public String currentTab() {
        return driver.getWindowHandle();
    }

    /** Makes {@code tab} the current tab. */
    public void switchTo(String tab) {
        driver.switchTo().window(tab);
    }

    /**
     * Evaluates {@code expression} in the page (a value or a promise) and waits for it; returns the result as JSON.
     * A rejection comes back as {@code {"thrown": "..."}} so tests can assert that nothing rejects.
     */
    public JsonNode call(String expression) {
        Object out = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "Promise.resolve().then(() => (" + expression + "))"
                        + ".then(r => done(JSON.stringify(r === undefined ? null : r)),"
                        + "      e => done(JSON.stringify({ thrown: String(e && e.stack || e) })));");
        return parse((String) out);
    }

    /** Evaluates {@code expression} synchronously; returns the result as JSON (null for functions and undefined). */
    public JsonNode eval(String expression) {
        Object out = ((JavascriptExecutor) driver).executeScript(
                "const r = (" + expression + "); const json = JSON.stringify(r); return json === undefined ? 'null' : json;");
        return parse((String) out);
    }

    /** Waits (up to {@link #TIMEOUT}) until the JavaScript {@code condition} is true in the current tab. */
    public void waitUntil(String condition, Supplier<String> whileWaiting) {
        new WebDriverWait(driver, TIMEOUT).pollingEvery(Duration.ofMillis(50))
                .withMessage(() -> "waiting for " + condition + "; " + whileWaiting.get())
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return !!(" + condition + ");")));
    }

    /** Saves a PNG of the current tab to {@code <screenshots>/<name>.png} (see {@link #screenshots()}); returns where. */
    public Path screenshot(String name) {
        return screenshot(driver, name);
    }

    /** Saves a PNG of what {@code driver} shows now to {@code <screenshots>/<name>.png}; returns where. */
    public static Path screenshot(WebDriver driver, String name) {
        Path dir = screenshots();
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), file,
                    StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteRecursively(profile);
        }
    }

    /**
     * Where screenshots go for reviewers: {@code -Dscreenshots.dir}, else {@code screenshots} in {@code -Dbuild.dir},
     * else beside the test classes when they are a folder (the library's build), else {@code target/screenshots}.
     */
    static Path screenshots() {
        String configured = System.getProperty("screenshots.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String buildDir = System.getProperty("build.dir");
        if (buildDir != null && !buildDir.isBlank()) {
            return Path.of(buildDir, "screenshots");
        }
        try {
            Path classes = Path.of(Chromium.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(classes)) {
                return classes.getParent().resolve("screenshots");
            }
        } catch (Exception e) {
            // no code source to go by
        }
        return Path.of("target", "screenshots");
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp dir is harmless
        }
    }
}
