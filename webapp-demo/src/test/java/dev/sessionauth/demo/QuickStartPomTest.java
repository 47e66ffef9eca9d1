package dev.sessionauth.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jetty.ee10.apache.jsp.JettyJasperInitializer;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start as a newcomer runs it: its {@code pom.xml}, web.xml and JSPs (taken from the Markdown as
 * it is today, between the {@code <!-- quickstart: path -->} markers) written into an empty project, built with the
 * {@code mvn} on the PATH ({@code mvn -o -q package}, against the Maven repository of this build, where the library
 * was installed), and the war it makes deployed on Jetty 12 and used through its pages: sign up, sign out, sign in.
 */
class QuickStartPomTest {
    private static final Pattern SNIPPET = Pattern.compile(
            "<!--\\s*quickstart:\\s*(\\S+)\\s*-->\\s*\\n```[\\w-]*\\n(.*?)\\n```", Pattern.DOTALL);
    private static final String PASSWORD = "plum tractor lantern";

    @TempDir
    Path project;

    @Test
    void theReadmesPomBuildsAWarWhosePagesSignUpSignOutAndSignIn() throws Exception {
        Map<String, String> files = snippets(Path.of(System.getProperty("quickstart.readme", "../README.md")));
        assertThat(files).containsKeys("pom.xml", "src/main/webapp/WEB-INF/web.xml", "src/main/webapp/login.jsp");
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path target = project.resolve(f.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
        }

        Path war = build();
        String context = "/myapp-" + UUID.randomUUID().toString().substring(0, 8);
        Server jetty = deploy(war, context);
        try {
            String origin = "http://127.0.0.1:" + ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
            Browser browser = new Browser(origin);
            String email = "quick-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

            // The account page sends a visitor to sign in, whose page links to sign up.
            String login = browser.landingOf(browser.get(context + "/account/"));
            assertThat(login).isEqualTo(context + "/login.jsp?redirect="
                    + URLEncoder.encode(context + "/account/", StandardCharsets.UTF_8));
            String signUpPage = browser.page(login).link("Sign up");
            Page account = browser.submit(browser.page(signUpPage).form("/api/auth/sign-up/email")
                    .with("name", "Quick Start").with("email", email).with("password", PASSWORD));
            assertThat(account.html).contains("Hello, Quick Start").contains(email);

            Page signedOut = browser.submit(account.form("/api/auth/sign-out"));
            assertThat(signedOut.html).contains("You are signed out.");

            Page again = browser.submit(signedOut.form("/api/auth/sign-in/email").with("email", email)
                    .with("password", PASSWORD));
            assertThat(browser.lastLanding).isEqualTo(context + "/account/");
            assertThat(again.html).contains("Hello, Quick Start");
        } finally {
            jetty.stop();
            for (String suffix : new String[] {".mv.db", ".trace.db"}) {
                Files.deleteIfExists(Path.of("data", "sessionauth-" + context.substring(1) + suffix));
            }
        }
    }

