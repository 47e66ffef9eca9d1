package dev.sessionauth.testing;

import dev.sessionauth.SessionAuth;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a {@link TestServer} for a test class and stops it after: registered on a static field
 * ({@code @RegisterExtension static final ServerExtension server = ServerExtension.with(b -> b.set(...))}) one
 * server serves the whole class; on an instance field each test gets its own. It answers the server's own calls.
 */
public final class ServerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {
    private final UnaryOperator<TestServer.Builder> configuration;
    private final boolean onDemand;
    private TestServer server;
    private boolean perClass;

    private ServerExtension(UnaryOperator<TestServer.Builder> configuration, boolean onDemand) {
        this.configuration = configuration;
        this.onDemand = onDemand;
    }

    /** A server with the tests' defaults. */
    public static ServerExtension start() {
        return with(UnaryOperator.identity());
    }

    /** A server with these settings ({@code name, value, ...}) on top of the tests' defaults. */
    public static ServerExtension start(String... nameValuePairs) {
        return with(b -> b.settings(nameValuePairs));
    }

    /** A server the way {@code configuration} sets the builder up. */
    public static ServerExtension with(UnaryOperator<TestServer.Builder> configuration) {
        return new ServerExtension(configuration, false);
    }

    /**
     * Starts nothing by itself: each test calls {@link #launch} with the settings it needs on top of
     * {@code configuration}, and the server is stopped after the test (or the class, on a static field).
     */
    public static ServerExtension onDemand(UnaryOperator<TestServer.Builder> configuration) {
        return new ServerExtension(configuration, true);
    }

    /** Stops the running server, if any, and starts one with these settings ({@code name, value, ...}) added. */
    public TestServer launch(String... nameValuePairs) {
        return launch(b -> b.settings(nameValuePairs));
    }

    /** Stops the running server, if any, and starts one that {@code more} configures further. */
    public TestServer launch(UnaryOperator<TestServer.Builder> more) {
        stop();
        server = more.apply(configuration.apply(TestServer.builder())).start();
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        if (!onDemand) {
            server = configuration.apply(TestServer.builder()).start();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass && !onDemand) {
            server = configuration.apply(TestServer.builder()).start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    private void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The running server. */
    public TestServer get() {
        if (server == null) {
            throw new IllegalStateException("the server runs only while a test of its class does");
        }
        return server;
    }

    public TestClient client() {
        return get().client();
    }

    public SessionAuth auth() {
        return get().auth();
    }

    public int port() {
        return get().port();
    }

    public String origin() {
        return get().origin();
    }

    public String url(String path) {
        return get().url(path);
    }

    public String base() {
        return get().base();
    }

    public Connection database() throws SQLException {
        return get().database();
    }

    public long count(String sql, Object... params) {
        return get().count(sql, params);
    }

    public int requests(String method, String path) {
        return get().requests(method, path);
    }

    public void resetRequests() {
        get().resetRequests();
    }
}
