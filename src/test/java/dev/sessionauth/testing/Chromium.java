package dev.sessionauth.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sessionauth.testing.TestServer;
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
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium with a fresh profile (its own cookie jar and localStorage), driven through
 * /usr/bin/chromedriver. Selenium is given both executables, so it never looks for or downloads anything.
 * Without Chromium the tests fail (CI installs it: {@code apt-get install chromium chromium-driver}).
 */
final class Browser implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    // Selenium warns on every start that it has no CDP bindings for this Chromium; the tests use none.
    private static final Logger CDP_LOG = Logger.getLogger("org.openqa.selenium.devtools");

    static {
        CDP_LOG.setLevel(Level.SEVERE);
    }

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * The server the pages run against: the filter on {@code /*} and the container's default servlet serving the
     * test pages ({@code src/test/resources/browser}) together with the library's own {@code META-INF/resources}, so
     * pages load the real {@code /sessionauth/client.js} as a Servlet container serves it from the jar; every request
     * is counted by method and path.
     */
    static TestServer.Builder pages(TestServer.Builder b) {
        return b.staticFiles("browser", "META-INF/resources").countRequests();
    }

    static Browser open() {
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
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(chromedriver.toString())).usingAnyFreePort().build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(TIMEOUT);
            driver.manage().timeouts().pageLoadTimeout(TIMEOUT);
            return new Browser(driver, profile);
        } catch (RuntimeException e) {
            deleteRecursively(profile);
            throw e;
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    void get(String url) {
        driver.get(url);
    }

    /** Opens a new tab of this profile at {@code url} and leaves the driver in it; returns its handle. */
    String newTab(String url) {
        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(url);
        return driver.getWindowHandle();
    }

    String currentTab() {
        return driver.getWindowHandle();
    }

    void switchTo(String tab) {
        driver.switchTo().window(tab);
    }

    /**
     * Evaluates {@code expression} in the page (a value or a promise) and waits for it; returns the result as JSON.
     * A rejection comes back as {@code {"thrown": "..."}} so tests can assert that nothing rejects.
     */
    JsonNode call(String expression) {
        Object out = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "Promise.resolve().then(() => (" + expression + "))"
                        + ".then(r => done(JSON.stringify(r === undefined ? null : r)),"
                        + "      e => done(JSON.stringify({ thrown: String(e && e.stack || e) })));");
        return parse((String) out);
    }

    /** Evaluates {@code expression} synchronously; returns the result as JSON (null for functions and undefined). */
    JsonNode eval(String expression) {
        Object out = ((JavascriptExecutor) driver).executeScript(
                "const r = (" + expression + "); const json = JSON.stringify(r); return json === undefined ? 'null' : json;");
        return parse((String) out);
    }

    /** Waits (up to {@link #TIMEOUT}) until the JavaScript {@code condition} is true in the current tab. */
    void waitUntil(String condition, Supplier<String> whileWaiting) {
        new WebDriverWait(driver, TIMEOUT).pollingEvery(Duration.ofMillis(50))
                .withMessage(() -> "waiting for " + condition + "; " + whileWaiting.get())
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("return !!(" + condition + ");")));
    }

    /** Saves a PNG of the current tab to {@code <build dir>/screenshots/<name>.png}; returns where. */
    Path screenshot(String name) {
        Path dir = buildDir().resolve("screenshots");
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
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

    /** The build directory: {@code -Dbuild.dir}, else the parent of the test classes, else {@code target}. */
    private static Path buildDir() {
        String configured = System.getProperty("build.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        try {
            Path classes = Path.of(Browser.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return classes.getParent();
        } catch (Exception e) {
            return Path.of("target");
        }
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
