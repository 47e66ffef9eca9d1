package dev.sessionauth.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sessionauth.config.ConfigException;
import dev.sessionauth.SessionAuth;
import dev.sessionauth.store.jdbc.DataSources;
import dev.sessionauth.testing.TestServer;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where an app's users and sessions live when nothing is configured (an H2 file named after its context, logged
 * with its path), and the start-up errors a user meets first: an H2 file another app holds, a missing driver.
 */
class DefaultDatabaseTest {
    private static final String SECRET = TestServer.SECRET;

    @Test
    void theDefaultH2FileIsNamedAfterTheContextPath() {
        assertThat(DataSources.defaultUrl("")).isEqualTo("jdbc:h2:./data/sessionauth");
        assertThat(DataSources.defaultUrl("/shop")).isEqualTo("jdbc:h2:./data/sessionauth-shop");
        assertThat(DataSources.defaultUrl("/shop/v2")).isEqualTo("jdbc:h2:./data/sessionauth-shop-v2");
        assertThat(DataSources.defaultUrl("/a b;..%2F")).isEqualTo("jdbc:h2:./data/sessionauth-a-b-2F");
    }

    @Test
    void twoAppsWithoutJdbcUrlKeepTheirUsersInFilesOfTheirOwnAndTheLogSaysWhere() throws Exception {
        String name = "sa-deploy-test-" + UUID.randomUUID().toString().substring(0, 8);
        Path alphaFile = Path.of("data", "sessionauth-" + name + "-alpha.mv.db").toAbsolutePath();
        Path betaFile = Path.of("data", "sessionauth-" + name + "-beta.mv.db").toAbsolutePath();
        List<String> logged = new ArrayList<>();
        Logger log = Logger.getLogger(DataSources.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r.getLevel() + " " + r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        try (AppsOnOneHost host = AppsOnOneHost.start(Map.of("/" + name + "-alpha", Map.of("secret", SECRET),
                "/" + name + "-beta", Map.of("secret", SECRET)))) {
            // The same address signs up in both: two databases, not one shared file.
            for (String app : List.of("-alpha", "-beta")) {
                HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
                HttpResponse<String> up = browser.send(HttpRequest.newBuilder(
                                URI.create(host.origin() + "/" + name + app + "/api/auth/sign-up/email"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ann\",\"email\":\"ann@example.com\","
                                + "\"password\":\"plum tractor lantern\"}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(up.statusCode()).as(app + ": " + up.body()).isEqualTo(200);
            }
            assertThat(alphaFile).exists();
            assertThat(betaFile).exists();
            assertThat(logged).anySatisfy(line -> assertThat(line).startsWith("INFO ").contains(alphaFile.toString()))
                    .anySatisfy(line -> assertThat(line).startsWith("INFO ").contains(betaFile.toString()));
        } finally {
            log.removeHandler(capture);
            deleteFilesOf(name);
        }
    }

    @Test
    void anH2FileAnotherAppHoldsStopsStartUpWithAMessageThatNamesJdbcUrl(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:" + dir.resolve("taken").toAbsolutePath();
        try (Connection otherApp = openInAnotherApp(url)) {
            assertThatThrownBy(() -> SessionAuth.builder().systemProperties(new Properties()).environment(Map.of())
                    .set("secret", SECRET).set("jdbc.url", url).build())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("jdbc.url: ")
                    .hasMessageContaining("already in use")
                    .hasMessageContaining(dir.resolve("taken.mv.db").toAbsolutePath().toString())
                    .hasMessageContaining("jdbc:h2:./data/myapp");
        }
    }

    @Test
    void theDefaultFileInUseStopsStartUpSayingItIsTheDefaultAndHowToChooseAnother() throws Exception {
        String context = "/sa-deploy-test-" + UUID.randomUUID().toString().substring(0, 8);
        Path file = Path.of("data", "sessionauth-" + context.substring(1) + ".mv.db").toAbsolutePath();
        try (Connection otherApp = openInAnotherApp(DataSources.defaultUrl(context))) {
            assertThatThrownBy(() -> SessionAuth.builder().systemProperties(new Properties()).environment(Map.of())
                    .set("secret", SECRET).contextPath(context).build())
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("jdbc.url")
                    .hasMessageContaining("(the default)")
                    .hasMessageContaining(file.toString());
        } finally {
            deleteFilesOf(context.substring(1));
        }
    }

    @Test
    void aWebXmlAppWhoseFileIsTakenFailsToStartWithThatMessage(@TempDir Path dir) throws Exception {
        String url = "jdbc:h2:" + dir.resolve("shared").toAbsolutePath();
        try (Connection otherApp = openInAnotherApp(url)) {
            assertThatThrownBy(() -> AppsOnOneHost.start(Map.of("/late", Map.of("secret", SECRET, "jdbc.url", url))))
                    .satisfies(e -> assertThat(causes(e)).anySatisfy(m -> assertThat(m)
                            .contains("SessionAuth cannot start: jdbc.url: ").contains("already in use")));
        }
    }

    @Test
    void aPostgresqlUrlWithoutTheDriverStopsStartUpNamingTheDriverAndItsMavenCoordinates() throws Exception {
        try (URLClassLoader app = classPathWithout("/org/postgresql/")) {
            Throwable refused = buildIn(app, "jdbc.url", "jdbc:postgresql://db.example.com/app?password=hidden");
            assertThat(refused.getClass().getName()).isEqualTo(ConfigException.class.getName());
            assertThat(refused.getMessage()).startsWith("jdbc.url: jdbc:postgresql://db.example.com/app needs the"
                    + " PostgreSQL JDBC driver (org.postgresql.Driver)").contains("org.postgresql:postgresql")
                    .doesNotContain("hidden");
        }
    }

    @Test
    void aUrlNoDriverAcceptsStopsStartUpNamingJdbcUrl() {
        assertThatThrownBy(() -> SessionAuth.builder().systemProperties(new Properties()).environment(Map.of())
                .set("secret", SECRET).set("jdbc.url", "jdbc:nosuchdb://db.example.com/app").build())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("jdbc.url: no JDBC driver on the class path accepts jdbc:nosuchdb://db.example.com/app");
    }

    /**
     * A connection from an H2 engine loaded by a class loader of its own: what a second web app with H2 in its
     * WEB-INF/lib is to the first, one JVM but two engines, so the file lock is held against us.
     */
    private static Connection openInAnotherApp(String url) throws Exception {
        URL h2Jar = org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation();
        URLClassLoader otherApp = new URLClassLoader(new URL[] {h2Jar}, ClassLoader.getPlatformClassLoader());
        Driver driver = (Driver) otherApp.loadClass("org.h2.Driver").getConstructor().newInstance();
        Connection c = driver.connect(url, new Properties());
        return (Connection) java.lang.reflect.Proxy.newProxyInstance(DefaultDatabaseTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Object result = method.invoke(c, args);
                    if (method.getName().equals("close")) {
                        otherApp.close();
                    }
                    return result;
                });
    }

    /** The test class path without the jars under {@code excluded} (and without Jetty), as an app's loader. */
    private static URLClassLoader classPathWithout(String excluded) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String path = entry.replace('\\', '/');
            if (!path.contains(excluded) && !path.contains("/org/eclipse/jetty/")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
    }

    /** Builds an engine with one setting in {@code loader}; what it threw. */
    private static Throwable buildIn(ClassLoader loader, String name, String value) throws Exception {
        Class<?> entry = loader.loadClass(SessionAuth.class.getName());
        Object builder = entry.getMethod("builder").invoke(null);
        Class<?> type = builder.getClass();
        type.getMethod("systemProperties", Properties.class).invoke(builder, new Properties());
        type.getMethod("environment", Map.class).invoke(builder, Map.of());
        type.getMethod("set", String.class, String.class).invoke(builder, "secret", SECRET);
        type.getMethod("set", String.class, String.class).invoke(builder, name, value);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            type.getMethod("build").invoke(builder);
            throw new AssertionError("the engine started without the driver");
        } catch (InvocationTargetException e) {
            return e.getCause();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The H2 files (database, trace, lock) a test left under ./data for {@code name}. */
    private static void deleteFilesOf(String name) throws java.io.IOException {
        try (var files = Files.list(Path.of("data"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("sessionauth-" + name)).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    private static List<String> causes(Throwable e) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
            for (Throwable s : t.getSuppressed()) {
                messages.addAll(causes(s));
            }
        }
        return messages;
    }
}