    private static Map<String, String> snippets(Path readme) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        Matcher m = SNIPPET.matcher(Files.readString(readme, StandardCharsets.UTF_8));
        while (m.find()) {
            files.put(m.group(1), m.group(2) + "\n");
        }
        return files;
    }

    /** {@code mvn -o -q package} in the project, with this build's local repository; the war it made. */
    private Path build() throws Exception {
        List<String> command = new ArrayList<>(List.of("mvn", "-o", "-q", "-B", "package"));
        String repository = System.getProperty("maven.repo.local", System.getProperty("quickstart.localRepository"));
        if (repository != null && !repository.isBlank()) {
            command.add("-Dmaven.repo.local=" + repository);
        }
        Path log = project.resolve("mvn.log");
        Process mvn = new ProcessBuilder(command).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        // A guard against a hung build, not a measure of speed.
        boolean finished = mvn.waitFor(20, TimeUnit.MINUTES);
        if (!finished) {
            mvn.destroyForcibly();
        }
        assertThat(finished).as("mvn package did not finish").isTrue();
        assertThat(mvn.exitValue()).as("%s\n%s", command, Files.readString(log)).isZero();
        Path war = project.resolve("target/myapp.war");
        assertThat(war).exists();
        return war;
    }

    /** The war on an embedded Jetty 12 with its JSP engine, as a container would deploy it. */
    private static Server deploy(Path war, String context) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        WebAppContext app = new WebAppContext();
        app.setContextPath(context);
        app.setWar(war.toString());
        // Without Jetty's annotations module nothing discovers Jasper's initializer: start it by hand.
        app.addServletContainerInitializer(new JettyJasperInitializer());
        server.setHandler(app);
        server.start();
        assertThat(app.isAvailable()).as("the war started").isTrue();
        return server;
    }

    /** A served page: its forms and links, values unescaped as a browser reads them. */
    private record Page(String html) {
        Form form(String actionSuffix) {
            Matcher m = Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.DOTALL).matcher(html);
            while (m.find()) {
                String action = attribute(m.group(1), "action");
                if (action != null && action.endsWith(actionSuffix)) {
                    Map<String, String> fields = new LinkedHashMap<>();
                    Matcher input = Pattern.compile("<input\\b([^>]*)>").matcher(m.group(2));
                    while (input.find()) {
                        String name = attribute(input.group(1), "name");
                        String type = attribute(input.group(1), "type");
                        boolean box = "checkbox".equals(type);
                        if (name != null && (!box || input.group(1).contains("checked"))) {
                            String value = attribute(input.group(1), "value");
                            fields.put(name, value == null ? "" : value);
                        }
                    }
                    return new Form(action, fields);
                }
            }
            throw new AssertionError("no form posting to …" + actionSuffix + " in\n" + html);
        }

        String link(String text) {
            Matcher m = Pattern.compile("<a\\b([^>]*)>\\s*" + Pattern.quote(text) + "\\s*</a>").matcher(html);
            assertThat(m.find()).as("a link \"%s\" in\n%s", text, html).isTrue();
            return attribute(m.group(1), "href");
        }

        private static String attribute(String tag, String name) {
            Matcher m = Pattern.compile("\\b" + name + "=\"([^\"]*)\"").matcher(tag);
            return m.find() ? m.group(1).replace("&#034;", "\"").replace("&#039;", "'").replace("&lt;", "<")
                    .replace("&gt;", ">").replace("&amp;", "&") : null;
        }
    }

    /** A form as it would be posted. */
    private record Form(String action, Map<String, String> fields) {
        Form with(String name, String value) {
            Map<String, String> typed = new LinkedHashMap<>(fields);
            typed.put(name, value);
            return new Form(action, typed);
        }

        String body() {
            return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        }
    }

    /** A browser's part in it: a cookie jar, {@code Origin} on posts, HTML accepted, redirects followed by hand. */
    private static final class Browser {
        private final String origin;
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        private String lastLanding = "";

        Browser(String origin) {
            this.origin = origin;
        }

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(origin + path)).header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        String landingOf(HttpResponse<String> redirect) {
            assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(302);
            String location = redirect.headers().firstValue("Location").orElseThrow();
            return location.startsWith("http") ? location.substring(origin.length()) : location;
        }

        Page page(String path) throws Exception {
            return follow(get(path));
        }

        Page submit(Form form) throws Exception {
            return follow(http.send(HttpRequest.newBuilder(URI.create(origin + form.action()))
                    .header("Accept", "text/html").header("Origin", origin)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form.body())).build(), HttpResponse.BodyHandlers.ofString()));
        }

        private Page follow(HttpResponse<String> r) throws Exception {
            for (int hops = 0; r.statusCode() == 302 && hops < 5; hops++) {
                lastLanding = landingOf(r);
                r = get(lastLanding);
            }
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return new Page(r.body());
        }
    }
}
