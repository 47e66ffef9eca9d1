package dev.sessionauth.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sessionauth.testing.DeployedApp;
import dev.sessionauth.testing.TestClient;
import dev.sessionauth.testing.TestClient.Reply;
import dev.sessionauth.testing.TomcatWebApp;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's quick start, as the README writes it today: its web.xml and JSPs are extracted from the Markdown into
 * a web app folder, deployed under a context path on Jetty 12 and on Tomcat 10.1 with nothing added (the default H2
 * file included), and used as a browser would: pages fetched with {@code Accept: text/html}, forms posted with the
 * fields (CSRF token included) the page rendered, redirects followed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuickStartTest {
    private static final String PASSWORD = "plum tractor lantern";
    private static final String WRONG_MESSAGE = "That e-mail and password do not match an account.";

    private final Map<String, DeployedApp> apps = new LinkedHashMap<>();
    private final Map<String, String> contexts = new LinkedHashMap<>();
    private Path webapp;

    @BeforeAll
    void deploy() throws Exception {
        webapp = Files.createTempDirectory("quickstart-webapp");
        QuickStartFiles.of(Path.of("README.md")).writeUnder("src/main/webapp/", webapp);
        assertThat(webapp.resolve("WEB-INF/web.xml")).exists();
        // A context path of their own: each container's default H2 file (./data/sessionauth-<context>) is then its own.
        String run = UUID.randomUUID().toString().substring(0, 8);
        contexts.put("jetty", "/myapp-" + run + "-jetty");
        contexts.put("tomcat", "/myapp-" + run + "-tomcat");
        apps.put("jetty", DeployedApp.onJetty(webapp.toString(), contexts.get("jetty")));
        apps.put("tomcat", TomcatWebApp.start(webapp.toString(), contexts.get("tomcat")));
    }

    @AfterAll
    void stop() throws Exception {
        for (DeployedApp app : apps.values()) {
            app.close();
        }
        for (String context : contexts.values()) {
            for (String suffix : new String[] {".mv.db", ".trace.db"}) {
                Files.deleteIfExists(Path.of("data", "sessionauth-" + context.substring(1) + suffix));
            }
        }
        try (Stream<Path> files = Files.walk(webapp)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** One browser: its own cookie jar, {@code Origin} on posts, redirects followed within the app. */
    private final class Visitor {
        private final String context;
        private final TestClient http;
        /** Where the last redirect led: the page the user now looks at. */
        private String lastLanding = "";

        Visitor(String container) {
            this.context = contexts.get(container);
            this.http = TestClient.at(apps.get(container).origin()).header("Accept", "text/html,*/*;q=0.8");
        }

        /** A page of the app, by its path inside the app; must answer 200. */
        HtmlPage open(String path) {
            return page(get(context + path));
        }

        Reply get(String fullPath) {
            return http.get(fullPath);
        }

        /** Submits a form as a browser would and follows the answer's redirects to the page it lands on. */
        HtmlPage submit(HtmlPage.Form form) {
            return page(http.postForm(form.action(), form.body()));
        }

        /** The path (with its query) a redirect leads to, whether the container wrote it absolute or not. */
        String location(Reply r) {
            assertThat(r.status()).as(r.body()).isEqualTo(302);
            String location = r.header("Location").orElseThrow();
            return location.startsWith("http") ? location.substring(location.indexOf('/', "http://".length()))
                    : location;
        }

        private HtmlPage page(Reply r) {
            for (int hops = 0; r.status() == 302 && hops < 5; hops++) {
                lastLanding = location(r);
                r = http.get(lastLanding);
            }
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            return new HtmlPage(r.body());
        }

        /** Signs up through the pages: the sign-in page's link to the sign-up page, then its form. */
        HtmlPage signUp(String name, String email) {
            HtmlPage login = page(get(context + "/account/"));
            HtmlPage signUp = page(get(login.link("Sign up")));
            return submit(signUp.form("/api/auth/sign-up/email").with("name", name).with("email", email)
                    .with("password", PASSWORD));
        }
    }

    private static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static String query(String url, String name) {
        for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "tomcat"})
    void aVisitorOpeningTheAccountPageIsSentToSignInAndSignsUpThroughTheLinkedForm(String container) {
        Visitor browser = new Visitor(container);
        String context = contexts.get(container);
        Reply protectedPage = browser.get(context + "/account/");
        assertThat(browser.location(protectedPage)).isEqualTo(context + "/login.jsp?redirect="
                + URLEncoder.encode(context + "/account/", StandardCharsets.UTF_8));

        String email = uniqueEmail("ada");
        HtmlPage account = browser.signUp("Ada <b>Lovelace</b>", email);
        assertThat(browser.lastLanding).isEqualTo(context + "/account/");
        assertThat(account.html()).contains("Hello, Ada &lt;b&gt;Lovelace&lt;/b&gt;").contains(email)
                .doesNotContain("<b>Lovelace");
        assertThat(account.form("/api/auth/sign-out").fields().get("_csrf")).isNotBlank();
        // The folder's welcome file answers the folder without its slash too.
        assertThat(browser.open("/account").html()).contains("Hello, Ada");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "tomcat"})
    void signingOutEndsTheSessionAndTheSignInPageSaysSo(String container) {
        Visitor browser = new Visitor(container);
        HtmlPage account = browser.signUp("Grace", uniqueEmail("grace"));

        HtmlPage login = browser.submit(account.form("/api/auth/sign-out"));
        assertThat(browser.lastLanding).isEqualTo(contexts.get(container) + "/login.jsp?signedOut=true");
        assertThat(login.html()).contains("You are signed out.");
        assertThat(browser.location(browser.get(contexts.get(container) + "/account/"))).contains("/login.jsp?redirect=");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "tomcat"})
    void aFailedSignInShowsTheMessageKeepsTheEmailAndTheRedirectAndTheNextTryLandsOnTheRedirect(String container) {
        String context = contexts.get(container);
        String email = uniqueEmail("alan");
        new Visitor(container).signUp("Alan", email);

        Visitor browser = new Visitor(container);
        String target = context + "/account/?tab=sessions";
        Reply sent = browser.get(target);
        HtmlPage login = browser.open(browser.location(sent).substring(context.length()));
        HtmlPage failed = browser.submit(login.form("/api/auth/sign-in/email").with("email", email)
                .with("password", "not the password"));

        assertThat(browser.lastLanding).startsWith(context + "/login.jsp?");
        assertThat(query(browser.lastLanding, "error")).isEqualTo("INVALID_EMAIL_OR_PASSWORD");
        assertThat(failed.errorParagraph()).hasValue(WRONG_MESSAGE);
        HtmlPage.Form again = failed.form("/api/auth/sign-in/email");
        assertThat(again.fields()).containsEntry("email", email).containsEntry("callbackURL", target)
                .containsEntry("password", "");

        HtmlPage account = browser.submit(again.with("password", PASSWORD));
        assertThat(browser.lastLanding).isEqualTo(target);
        assertThat(account.html()).contains("Hello, Alan");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "tomcat"})
    void aFailedSignUpShowsTheMessageAndKeepsTheNameAndEmail(String container) {
        Visitor browser = new Visitor(container);
        String email = uniqueEmail("short");
        HtmlPage signUp = browser.open("/signup.jsp?redirect=" + contexts.get(container) + "/account/");
        HtmlPage failed = browser.submit(signUp.form("/api/auth/sign-up/email").with("name", "O'Brien & Co")
                .with("email", email).with("password", "short"));

        assertThat(failed.errorParagraph()).hasValue("The password is too short.");
        assertThat(failed.form("/api/auth/sign-up/email").fields()).containsEntry("name", "O'Brien & Co")
                .containsEntry("email", email).containsEntry("callbackURL", contexts.get(container) + "/account/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "tomcat"})
    void markupInTheQueryIsPrintedAsTextAndForeignRedirectsAreNotOffered(String container) {
        Visitor browser = new Visitor(container);
        String script = "\"><script>alert(1)</script>";
        for (String page : new String[] {"/login.jsp", "/signup.jsp"}) {
            HtmlPage attacked = browser.open(page + "?redirect=" + URLEncoder.encode("/" + script, StandardCharsets.UTF_8)
                    + "&error=" + URLEncoder.encode(script, StandardCharsets.UTF_8)
                    + "&email=" + URLEncoder.encode(script, StandardCharsets.UTF_8)
                    + "&name=" + URLEncoder.encode(script, StandardCharsets.UTF_8));
            assertThat(attacked.html()).as(page).doesNotContain("<script");
            assertThat(attacked.errorParagraph()).as("text that is no error code shows nothing").isEmpty();
            HtmlPage.Form form = attacked.form("/email");
            assertThat(form.fields()).containsEntry("email", script).containsEntry("callbackURL", "/" + script);
        }
        for (String foreign : new String[] {"https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:alert(1)", ""}) {
            HtmlPage login = browser.open("/login.jsp?redirect=" + URLEncoder.encode(foreign, StandardCharsets.UTF_8));
            assertThat(login.form("/api/auth/sign-in/email").fields()).as(foreign).containsEntry("callbackURL", "/account/");
        }

        // Signing in from a page that was handed a foreign target lands in the app.
        String email = uniqueEmail("linus");
        new Visitor(container).signUp("Linus", email);
        HtmlPage login = browser.open("/login.jsp?redirect=" + URLEncoder.encode("//evil.example/", StandardCharsets.UTF_8));
        browser.submit(login.form("/api/auth/sign-in/email").with("email", email).with("password", PASSWORD));
        assertThat(browser.lastLanding).isEqualTo(contexts.get(container) + "/account/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jetty", "tomcat"})
    void everyUnknownPathUnderTheApiAnswers404JsonEvenToABrowser(String container) {
        TestClient client = TestClient.at(apps.get(container).origin());
        String api = contexts.get(container) + "/api/auth";
        for (String path : new String[] {api, api + "/", api + "/nope", api + "/sign-in", api + "/get-session/x"}) {
            for (String accept : new String[] {"text/html,*/*;q=0.8", "application/json", "*/*"}) {
                for (Reply r : new Reply[] {client.get(path, "Accept", accept), client.post(path, "{}", "Accept", accept)}) {
                    assertThat(r.status()).as(path + " " + accept).isEqualTo(404);
                    assertThat(r.header("Content-Type").orElseThrow()).as(path).startsWith("application/json");
                    assertThat(r.code()).as(path + " " + r.body()).isEqualTo("NOT_FOUND");
                    assertThat(r.json().path("message").asText()).isNotBlank();
                }
            }
        }
    }
}
